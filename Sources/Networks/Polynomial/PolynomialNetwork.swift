import LinearAlgebra

/// A bias-free network x ↦ W_L σ(⋯ σ(W_1 x)) with a polynomial activation (the setting of deep polynomial
/// networks: with σ(t) = t^r every output is a homogeneous polynomial of degree r^{L−1} in x).
/// Parameters: W_1, …, W_L, each row-major (row = output unit).
public struct PolynomialNetwork: ForwardDifferentiable, Equatable {
    public let widths: [Int]
    public let activation: Activation
    public var parameters: [Double]

    public static func parameterCount(_ widths: [Int]) -> Int {
        zip(widths.dropFirst(), widths).reduce(0) { $0 + $1.0 * $1.1 }
    }

    public init(widths: [Int], activation: Activation, parameters: [Double]) throws {
        try MLP.validate(widths)
        guard activation.polynomialDegree != nil else {
            throw NetworkError.invalidArgument("a polynomial network needs a polynomial activation, got \(activation)")
        }
        let expected = PolynomialNetwork.parameterCount(widths)
        guard parameters.count == expected else { throw NetworkError.parameterCount(expected: expected, got: parameters.count) }
        guard parameters.allSatisfy(\.isFinite) else { throw NetworkError.nonFinite("parameters") }
        self.widths = widths
        self.activation = activation
        self.parameters = parameters
    }

    /// Number of hidden units H.
    public var hiddenCount: Int { widths.dropFirst().dropLast().reduce(0, +) }

    public func stackedOutputs<S: NetworkScalar>(_ p: [S], on batch: Matrix) throws -> [S] {
        guard batch.cols == widths[0] else { throw NetworkError.inputWidth(expected: widths[0], got: batch.cols) }
        guard batch.isFinite else { throw NetworkError.nonFinite("inputs") }
        let last = widths.count - 1
        return (0..<batch.rows).flatMap { s -> [S] in
            var h = batch.row(s).map { S($0) }
            var offset = 0
            for l in 1...last {
                h = Dense.apply(p, offset: offset, rows: widths[l], cols: widths[l - 1], to: h)
                offset += widths[l] * widths[l - 1]
                if l < last { h = h.map { $0.activated(by: activation) } }
            }
            return h
        }
    }

    /// For σ(t) = t^r: the tangent of scaling hidden unit i of layer l by λ (incoming row ×λ, outgoing
    /// column ×λ^{−r}), at λ = 1: +row, −r·column.
    public func monomialScalingTangent(layer l: Int, unit i: Int, degree r: Int) -> [Double] {
        var offset = 0
        for k in 1..<l { offset += widths[k] * widths[k - 1] }
        var t = [Double](repeating: 0, count: parameters.count)
        let m = widths[l - 1]
        for j in 0..<m { t[offset + i * m + j] = parameters[offset + i * m + j] }
        let next = offset + widths[l] * m
        let n = widths[l]
        for row in 0..<widths[l + 1] { t[next + row * n + i] = -Double(r) * parameters[next + row * n + i] }
        return t
    }

    /// Parameters 2u−1, then n × n₀ inputs 4u−2 (one SplitMix64 stream).
    public static func deterministic(widths: [Int], activation: Activation, seed: UInt64, samples n: Int) throws -> (network: PolynomialNetwork, inputs: Matrix) {
        try MLP.validate(widths)
        guard n >= 1 else { throw NetworkError.invalidArgument("the number of samples must be at least 1, got \(n)") }
        var rng = SplitMix64(seed: seed)
        let parameters = (0..<parameterCount(widths)).map { _ in 2 * rng.nextUnit() - 1 }
        let network = try PolynomialNetwork(widths: widths, activation: activation, parameters: parameters)
        let inputs = Matrix(rows: n, cols: widths[0], storage: (0..<(n * widths[0])).map { _ in 4 * rng.nextUnit() - 2 })
        return (network, inputs)
    }
}
