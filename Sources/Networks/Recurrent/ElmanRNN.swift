import LinearAlgebra

/// A discrete-time Elman recurrent network (science.md §4.2): x_t = σ(A x_{t-1} + B u_t + b), y_t = C x_t,
/// x_0 = 0, state size n, input size m, output size p. The output is read after each update, so y_1 = C x_1
/// already depends on u_1, and for σ = id, b = 0: y_t = Σ_{k=0}^{t-1} C A^k B u_{t-k} (Markov parameters).
///
/// Parameter order: A (n × n) row-major, B (n × m) row-major, b (n), C (p × n) row-major;
/// P = n² + n·m + n + p·n.
/// The matrices are read-only outside the module (build a new network to change them); `activation` may be set.
public struct ElmanRNN: Sendable, Equatable {
    public var activation: Activation
    /// A, n × n.
    public internal(set) var stateMatrix: Matrix
    /// B, n × m.
    public internal(set) var inputMatrix: Matrix
    /// b, n entries.
    public internal(set) var bias: [Double]
    /// C, p × n.
    public internal(set) var outputMatrix: Matrix

    /// n.
    public var stateSize: Int { stateMatrix.rows }
    /// m.
    public var inputSize: Int { inputMatrix.cols }
    /// p.
    public var outputSize: Int { outputMatrix.rows }
    /// P = n² + n·m + n + p·n.
    public var parameterCount: Int { ElmanRNN.parameterCount(stateSize: stateSize, inputSize: inputSize, outputSize: outputSize) }

    /// P = n² + n·m + n + p·n.
    public static func parameterCount(stateSize n: Int, inputSize m: Int, outputSize p: Int) -> Int {
        n * n + n * m + n + p * n
    }

    /// Offsets of A, B, b and C in the flat parameter vector.
    public var parameterOffsets: (stateMatrix: Int, inputMatrix: Int, bias: Int, outputMatrix: Int) {
        let (n, m) = (stateSize, inputSize)
        return (0, n * n, n * n + n * m, n * n + n * m + n)
    }

    /// A network from its flat parameter vector (order documented on the type).
    public init(stateSize n: Int, inputSize m: Int, outputSize p: Int, activation: Activation, parameters: [Double]) throws {
        guard n >= 1, m >= 1, p >= 1 else {
            throw NetworkError.invalidArgument("state, input and output sizes must be ≥ 1, got n = \(n), m = \(m), p = \(p)")
        }
        let expected = ElmanRNN.parameterCount(stateSize: n, inputSize: m, outputSize: p)
        guard parameters.count == expected else { throw NetworkError.parameterCount(expected: expected, got: parameters.count) }
        guard parameters.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("parameters") }
        var offset = 0
        func take(_ count: Int) -> [Double] {
            defer { offset += count }
            return Array(parameters[offset..<(offset + count)])
        }
        self.activation = activation
        stateMatrix = Matrix(rows: n, cols: n, storage: take(n * n))
        inputMatrix = Matrix(rows: n, cols: m, storage: take(n * m))
        bias = take(n)
        outputMatrix = Matrix(rows: p, cols: n, storage: take(p * n))
    }

    /// A network from explicit matrices; shapes must agree (A n × n, B n × m, b n, C p × n).
    public init(stateMatrix: Matrix, inputMatrix: Matrix, bias: [Double], outputMatrix: Matrix, activation: Activation) throws {
        let n = stateMatrix.rows
        guard n >= 1, stateMatrix.cols == n, inputMatrix.rows == n, inputMatrix.cols >= 1, bias.count == n,
              outputMatrix.cols == n, outputMatrix.rows >= 1 else {
            throw NetworkError.invalidArgument(
                "RNN shapes do not agree: A \(stateMatrix.rows)×\(stateMatrix.cols), B \(inputMatrix.rows)×\(inputMatrix.cols), b \(bias.count), C \(outputMatrix.rows)×\(outputMatrix.cols)")
        }
        let all = stateMatrix.storage + inputMatrix.storage + bias + outputMatrix.storage
        guard all.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("parameters") }
        self.activation = activation
        self.stateMatrix = stateMatrix
        self.inputMatrix = inputMatrix
        self.bias = bias
        self.outputMatrix = outputMatrix
    }

    /// The flat parameter vector (order documented on the type).
    public var parameters: [Double] {
        stateMatrix.storage + inputMatrix.storage + bias + outputMatrix.storage
    }

    /// Throws unless `sequence` is T × m (T ≥ 1, row t-1 is u_t) with finite entries.
    public func checkSequence(_ sequence: Matrix) throws {
        guard sequence.rows >= 1 else { throw NetworkError.invalidArgument("an input sequence needs at least one time step") }
        guard sequence.cols == inputSize else { throw NetworkError.inputWidth(expected: inputSize, got: sequence.cols) }
        guard sequence.storage.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("input sequence") }
    }
}
