import LinearAlgebra

/// Errors for malformed network descriptions or inputs.
public enum NetworkError: Error, Equatable, CustomStringConvertible {
    case invalidWidths([Int])
    case parameterCount(expected: Int, got: Int)
    case inputWidth(expected: Int, got: Int)
    case nonFinite(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidWidths(let w):
            return "invalid widths \(w.map(String.init).joined(separator: ",")): need at least two layers, each of width ≥ 1"
        case .parameterCount(let expected, let got): return "expected \(expected) parameters, got \(got)"
        case .inputWidth(let expected, let got): return "inputs have \(got) columns, the network expects \(expected)"
        case .nonFinite(let what): return "\(what) contains NaN or infinite values"
        case .invalidArgument(let what): return what
        }
    }
}

/// A fully connected network (n0, n1, …, nL): hidden layers apply `activation`, the last layer is affine.
/// Parameter order (science.md §0.2): for l = 1…L, W_l row-major (row = output neuron), then b_l.
public struct MLP: Sendable, Equatable {
    public let widths: [Int]
    public var activation: Activation
    /// weights[l-1] is W_l, an n_l × n_{l-1} matrix.
    public var weights: [Matrix]
    /// biases[l-1] is b_l.
    public var biases: [[Double]]

    public var depth: Int { widths.count - 1 }
    public var inputWidth: Int { widths[0] }
    public var outputWidth: Int { widths[widths.count - 1] }
    /// P = Σ n_l (n_{l-1} + 1).
    public var parameterCount: Int { MLP.parameterCount(widths) }
    /// H = number of hidden neurons.
    public var hiddenCount: Int { widths.dropFirst().dropLast().reduce(0, +) }

    public static func parameterCount(_ widths: [Int]) -> Int {
        zip(widths.dropFirst(), widths).reduce(0) { $0 + $1.0 * ($1.1 + 1) }
    }

    public static func validate(_ widths: [Int]) throws {
        guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else { throw NetworkError.invalidWidths(widths) }
    }

    /// A network from its flat parameter vector in the §0.2 order.
    public init(widths: [Int], activation: Activation, parameters: [Double]) throws {
        try MLP.validate(widths)
        let expected = MLP.parameterCount(widths)
        guard parameters.count == expected else {
            throw NetworkError.parameterCount(expected: expected, got: parameters.count)
        }
        guard parameters.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("parameters") }
        self.widths = widths
        self.activation = activation
        var weights: [Matrix] = []
        var biases: [[Double]] = []
        var offset = 0
        for l in 1..<widths.count {
            let (rows, cols) = (widths[l], widths[l - 1])
            weights.append(Matrix(rows: rows, cols: cols, storage: Array(parameters[offset..<(offset + rows * cols)])))
            offset += rows * cols
            biases.append(Array(parameters[offset..<(offset + rows)]))
            offset += rows
        }
        self.weights = weights
        self.biases = biases
    }

    /// A network from explicit layers; shapes must chain.
    public init(weights: [Matrix], biases: [[Double]], activation: Activation) throws {
        guard !weights.isEmpty, weights.count == biases.count else {
            throw NetworkError.invalidArgument("need as many bias vectors as weight matrices (at least one)")
        }
        var widths = [weights[0].cols]
        for (w, b) in zip(weights, biases) {
            guard w.cols == widths.last, b.count == w.rows else {
                throw NetworkError.invalidArgument("layer shapes do not chain")
            }
            widths.append(w.rows)
        }
        try MLP.validate(widths)
        self.widths = widths
        self.activation = activation
        self.weights = weights
        self.biases = biases
    }

    /// The flat parameter vector in the §0.2 order.
    public var parameters: [Double] {
        var p: [Double] = []
        p.reserveCapacity(parameterCount)
        for (w, b) in zip(weights, biases) {
            p += w.storage
            p += b
        }
        return p
    }

    /// Offset of W_l (l is 1-based) in the flat parameter vector; b_l follows it.
    public func weightOffset(layer l: Int) -> Int {
        MLP.parameterCount(Array(widths[0..<l]))
    }

    public func checkInputs(_ inputs: Matrix) throws {
        guard inputs.cols == inputWidth else { throw NetworkError.inputWidth(expected: inputWidth, got: inputs.cols) }
        guard inputs.storage.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("inputs") }
    }
}
