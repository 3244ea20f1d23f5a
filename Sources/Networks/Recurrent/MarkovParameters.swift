import LinearAlgebra

/// Markov parameters of the linear part (A, B, C) of an Elman RNN (science.md §4.2). For σ = id and b = 0
/// they determine the input–output map: y_t = Σ_{k=0}^{t-1} C A^k B u_{t-k}. They are invariant under
/// A ↦ T⁻¹AT, B ↦ T⁻¹B, C ↦ CT for every invertible T, so their Jacobian with respect to (A, B, C) has rank at
/// most n² + nm + pn − n² = n(m + p), which is the generic rank once enough of them are used (e.g. K = 3n + 2).
extension ElmanRNN {
    /// C A^k B for k = 0…K (each p × m). The activation and the bias are ignored.
    public func markovParameters(upTo maxPower: Int) throws -> [Matrix] {
        guard maxPower >= 0 else { throw NetworkError.invalidArgument("the largest power K must be ≥ 0, got \(maxPower)") }
        var result: [Matrix] = []
        var powerTimesB = inputMatrix
        for _ in 0...maxPower {
            result.append(outputMatrix * powerTimesB)
            powerTimesB = stateMatrix * powerTimesB
        }
        return result
    }

    /// Number of columns of `markovParameterJacobian`: n² + nm + pn (A, B, C; the bias is not a variable).
    public var markovParameterVariableCount: Int {
        stateSize * stateSize + stateSize * inputSize + outputSize * stateSize
    }

    /// Jacobian of the stacked Markov parameters (C A^k B)_{k=0…K} with respect to (A, B, C).
    /// Rows: k, then the p × m entries row-major (row = k·p·m + r·m + c). Columns: A row-major, B row-major,
    /// C row-major (the parameter order without b). Exact, from
    /// d(C A^k B) = dC·A^k B + Σ_{j<k} C A^j·dA·A^{k-1-j} B + C A^k·dB.
    public func markovParameterJacobian(upTo maxPower: Int) throws -> Matrix {
        guard maxPower >= 0 else { throw NetworkError.invalidArgument("the largest power K must be ≥ 0, got \(maxPower)") }
        let (n, m, p) = (stateSize, inputSize, outputSize)
        // left[j] = C A^j (p × n), right[j] = A^j B (n × m), j = 0…K.
        var left = [outputMatrix]
        var right = [inputMatrix]
        for _ in 0..<maxPower {
            left.append(left[left.count - 1] * stateMatrix)
            right.append(stateMatrix * right[right.count - 1])
        }
        let (aOffset, bOffset, cOffset) = (0, n * n, n * n + n * m)
        var jacobian = Matrix(rows: (maxPower + 1) * p * m, cols: markovParameterVariableCount)
        for k in 0...maxPower {
            for r in 0..<p {
                for c in 0..<m {
                    let row = k * p * m + r * m + c
                    // ∂/∂A[a, b'] = Σ_{j<k} (C A^j)[r, a] · (A^{k-1-j} B)[b', c].
                    for j in 0..<k {
                        let (l, rr) = (left[j], right[k - 1 - j])
                        for a in 0..<n {
                            let factor = l[r, a]
                            for b in 0..<n { jacobian[row, aOffset + a * n + b] += factor * rr[b, c] }
                        }
                    }
                    // ∂/∂B[a, c'] = (C A^k)[r, a] δ_{c c'}.
                    for a in 0..<n { jacobian[row, bOffset + a * m + c] = left[k][r, a] }
                    // ∂/∂C[r', a] = δ_{r r'} (A^k B)[a, c].
                    for a in 0..<n { jacobian[row, cOffset + r * n + a] = right[k][a, c] }
                }
            }
        }
        return jacobian
    }
}
