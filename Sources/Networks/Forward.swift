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
    /// All scratch space is allocated once (the per-sample arrays of `trace` used to cost more than the
    /// arithmetic for small networks); the sums run in the same order as `trace`, so the values are the same.
    public func batchJacobian(_ inputs: Matrix) throws -> Matrix {
        try checkInputs(inputs)
        let p = parameterCount, nL = outputWidth, layers = depth
        var jacobian = Matrix(rows: inputs.rows * nL, cols: p)
        let offsets = (1...layers).map { weightOffset(layer: $0) }
        // h_l of layer l at unitStart[l] in `post`; the slopes of hidden layer l at the same place in `slope`.
        var unitStart = [0]
        for w in widths { unitStart.append(unitStart[unitStart.count - 1] + w) }
        let widest = widths.max() ?? 0
        var post = [Double](repeating: 0, count: unitStart[layers + 1])
        var slope = post
        var delta = [Double](repeating: 0, count: widest), previous = delta
        let weightData = weights.map(\.storage)
        let activation = self.activation
        let n0 = inputWidth

        jacobian.storage.withUnsafeMutableBufferPointer { jp in
            inputs.storage.withUnsafeBufferPointer { xp in
                for s in 0..<inputs.rows {
                    for j in 0..<n0 { post[j] = xp[s * n0 + j] }
                    forwardInPlace(weightData, biases, unitStart: unitStart, post: &post, slope: &slope, activation: activation)
                    for k in 0..<nL {
                        for i in 0..<nL { delta[i] = 0 }
                        delta[k] = 1
                        var width = nL
                        let rowBase = (s * nL + k) * p
                        for l in stride(from: layers, through: 1, by: -1) {
                            let inputBase = unitStart[l - 1], fanIn = widths[l - 1]
                            let offset = rowBase + offsets[l - 1]
                            for i in 0..<width where delta[i] != 0 {
                                let d = delta[i], base = offset + i * fanIn
                                for j in 0..<fanIn { jp[base + j] = d * post[inputBase + j] }
                            }
                            let biasBase = offset + width * fanIn
                            for i in 0..<width { jp[biasBase + i] = delta[i] }
                            guard l > 1 else { break }
                            weightData[l - 1].withUnsafeBufferPointer { wp in
                                for j in 0..<fanIn { previous[j] = 0 }
                                for i in 0..<width where delta[i] != 0 {
                                    let d = delta[i], row = i * fanIn
                                    for j in 0..<fanIn { previous[j] += wp[row + j] * d }
                                }
                            }
                            for j in 0..<fanIn { delta[j] = previous[j] * slope[inputBase + j] }
                            width = fanIn
                        }
                    }
                }
            }
        }
        return jacobian
    }
}

/// One forward pass in place: `post` holds h_0 on entry and every h_l on return; `slope` gets σ'(z_l) for
/// the hidden layers. Same sums, in the same order, as `MLP.trace`.
private func forwardInPlace(_ weights: [[Double]], _ biases: [[Double]], unitStart: [Int], post: inout [Double], slope: inout [Double],
                            activation: Activation) {
    let layers = weights.count
    for l in 0..<layers {
        let (inBase, outBase) = (unitStart[l], unitStart[l + 1])
        let (fanIn, fanOut) = (outBase - inBase, unitStart[l + 2] - outBase)
        weights[l].withUnsafeBufferPointer { wp in
            for i in 0..<fanOut {
                var sum = biases[l][i]
                let row = i * fanIn
                for j in 0..<fanIn { sum += wp[row + j] * post[inBase + j] }
                if l == layers - 1 {
                    post[outBase + i] = sum
                } else {
                    post[outBase + i] = activation.value(sum)
                    slope[outBase + i] = activation.derivative(sum)
                }
            }
        }
    }
}
