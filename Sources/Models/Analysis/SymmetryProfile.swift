import LinearAlgebra
import Networks

/// What the activation's known symmetries imply for an architecture: the discrete group, continuous
/// families, and the largest batch-Jacobian rank they allow.
public struct SymmetryProfile: Sendable, Equatable, Codable {
    /// One phrase: e.g. "permutations × positive rescaling".
    public var kind: String
    /// The order of the discrete group as an exact decimal integer, or "infinite".
    public var groupOrder: String
    /// Dimension of the continuous symmetry orbits (0 when there are none known).
    public var continuousDimension: Int
    /// The generic upper bound on the batch-Jacobian rank (P − continuous dimension, lowered for
    /// polynomial activations to the dimension of the polynomial space they can reach).
    public var maxRank: Int
    /// Why `maxRank` is the bound, in one sentence.
    public var maxRankReason: String

    public init(network: MLP) throws {
        let widths = network.widths
        let p = network.parameterCount, h = network.hiddenCount
        let permutations = try permutationGroupOrder(widths).description
        let signed = try signedPermutationGroupOrder(widths).description
        switch network.activation {
        case .relu, .leakyReLU:
            (kind, groupOrder, continuousDimension) = ("permutations × positive rescaling", permutations, h)
        case .tanh, .arctan:
            (kind, groupOrder, continuousDimension) = ("signed permutations (odd activation)", signed, 0)
        case .logistic:
            (kind, groupOrder, continuousDimension) = ("permutations × logistic flips s(−t) = 1 − s(t)", signed, 0)
        case .sin:
            (kind, groupOrder, continuousDimension) = ("signed permutations × shifts by multiples of π", "infinite", 0)
        case .exp:
            (kind, groupOrder, continuousDimension) = ("permutations × shifts (exp(t + c) = e^c exp(t))", permutations, h)
        case .square:
            (kind, groupOrder, continuousDimension) = ("signed permutations (even activation) × rescaling", signed, h)
        case .cube:
            (kind, groupOrder, continuousDimension) = ("signed permutations × rescaling", signed, h)
        case .linear:
            let gl = widths.dropFirst().dropLast().reduce(0) { $0 + $1 * $1 }
            (kind, groupOrder, continuousDimension) = ("GL(n_l) on every hidden layer (linear activation)", "infinite", gl)
        case .polynomial:
            if network.activation.isOdd {
                (kind, groupOrder, continuousDimension) = ("signed permutations (odd activation)", signed, 0)
            } else if network.activation.isEven {
                (kind, groupOrder, continuousDimension) = ("signed permutations (even activation)", signed, 0)
            } else {
                (kind, groupOrder, continuousDimension) = ("permutations", permutations, 0)
            }
        case .softplus, .gelu, .silu, .elu:
            (kind, groupOrder, continuousDimension) = ("permutations", permutations, 0)
        }
        var bound = p - continuousDimension
        var reason = continuousDimension == 0
            ? "P = \(p): no continuous symmetry is known for \(network.activation)"
            : "P − \(continuousDimension) = \(bound): the continuous symmetries (\(kind)) move θ along orbits of dimension \(continuousDimension) that the Jacobian cannot see"
        if case .relu = network.activation {
            reason = "P − H = \(bound): one positive rescaling per hidden neuron"
        } else if case .leakyReLU = network.activation {
            reason = "P − H = \(bound): one positive rescaling per hidden neuron"
        }
        if let degree = network.activation.polynomialDegree, let space = Self.polynomialSpaceDimension(
            inputs: widths[0], outputs: network.outputWidth, degree: degree, depth: network.depth), space < bound {
            bound = space
            reason = "\(space): the network computes polynomials of degree ≤ \(degree)^\(network.depth - 1) in \(widths[0]) variables, a space of that dimension (science.md §0.4 item 4)"
        }
        maxRank = bound
        maxRankReason = reason
    }

    /// n_L · C(n0 + D, n0) with D = degree^(depth − 1); nil when it exceeds Int.
    static func polynomialSpaceDimension(inputs: Int, outputs: Int, degree: Int, depth: Int) -> Int? {
        var total = 1.0
        for _ in 0..<max(depth - 1, 0) { total *= Double(degree) }
        guard total < 1e6 else { return nil }
        let d = Int(total)
        var binomial = 1.0
        for k in 0..<min(inputs, d) { binomial = binomial * Double(inputs + d - k) / Double(k + 1) }
        let value = binomial * Double(outputs)
        return value < 1e15 ? Int(value.rounded()) : nil
    }
}
