import LinearAlgebra

/// The discrete-time recurrent model of Albertini & Sontag's discrete-time identifiability paper:
/// x(t+1) = D x(t) + σ(A x(t) + B u(t)), y(t) = C x(t), with D diagonal, no bias, x(0) = 0.
/// Outputs are read after each update: row t−1 of the output matrix is y(t) = C x(t), t = 1…T.
///
/// Parameter order: diag(D) (n), A (n × n) row-major, B (n × m) row-major, C (p × n) row-major;
/// P = n + n² + n·m + p·n.
public struct DiagonalRecurrentNet: Sendable, Equatable {
    public var activation: Activation
    public var diagonal: [Double]
    public var stateMatrix: Matrix
    public var inputMatrix: Matrix
    public var outputMatrix: Matrix

    public var stateSize: Int { diagonal.count }
    public var inputSize: Int { inputMatrix.cols }
    public var outputSize: Int { outputMatrix.rows }
    public var parameterCount: Int { DiagonalRecurrentNet.parameterCount(stateSize: stateSize, inputSize: inputSize, outputSize: outputSize) }

    public static func parameterCount(stateSize n: Int, inputSize m: Int, outputSize p: Int) -> Int {
        n + n * n + n * m + p * n
    }

    public init(stateSize n: Int, inputSize m: Int, outputSize p: Int, activation: Activation, parameters: [Double]) throws {
        guard n >= 1, m >= 1, p >= 1 else {
            throw NetworkError.invalidArgument("state, input and output sizes must be ≥ 1, got n = \(n), m = \(m), p = \(p)")
        }
        let expected = DiagonalRecurrentNet.parameterCount(stateSize: n, inputSize: m, outputSize: p)
        guard parameters.count == expected else { throw NetworkError.parameterCount(expected: expected, got: parameters.count) }
        guard parameters.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("parameters") }
        self.activation = activation
        diagonal = Array(parameters[0..<n])
        stateMatrix = Matrix(rows: n, cols: n, storage: Array(parameters[n..<(n + n * n)]))
        inputMatrix = Matrix(rows: n, cols: m, storage: Array(parameters[(n + n * n)..<(n + n * n + n * m)]))
        outputMatrix = Matrix(rows: p, cols: n, storage: Array(parameters[(n + n * n + n * m)...]))
    }

    /// The flat parameter vector (order documented on the type).
    public var parameters: [Double] { diagonal + stateMatrix.storage + inputMatrix.storage + outputMatrix.storage }

    /// Stacked outputs y(1…T) of every sequence (each T × m), sequence by sequence, time-major.
    public func stackedOutputs(_ sequences: [Matrix]) throws -> [Double] {
        var out: [Double] = []
        for sequence in sequences {
            guard sequence.cols == inputSize else { throw NetworkError.inputWidth(expected: inputSize, got: sequence.cols) }
            var x = [Double](repeating: 0, count: stateSize)
            for t in 0..<sequence.rows {
                x = step(x, sequence.row(t))
                out += (0..<outputSize).map { k in (0..<stateSize).reduce(0) { $0 + outputMatrix[k, $1] * x[$1] } }
            }
        }
        return out
    }

    func step(_ x: [Double], _ u: [Double]) -> [Double] {
        (0..<stateSize).map { i in
            var z = 0.0
            for j in 0..<stateSize { z += stateMatrix[i, j] * x[j] }
            for j in 0..<inputSize { z += inputMatrix[i, j] * u[j] }
            return diagonal[i] * x[i] + activation.value(z)
        }
    }

    /// Exact Jacobian of `stackedOutputs` with respect to the parameters, by forward-mode differentiation
    /// (one tangent state per parameter, propagated through every step).
    public func outputJacobian(_ sequences: [Matrix]) throws -> Matrix {
        let (n, m, p) = (stateSize, inputSize, outputSize)
        let count = parameterCount
        let rows = try sequences.reduce(0) { total, s in
            guard s.cols == m else { throw NetworkError.inputWidth(expected: m, got: s.cols) }
            return total + s.rows * p
        }
        var jacobian = Matrix(rows: rows, cols: count)
        let offsetA = n, offsetB = n + n * n, offsetC = n + n * n + n * m
        var row = 0
        for sequence in sequences {
            var x = [Double](repeating: 0, count: n)
            // tangent[q][i] = ∂x_i / ∂θ_q.
            var tangent = [[Double]](repeating: [Double](repeating: 0, count: n), count: count)
            for t in 0..<sequence.rows {
                let u = sequence.row(t)
                let z = (0..<n).map { i in
                    (0..<n).reduce(0) { $0 + stateMatrix[i, $1] * x[$1] } + (0..<m).reduce(0) { $0 + inputMatrix[i, $1] * u[$1] }
                }
                let slope = z.map { activation.derivative($0) }
                var next = [[Double]](repeating: [Double](repeating: 0, count: n), count: count)
                for q in 0..<count {
                    for i in 0..<n {
                        var dz = 0.0
                        for j in 0..<n { dz += stateMatrix[i, j] * tangent[q][j] }
                        var dx = diagonal[i] * tangent[q][i]
                        if q == i { dx += x[i] }                                    // ∂/∂D_ii
                        if q >= offsetA && q < offsetB && (q - offsetA) / n == i { dz += x[(q - offsetA) % n] }
                        if q >= offsetB && q < offsetC && (q - offsetB) / m == i { dz += u[(q - offsetB) % m] }
                        next[q][i] = dx + slope[i] * dz
                    }
                }
                x = (0..<n).map { i in diagonal[i] * x[i] + activation.value(z[i]) }
                tangent = next
                for k in 0..<p {
                    for q in 0..<count {
                        var value = 0.0
                        for j in 0..<n { value += outputMatrix[k, j] * tangent[q][j] }
                        if q >= offsetC && (q - offsetC) / n == k { value += x[(q - offsetC) % n] }
                        jacobian[row, q] = value
                    }
                    row += 1
                }
            }
        }
        return jacobian
    }

    /// The state change x ↦ T⁻¹x for a signed permutation T (new state i is old state permutation[i] times
    /// signs[i]): D′ = T⁻¹DT, A′ = T⁻¹AT, B′ = T⁻¹B, C′ = CT. A symmetry when σ is odd.
    public func signedPermutation(_ permutation: [Int], signs: [Double]) throws -> DiagonalRecurrentNet {
        let n = stateSize
        guard permutation.count == n, Set(permutation) == Set(0..<n), signs.count == n, signs.allSatisfy({ $0 == 1 || $0 == -1 }) else {
            throw NetworkError.invalidArgument("need a permutation of 0..<\(n) and \(n) signs ±1")
        }
        var out = self
        for i in 0..<n {
            let oi = permutation[i]
            out.diagonal[i] = diagonal[oi]
            for j in 0..<n { out.stateMatrix[i, j] = signs[i] * signs[j] * stateMatrix[oi, permutation[j]] }
            for j in 0..<inputSize { out.inputMatrix[i, j] = signs[i] * inputMatrix[oi, j] }
            for k in 0..<outputSize { out.outputMatrix[k, i] = signs[i] * outputMatrix[k, oi] }
        }
        return out
    }

    /// A general change of state coordinates x ↦ G⁻¹x with D kept: A′ = G⁻¹(D + A)G − D, B′ = G⁻¹B, C′ = CG.
    /// A symmetry of the linear model (σ = id, where only D + A matters); the negative control otherwise.
    public func similarity(_ g: Matrix) throws -> DiagonalRecurrentNet {
        let inverseG = try inverse(g)
        var out = self
        var sum = stateMatrix
        for i in 0..<stateSize { sum[i, i] += diagonal[i] }
        out.stateMatrix = inverseG * sum * g
        for i in 0..<stateSize { out.stateMatrix[i, i] -= diagonal[i] }
        out.inputMatrix = inverseG * inputMatrix
        out.outputMatrix = outputMatrix * g
        return out
    }
}
