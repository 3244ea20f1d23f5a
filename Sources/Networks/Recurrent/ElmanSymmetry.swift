import LinearAlgebra

/// State-space transforms of an Elman RNN (science.md §4.2): with x' = T⁻¹x the network
/// A' = T⁻¹AT, B' = T⁻¹B, b' = T⁻¹b, C' = CT has the same outputs whenever T⁻¹σ(z) = σ(T⁻¹z) — for a signed
/// permutation T when σ is odd (tanh), for a permutation times a positive diagonal when σ is ReLU, and for
/// every invertible T when σ = id.
extension ElmanRNN {
    /// The signed permutation matrix T with new state i = signs[i] · old state permutation[i], i.e.
    /// T[permutation[i], i] = signs[i] (so x' = T⁻¹x = Tᵀx).
    public static func stateTransform(permutation: [Int], signs: [Double]) throws -> Matrix {
        let n = permutation.count
        guard n >= 1, Set(permutation) == Set(0..<n) else {
            throw NetworkError.invalidArgument("\(permutation) is not a permutation of 0..<\(n)")
        }
        guard signs.count == n, signs.allSatisfy({ $0 == 1 || $0 == -1 }) else {
            throw NetworkError.invalidArgument("need \(n) signs ±1, got \(signs)")
        }
        var t = Matrix(rows: n, cols: n)
        for i in 0..<n { t[permutation[i], i] = signs[i] }
        return t
    }

    /// The network with states reordered and sign-flipped exactly (no rounding): new state i is
    /// signs[i] · old state permutation[i]. Equals `similarityTransformed(by: stateTransform(...))`.
    public func permutingStates(permutation: [Int], signs: [Double]? = nil) throws -> ElmanRNN {
        let n = stateSize
        let s = signs ?? [Double](repeating: 1, count: n)
        guard permutation.count == n else {
            throw NetworkError.invalidArgument("the permutation has \(permutation.count) entries, the network has \(n) states")
        }
        _ = try ElmanRNN.stateTransform(permutation: permutation, signs: s)
        var result = self
        for i in 0..<n {
            let (old, sign) = (permutation[i], s[i])
            for j in 0..<n { result.stateMatrix[i, j] = sign * s[j] * stateMatrix[old, permutation[j]] }
            for j in 0..<inputSize { result.inputMatrix[i, j] = sign * inputMatrix[old, j] }
            result.bias[i] = sign * bias[old]
            for k in 0..<outputSize { result.outputMatrix[k, i] = sign * outputMatrix[k, old] }
        }
        return result
    }

    /// A' = T⁻¹AT, B' = T⁻¹B, b' = T⁻¹b, C' = CT for an invertible n × n matrix T (LU solves).
    public func similarityTransformed(by t: Matrix) throws -> ElmanRNN {
        let n = stateSize
        guard t.rows == n, t.cols == n else {
            throw NetworkError.invalidArgument("the state transform must be \(n)×\(n), got \(t.rows)×\(t.cols)")
        }
        guard t.storage.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("state transform") }
        let inverseTimes = { (m: Matrix) throws -> Matrix in
            var out = Matrix(rows: n, cols: m.cols)
            for j in 0..<m.cols {
                let column: [Double]
                do { column = try solve(t, m.column(j)) } catch {
                    throw NetworkError.invalidArgument("the state transform is singular")
                }
                for i in 0..<n { out[i, j] = column[i] }
            }
            return out
        }
        let a = try inverseTimes(stateMatrix * t)
        let b = try inverseTimes(inputMatrix)
        let bias = try inverseTimes(Matrix(rows: n, cols: 1, storage: self.bias)).storage
        let c = outputMatrix * t
        return try ElmanRNN(stateMatrix: a, inputMatrix: b, bias: bias, outputMatrix: c, activation: activation)
    }
}
