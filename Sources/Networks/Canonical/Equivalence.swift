/// How two networks were compared by `functionallyEquivalent`.
public enum EquivalenceMethod: String, Sendable, Hashable, Codable {
    /// Single-hidden-layer tanh: Sussmann reduction, then the signed-permutation canonical form. Exact
    /// by Sussmann's theorem: equivalent ⇔ same function.
    case sussmannReductionAndSignedPermutations = "sussmann-reduction+signed-permutations"
    /// Deeper odd nets: signed-permutation canonical form without reduction ("not equivalent" may be a
    /// false negative for reducible nets).
    case signedPermutations = "signed-permutations"
    /// ReLU-type nets: canonical form modulo permutation + positive rescaling. "Equivalent" implies the same
    /// function; "not equivalent" can still be the same function through a hidden symmetry (science.md §6.4).
    case permutationsAndPositiveRescaling = "permutations+positive-rescaling"
}

/// The outcome of comparing two networks through their canonical forms.
public struct EquivalenceResult: Sendable, Equatable {
    /// True when the canonical parameters agree within `threshold`.
    public var equivalent: Bool
    /// How the networks were compared.
    public var method: EquivalenceMethod
    /// max |difference| of the canonical parameter vectors (+∞ when their shapes differ).
    public var maxParameterDifference: Double
    /// The acceptance threshold used: tolerance · max(1, max |canonical parameter|).
    public var threshold: Double
    /// Canonical forms compared (nil for a Sussmann reduction that left no hidden unit).
    public var canonicalFirst: MLP?
    public var canonicalSecond: MLP?
    /// Hidden-unit counts after reduction (equal to the original counts when nothing was reduced).
    public var hiddenCounts: (first: Int, second: Int) { (canonicalFirst?.hiddenCount ?? 0, canonicalSecond?.hiddenCount ?? 0) }
}

/// Compares two networks modulo their known symmetries (science.md §4.1, §6.5): tanh nets are reduced
/// (one hidden layer) and put in signed-permutation canonical form; ReLU-type nets are put in
/// permutation + positive-rescaling canonical form. `tolerance` is relative, used both inside the
/// canonical forms and for the final comparison. Other activations throw `SymmetryError.unsupported`.
public func functionallyEquivalent(_ first: MLP, _ second: MLP, tolerance: Double = 1e-9) throws -> EquivalenceResult {
    guard first.activation == second.activation else {
        throw SymmetryError.unsupported("cannot compare a \(first.activation) network with a \(second.activation) network")
    }
    try MLP.checkTolerance(tolerance)
    let method: EquivalenceMethod
    let a: MLP?, b: MLP?
    let constants: ([Double], [Double])?
    switch first.activation {
    case .tanh where first.depth == 2 && second.depth == 2:
        method = .sussmannReductionAndSignedPermutations
        let (ra, rb) = (try first.sussmannReduction(tolerance: tolerance), try second.sussmannReduction(tolerance: tolerance))
        a = try ra.network?.signedPermutationCanonicalForm(tolerance: tolerance)
        b = try rb.network?.signedPermutationCanonicalForm(tolerance: tolerance)
        constants = (ra.outputBias, rb.outputBias)
    case .tanh:
        method = .signedPermutations
        (a, b) = (try first.signedPermutationCanonicalForm(tolerance: tolerance),
                  try second.signedPermutationCanonicalForm(tolerance: tolerance))
        constants = nil
    case .relu, .leakyReLU:
        method = .permutationsAndPositiveRescaling
        (a, b) = (try first.rescalingCanonicalForm(tolerance: tolerance),
                  try second.rescalingCanonicalForm(tolerance: tolerance))
        constants = nil
    default:
        throw SymmetryError.unsupported("functional equivalence is implemented for tanh and ReLU-type networks, not \(first.activation)")
    }
    let difference: Double
    let scale: Double
    switch (a, b) {
    case let (a?, b?) where a.widths == b.widths:
        difference = zip(a.parameters, b.parameters).reduce(0) { max($0, abs($1.0 - $1.1)) }
        scale = max(maxNorm(a.parameters), maxNorm(b.parameters))
    case (nil, nil):
        // Both reduced to constants: compare the output biases.
        let (ca, cb) = constants ?? ([], [])
        difference = ca.count == cb.count ? zip(ca, cb).reduce(0) { max($0, abs($1.0 - $1.1)) } : .infinity
        scale = max(maxNorm(ca), maxNorm(cb))
    default:
        difference = .infinity
        scale = 0
    }
    let threshold = tolerance * max(1, scale)
    return EquivalenceResult(equivalent: difference <= threshold, method: method, maxParameterDifference: difference,
                             threshold: threshold, canonicalFirst: a, canonicalSecond: b)
}
