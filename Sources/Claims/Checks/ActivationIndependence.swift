import LinearAlgebra
import Networks

/// Claim `activation-independence-property` (Kůrková & Kainen 1994; Albertini, Sontag & Maillot 1993): for
/// activations such as tanh, arctan and the logistic function, the functions t ↦ σ(a_i t + b_i) for pairs
/// (a_i, b_i) distinct modulo the activation's own symmetries, together with the constant 1, are linearly
/// independent. Measured as the numerical rank of their values on a grid. Polynomials of degree r fail: the
/// rank saturates at r + 1 however many pairs are taken.
struct ActivationIndependenceCheck: ClaimCheck {
    let id = "activation-independence-property"
    let summary = "Dilated and shifted copies of tanh-like activations are linearly independent; polynomial ones span only degree + 1 dimensions"
    let builtInDefaults = CheckParameters(widths: [1, 6, 1], activation: .tanh, seed: 1, samples: 401)
    /// Grid half-width: t ∈ [−radius, radius].
    let radius = 5.0

    /// Each activation in scope, with 4, 6 and 8 functions, for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [Activation.tanh, .arctan, .logistic].flatMap { activation in
            [4, 6, 8].map { CheckParameters(widths: [1, $0, 1], activation: activation, samples: 401) }
        }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let activation = parameters.activation ?? .tanh
        switch activation {
        case .tanh, .arctan, .logistic: break
        default:
            throw CheckError.invalidParameter("activation-independence-property is checked for tanh, arctan and logistic; got \(activation)")
        }
        let widths = parameters.widths ?? [1, 6, 1]
        let count = widths.count >= 3 ? widths[1] : 6
        guard (4...8).contains(count) else {
            throw CheckError.invalidParameter("the number of functions (the hidden width) must be between 4 and 8 (more than degree + 1 = 4 for the cubic control), got \(count)")
        }
        let samples = parameters.samples ?? 401
        guard samples >= 4 * (count + 1) else {
            throw CheckError.invalidParameter("need at least \(4 * (count + 1)) grid points for \(count) functions, got \(samples)")
        }
        let seed = parameters.seed ?? 1
        let grid = (0..<samples).map { -radius + 2 * radius * Double($0) / Double(samples - 1) }
        let pairs = drawPairs(count: count, seed: seed)
        context.metric("functions", count + 1)
        context.metric("min_pair_separation", pairs.separation)

        let rank = try familyRank(activation, pairs.values, grid)
        context.metric("rank", rank.rank)
        context.metric("expected_rank", count + 1)
        context.metric("gap", rank.gap)
        context.metric("relative_sigma_min", rank.sigmaLast / max(rank.singularValues.first ?? 1, 1e-300))
        context.expectRank("σ(a_i t + b_i) and 1 are linearly independent", rank, expected: count + 1)

        // Control: a cubic activation (t³ + t, whose affine symmetry group is finite) spans only 4 dimensions.
        let cubic = try familyRank(.cubicPlusLinear, pairs.values, grid)
        context.metric("cubic_rank", cubic.rank)
        context.control("the same pairs with σ = t³ + t", refutes: "a finite affine symmetry group gives the independence property",
                        detected: cubic.rank == 4, margin: Double(count + 1 - cubic.rank),
                        expected: "rank saturates at degree + 1 = 4", observed: "rank \(cubic.rank) of \(count + 1)")

        // Control: pairs must be distinct modulo the activation's symmetries. Replacing the last pair by the
        // image of the first under the symmetry makes the family dependent.
        var related = pairs.values
        related[count - 1] = symmetryImage(of: related[0], activation)
        let dependent = try familyRank(activation, related, grid)
        context.metric("symmetric_pair_rank", dependent.rank)
        context.control("a pair and its image under σ's symmetry", refutes: "any distinct pairs (a, b) give independent functions",
                        detected: dependent.rank == count,
                        expected: "rank \(count) (one dependency)", observed: "rank \(dependent.rank)")
    }

    /// Rank of the samples × (count + 1) matrix [σ(a_i t + b_i) | 1].
    private func familyRank(_ activation: Activation, _ pairs: [(Double, Double)], _ grid: [Double]) throws -> RankEstimate {
        var m = Matrix(rows: grid.count, cols: pairs.count + 1)
        for (s, t) in grid.enumerated() {
            for (i, (a, b)) in pairs.enumerated() { m[s, i] = activation.value(a * t + b) }
            m[s, pairs.count] = 1
        }
        return try numericalRank(m)
    }

    /// (−a, −b): tanh and arctan are odd (σ(−z) = −σ(z)); the logistic function has σ(−z) = 1 − σ(z).
    private func symmetryImage(of pair: (Double, Double), _ activation: Activation) -> (Double, Double) {
        (-pair.0, -pair.1)
    }

    /// Pairs with |a| ∈ [0.4, 2], b ∈ [−1.5, 1.5], redrawn until they are separated modulo (a, b) ↦ (−a, −b).
    private func drawPairs(count: Int, seed: UInt64) -> (values: [(Double, Double)], separation: Double) {
        var rng = SplitMix64(seed: seed)
        var pairs: [(Double, Double)] = []
        var separation = Double.infinity
        while pairs.count < count {
            let magnitude = 0.4 + 1.6 * rng.nextUnit()
            let a = rng.nextUnit() < 0.5 ? -magnitude : magnitude
            let b = 3 * rng.nextUnit() - 1.5
            let distance = pairs.map { p in
                min(max(abs(p.0 - a), abs(p.1 - b)), max(abs(p.0 + a), abs(p.1 + b)))
            }.min() ?? .infinity
            if distance >= 0.25 {
                pairs.append((a, b))
                separation = min(separation, distance)
            }
        }
        return (pairs, separation)
    }
}
