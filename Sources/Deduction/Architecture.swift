// The architecture description shared by `nnid applies`, `nnid claims --applies-to` and `nnid analyze`.

import Foundation

/// The kind of network. New kinds (residual, attention, normalisation) extend this enum.
public enum ArchitectureKind: String, Sendable, Hashable, Codable, CaseIterable {
    case mlp, cnn, rnn
    /// Residual MLP: widths n0, d (stream width), m1 … mK (the blocks' inner widths), n_out.
    case residual
    /// One multi-head self-attention layer: widths d (model), heads, d_k, d_v, d_out.
    case attention
    /// An MLP whose hidden layers are normalised (batch, layer or weight normalisation).
    case normalized

    /// Case-insensitive: `MLP` and `mlp` are the same kind.
    public init?(name: String) {
        self.init(rawValue: name.lowercased().trimmingCharacters(in: [" "]))
    }
}

/// Assumptions a user may state about the parameters (`--assume generic,irreducible`). A claim that needs an
/// assumption the user did not state applies *conditionally*, naming it.
public enum Assumption: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The parameters avoid a measure-zero exceptional set (each claim's own genericity condition).
    case generic
    /// No unit with zero outgoing weights, no constant unit, no two units equal up to a symmetry (Sussmann).
    case irreducible
    /// No hidden unit whose incoming weights and bias, or whose outgoing weights, are all zero.
    case noDeadUnits = "no-dead-units"
    /// No sample point on an activation boundary (a pre-activation exactly zero).
    case noBoundarySamples = "no-boundary-samples"

    public static func < (a: Assumption, b: Assumption) -> Bool { a.rawValue < b.rawValue }
}

/// A concrete network architecture: what the literature's hypotheses are evaluated on.
public struct Architecture: Sendable, Hashable, Codable {
    public var kind: ArchitectureKind
    /// Layer widths n0, n1, …, nL (channels for cnn; input, state, output for rnn).
    public var widths: [Int]
    public var activation: ActivationName
    public var bias: Bool
    public var samples: Int?
    public var assumptions: Set<Assumption>
    /// Kernel length of every convolution (cnn only); without it the parameter count of a cnn is unknown.
    public var kernelSize: Int?

    public init(kind: ArchitectureKind, widths: [Int], activation: ActivationName, bias: Bool = true,
                samples: Int? = nil, assumptions: Set<Assumption> = [], kernelSize: Int? = nil) {
        self.kind = kind
        self.widths = widths
        self.activation = activation
        self.bias = bias
        self.samples = samples
        self.assumptions = assumptions
        self.kernelSize = kernelSize
    }

    /// Why this description cannot be evaluated, or nil when it is well formed.
    public var problem: String? {
        if widths.count < 2 { return "--widths needs at least two numbers (input and output width)" }
        if let bad = widths.first(where: { $0 < 1 }) { return "every width must be at least 1 (found \(bad))" }
        if kind == .attention && widths.count != 5 { return "an attention layer is described by --widths d,heads,d_k,d_v,d_out" }
        if kind == .residual && widths.count < 4 { return "a residual MLP is described by --widths n0,d,m1,...,mK,n_out" }
        if kind == .rnn && widths.count != 3 {
            return "an rnn takes exactly three widths: input, state and output (found \(widths.count))"
        }
        if let samples, samples < 1 { return "--samples must be at least 1" }
        if let kernelSize, kernelSize < 1 { return "kernel_size must be at least 1" }
        if widths.contains(where: { $0 > 1_000_000 }) { return "widths above 1000000 are out of scope" }
        return nil
    }

    public var hiddenWidths: ArraySlice<Int> { widths.dropFirst().dropLast() }
    public var hiddenLayers: Int { max(widths.count - 2, 0) }
    public var hiddenUnits: Int { hiddenWidths.reduce(0, +) }
    public var inputWidth: Int { widths.first ?? 0 }
    public var outputWidth: Int { widths.last ?? 0 }

    /// The number of parameters P, or nil when the description does not fix it (a cnn without kernel size).
    public var parameterCount: Int? {
        switch kind {
        case .mlp:
            var total = 0
            for (fanIn, fanOut) in zip(widths, widths.dropFirst()) { total += fanIn * fanOut + (bias ? fanOut : 0) }
            return total
        case .rnn:
            // x⁺ = σ(A x + B u + b), y = C x: A is n×n, B is n×m, C is p×n, b has n entries.
            let (m, n, p) = (widths[0], widths[1], widths[2])
            return n * n + n * m + p * n + (bias ? n : 0)
        case .normalized:
            // The normalised MLP has the plain MLP's weights and biases (normalisation adds no parameters here).
            var total = 0
            for (fanIn, fanOut) in zip(widths, widths.dropFirst()) { total += fanIn * fanOut + (bias ? fanOut : 0) }
            return total
        case .residual, .attention:
            // Their parameter layouts vary between models; the description does not fix P.
            return nil
        case .cnn:
            guard let kernelSize else { return nil }
            var total = 0
            for (fanIn, fanOut) in zip(widths, widths.dropFirst()) {
                total += fanIn * fanOut * kernelSize + (bias ? fanOut : 0)
            }
            return total
        }
    }

    /// Σ n_l² over the hidden layers: the dimension of ∏ GL(n_l).
    public var generalLinearDimension: Int { hiddenWidths.reduce(0) { $0 + $1 * $1 } }
}
