import LinearAlgebra

extension ElmanRNN {
    /// Pre-activations and states along one sequence (T × m, row t-1 = u_t): `pre[t-1]` is
    /// z_t = A x_{t-1} + B u_t + b, `states[t]` is x_t (so `states[0]` is x_0 = 0).
    public func trace(_ sequence: Matrix) -> (pre: [[Double]], states: [[Double]]) {
        let (n, m) = (stateSize, inputSize)
        var pre: [[Double]] = []
        var states: [[Double]] = [[Double](repeating: 0, count: n)]
        for t in 0..<sequence.rows {
            let x = states[t]
            var z = bias
            for i in 0..<n {
                var sum = z[i]
                for j in 0..<n { sum += stateMatrix[i, j] * x[j] }
                for j in 0..<m { sum += inputMatrix[i, j] * sequence[t, j] }
                z[i] = sum
            }
            pre.append(z)
            states.append(z.map { activation.value($0) })
        }
        return (pre, states)
    }

    /// Outputs y_1…y_T for one sequence: a T × p matrix whose row t-1 is y_t = C x_t.
    public func outputs(_ sequence: Matrix) throws -> Matrix {
        try checkSequence(sequence)
        let states = trace(sequence).states
        var y = Matrix(rows: sequence.rows, cols: outputSize)
        for t in 1...sequence.rows {
            for k in 0..<outputSize {
                var sum = 0.0
                for j in 0..<stateSize { sum += outputMatrix[k, j] * states[t][j] }
                y[t - 1, k] = sum
            }
        }
        return y
    }

    /// Outputs of several sequences (each T_s × m; lengths may differ), one T_s × p matrix each.
    public func forward(_ sequences: [Matrix]) throws -> [Matrix] {
        try sequences.map { try outputs($0) }
    }

    /// All outputs of several sequences stacked into one vector, in the row order of `batchJacobian`.
    public func stackedOutputs(_ sequences: [Matrix]) throws -> [Double] {
        try forward(sequences).flatMap { $0.storage }
    }

    /// The batch Jacobian by backpropagation through time. Rows: sequences in order, then time t = 1…T_s, then
    /// output k (row = Σ_{s'<s} T_{s'}·p + (t−1)·p + k); columns in the parameter order (A, B, b, C).
    public func batchJacobian(_ sequences: [Matrix]) throws -> Matrix {
        guard !sequences.isEmpty else { throw NetworkError.invalidArgument("need at least one input sequence") }
        for sequence in sequences { try checkSequence(sequence) }
        let (n, m, p) = (stateSize, inputSize, outputSize)
        let offsets = parameterOffsets
        let columns = parameterCount
        let totalRows = sequences.reduce(0) { $0 + $1.rows * p }
        var jacobian = Matrix(rows: totalRows, cols: columns)
        var rowIndex = 0
        for sequence in sequences {
            let (pre, states) = trace(sequence)
            let slopes = pre.map { $0.map { activation.derivative($0) } }
            for t in 1...sequence.rows {
                for k in 0..<p {
                    let rowBase = rowIndex * columns
                    rowIndex += 1
                    // y_t[k] = Σ_j C[k, j] x_t[j].
                    for j in 0..<n { jacobian.storage[rowBase + offsets.outputMatrix + k * n + j] = states[t][j] }
                    // δ_τ = ∂y_t[k]/∂z_τ, starting at τ = t and walking back to τ = 1.
                    var delta = (0..<n).map { outputMatrix[k, $0] * slopes[t - 1][$0] }
                    for tau in stride(from: t, through: 1, by: -1) {
                        let previousState = states[tau - 1]
                        jacobian.storage.withUnsafeMutableBufferPointer { row in
                            for i in 0..<n where delta[i] != 0 {
                                let d = delta[i]
                                for j in 0..<n { row[rowBase + offsets.stateMatrix + i * n + j] += d * previousState[j] }
                                for j in 0..<m { row[rowBase + offsets.inputMatrix + i * m + j] += d * sequence[tau - 1, j] }
                                row[rowBase + offsets.bias + i] += d
                            }
                        }
                        if tau > 1 {
                            var previous = [Double](repeating: 0, count: n)
                            for i in 0..<n where delta[i] != 0 {
                                for j in 0..<n { previous[j] += stateMatrix[i, j] * delta[i] }
                            }
                            let slope = slopes[tau - 2]
                            delta = (0..<n).map { previous[$0] * slope[$0] }
                        }
                    }
                }
            }
        }
        return jacobian
    }
}
