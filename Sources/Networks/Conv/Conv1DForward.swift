import LinearAlgebra

extension Conv1DNet {
    /// Pre-activations z_l and post-activations h_l of every layer for one flattened input (h_0 = x).
    /// `pre[l-1]` is z_l, `post[l]` is h_l (channel-major); the output is `post[L]` (= z_L).
    public func trace(_ x: [Double]) -> (pre: [[Double]], post: [[Double]]) {
        let arch = architecture
        let lengths = arch.lengths
        let channels = arch.allChannels
        var pre: [[Double]] = []
        var post: [[Double]] = [x]
        for l in 1...depth {
            let (cIn, cOut, k) = (channels[l - 1], channels[l], arch.kernelSizes[l - 1])
            let (tIn, tOut) = (lengths[l - 1], lengths[l])
            let input = post[l - 1]
            let f = filters[l - 1]
            var z = [Double](repeating: 0, count: cOut * tOut)
            for o in 0..<cOut {
                for t in 0..<tOut {
                    var sum = biases[l - 1][o]
                    for i in 0..<cIn {
                        let fBase = (o * cIn + i) * k
                        let hBase = i * tIn + t
                        for tap in 0..<k { sum += f[fBase + tap] * input[hBase + tap] }
                    }
                    z[o * tOut + t] = sum
                }
            }
            pre.append(z)
            post.append(l == depth ? z : z.map { activation.value($0) })
        }
        return (pre, post)
    }

    /// Outputs for a batch: `inputs` is n × (c0·T0), one channel-major sample per row; the result is
    /// n × (c_L·T_L), each row the last feature map flattened channel-major.
    public func forward(_ inputs: Matrix) throws -> Matrix {
        try checkInputs(inputs)
        var out = Matrix(rows: inputs.rows, cols: outputWidth)
        for s in 0..<inputs.rows {
            let y = trace(inputs.row(s)).post[depth]
            for r in 0..<outputWidth { out[s, r] = y[r] }
        }
        return out
    }

    /// The batch Jacobian by backpropagation: row s·(c_L·T_L) + r is ∂f_r(x_s)/∂θ (r = channel·T_L + position),
    /// columns in the parameter order documented on `Conv1DNet`.
    public func batchJacobian(_ inputs: Matrix) throws -> Matrix {
        try checkInputs(inputs)
        let p = parameterCount
        let outputs = outputWidth
        var jacobian = Matrix(rows: inputs.rows * outputs, cols: p)
        for s in 0..<inputs.rows {
            let (pre, post) = trace(inputs.row(s))
            let slopes = pre.dropLast().map { $0.map { activation.derivative($0) } }
            for r in 0..<outputs {
                var delta = [Double](repeating: 0, count: outputs)
                delta[r] = 1
                let rowBase = (s * outputs + r) * p
                for l in stride(from: depth, through: 1, by: -1) {
                    jacobian.storage.withUnsafeMutableBufferPointer { row in
                        writeLayerGradient(layer: l, delta: delta, input: post[l - 1], into: row, at: rowBase)
                    }
                    if l > 1 {
                        var previous = propagate(delta, throughLayer: l)
                        let slope = slopes[l - 2]
                        for j in 0..<previous.count { previous[j] *= slope[j] }
                        delta = previous
                    }
                }
            }
        }
        return jacobian
    }

    /// Smallest |z| over all hidden pre-activations and samples (ReLU boundary exclusion, science.md §0.3 item 4);
    /// +∞ when the network has no hidden layer.
    public func smallestHiddenPreActivation(_ inputs: Matrix) throws -> Double {
        try checkInputs(inputs)
        var smallest = Double.infinity
        for s in 0..<inputs.rows {
            for z in trace(inputs.row(s)).pre.dropLast() {
                for v in z { smallest = min(smallest, abs(v)) }
            }
        }
        return smallest
    }

    /// ∂/∂F_l[o][i][τ] = Σ_t δ[o,t]·h_{l-1}[i,t+τ] and ∂/∂b_l[o] = Σ_t δ[o,t], written into one Jacobian row.
    private func writeLayerGradient(layer l: Int, delta: [Double], input: [Double],
                                    into row: UnsafeMutableBufferPointer<Double>, at rowBase: Int) {
        let arch = architecture
        let (cIn, cOut, k) = (arch.allChannels[l - 1], arch.channels[l - 1], arch.kernelSizes[l - 1])
        let lengths = arch.lengths
        let (tIn, tOut) = (lengths[l - 1], lengths[l])
        let offset = rowBase + arch.filterOffset(layer: l)
        let biasOffset = offset + arch.filterCount(layer: l)
        for o in 0..<cOut {
            var biasGradient = 0.0
            for t in 0..<tOut {
                let d = delta[o * tOut + t]
                guard d != 0 else { continue }
                biasGradient += d
                for i in 0..<cIn {
                    let fBase = offset + (o * cIn + i) * k
                    let hBase = i * tIn + t
                    for tap in 0..<k { row[fBase + tap] += d * input[hBase + tap] }
                }
            }
            row[biasOffset + o] = biasGradient
        }
    }

    /// Gradient with respect to h_{l-1}: g[i, t+τ] = Σ_o Σ_t F_l[o][i][τ]·δ[o,t] (before multiplying by σ').
    private func propagate(_ delta: [Double], throughLayer l: Int) -> [Double] {
        let arch = architecture
        let (cIn, cOut, k) = (arch.allChannels[l - 1], arch.channels[l - 1], arch.kernelSizes[l - 1])
        let lengths = arch.lengths
        let (tIn, tOut) = (lengths[l - 1], lengths[l])
        let f = filters[l - 1]
        var g = [Double](repeating: 0, count: cIn * tIn)
        for o in 0..<cOut {
            for t in 0..<tOut {
                let d = delta[o * tOut + t]
                guard d != 0 else { continue }
                for i in 0..<cIn {
                    let fBase = (o * cIn + i) * k
                    let gBase = i * tIn + t
                    for tap in 0..<k { g[gBase + tap] += f[fBase + tap] * d }
                }
            }
        }
        return g
    }
}
