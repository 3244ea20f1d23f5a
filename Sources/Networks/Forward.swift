import LinearAlgebra

extension MLP {
    /// Pre-activations z_l and post-activations h_l of every layer for one input (h_0 = x).
    /// `pre[l-1]` is z_l; `post[l]` is h_l; the output is `post[L]` (= z_L, the last layer is affine).
    public func trace(_ x: [Double]) -> (pre: [[Double]], post: [[Double]]) {
        var pre: [[Double]] = []
        var post: [[Double]] = [x]
        pre.reserveCapacity(depth)
        post.reserveCapacity(depth + 1)
        for l in 0..<depth {
            let w = weights[l]
            let input = post[l]
            var z = biases[l]
            w.storage.withUnsafeBufferPointer { wp in
                for i in 0..<w.rows {
                    var sum = z[i]
                    let base = i * w.cols
                    for j in 0..<w.cols { sum += wp[base + j] * input[j] }
                    z[i] = sum
                }
            }
            pre.append(z)
            post.append(l == depth - 1 ? z : z.map { activation.value($0) })
        }
        return (pre, post)
    }

    /// Outputs for a batch: `inputs` is n × n0 (one sample per row); the result is n × nL.
    public func forward(_ inputs: Matrix) throws -> Matrix {
        try checkInputs(inputs)
        var out = Matrix(rows: inputs.rows, cols: outputWidth)
        for s in 0..<inputs.rows {
            let y = trace(inputs.row(s)).post[depth]
            for k in 0..<outputWidth { out[s, k] = y[k] }
        }
        return out
    }

    /// The batch Jacobian: row s·nL + k is ∂f_k(x_s)/∂θ, columns in the §0.2 parameter order.
    /// Exact backpropagation (science.md §0.3 item 1), one backward pass per sample and output.
    public func batchJacobian(_ inputs: Matrix) throws -> Matrix {
        try checkInputs(inputs)
        let p = parameterCount
        let nL = outputWidth
        var jacobian = Matrix(rows: inputs.rows * nL, cols: p)
        let offsets = (1...depth).map { weightOffset(layer: $0) }
        for s in 0..<inputs.rows {
            let (pre, post) = trace(inputs.row(s))
            let slopes = pre.dropLast().map { $0.map { activation.derivative($0) } }
            for k in 0..<nL {
                var delta = [Double](repeating: 0, count: nL)
                delta[k] = 1
                let rowBase = (s * nL + k) * p
                for l in stride(from: depth, through: 1, by: -1) {
                    let input = post[l - 1]
                    let offset = offsets[l - 1]
                    let width = input.count
                    jacobian.storage.withUnsafeMutableBufferPointer { jp in
                        for i in 0..<delta.count where delta[i] != 0 {
                            let d = delta[i]
                            let base = rowBase + offset + i * width
                            for j in 0..<width { jp[base + j] = d * input[j] }
                        }
                        let biasBase = rowBase + offset + delta.count * width
                        for i in 0..<delta.count { jp[biasBase + i] = delta[i] }
                    }
                    if l > 1 {
                        let w = weights[l - 1]
                        var previous = [Double](repeating: 0, count: w.cols)
                        for i in 0..<w.rows where delta[i] != 0 {
                            for j in 0..<w.cols { previous[j] += w[i, j] * delta[i] }
                        }
                        let slope = slopes[l - 2]
                        for j in 0..<previous.count { previous[j] *= slope[j] }
                        delta = previous
                    }
                }
            }
        }
        return jacobian
    }
}
