import LinearAlgebra

/// Three-valued verdict of the Bona-Pellissier–Malgouyres–Bachoc conditions (science.md §7.3).
public enum IdentifiabilityVerdict: String, Sendable, Codable, Equatable {
    /// C_S holds: R_Γ = P − H (Theorem 9).
    case identifiable
    /// C_N fails: R_Γ = R_A < P − H (Theorem 8), or a hidden neuron has all outgoing weights 0.
    case notIdentifiable = "not_identifiable"
    /// Neither condition decides (R_Γ < R_A and R_Γ < P − H), or R_A was not computed.
    case undecided
}

/// Why a hidden neuron puts θ in the degenerate set S of science.md §6.2.
public struct DegenerateNeuron: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case zeroOutgoingWeights = "zero_outgoing_weights"
        case zeroIncomingWeightsAndBias = "zero_incoming_weights_and_bias"
    }

    public var neuron: HiddenNeuron
    public var kind: Kind
}

/// Everything measured by `MLP.localIdentifiability(inputs:boundaryTolerance:maxPathCount:)`.
public struct LocalIdentifiabilityReport: Sendable, Equatable {
    public var widths: [Int]
    public var sampleCount: Int
    /// P, the number of parameters.
    public var parameterCount: Int
    /// H, the number of hidden neurons.
    public var hiddenCount: Int
    /// |𝒫|, the number of paths.
    public var pathCount: Int
    /// Numerical rank of the full batch Jacobian (= R_Γ, science.md §7.4), with its singular-value gap.
    public var jacobianRank: RankEstimate
    /// Numerical rank of α(X, θ); nil when |𝒫| exceeded the limit.
    public var activationRank: RankEstimate?
    public var minimumPreactivation: MinimumPreactivation
    /// The boundary tolerance actually used.
    public var boundaryTolerance: Double
    /// max |f_θ(X) − α φ|; nil when |𝒫| exceeded the limit.
    public var factorisationResidual: Double?
    /// Hidden neurons that put θ in the degenerate set S.
    public var degenerateNeurons: [DegenerateNeuron]
    /// Hidden neurons that are inactive on every sample (not in S, but invisible to the sample).
    public var inactiveNeurons: [HiddenNeuron]
    public var verdict: IdentifiabilityVerdict
    /// One sentence saying which rule gave the verdict.
    public var reason: String

    /// P − H, the generic upper bound of R_Γ.
    public var rankBound: Int { parameterCount - hiddenCount }
    /// R_Γ.
    public var rGamma: Int { jacobianRank.rank }
    /// R_A = N_L · rank α(X, θ) (science.md §7.3 Prop. 11); nil when not computed.
    public var rA: Int? { activationRank.map { $0.rank * (widths.last ?? 0) } }
    /// s_r / s_{r+1} of the Jacobian.
    public var rankGap: Double { jacobianRank.gap }
    public var isIllConditioned: Bool { jacobianRank.isIllConditioned }
    /// True when θ is in the degenerate set S (the theorems of §7 exclude it).
    public var isDegenerate: Bool { !degenerateNeurons.isEmpty }
    /// True when R_Γ ≤ P − H and R_Γ ≤ R_A hold, as they must (failing outcomes (a), (b) of §7.6).
    public var satisfiesRankBounds: Bool { rGamma <= rankBound && (rA.map { rGamma <= $0 } ?? true) }
}

extension MLP {
    /// Hidden neurons with all outgoing weights 0, or all incoming weights and bias 0 (the set S).
    public func degenerateNeurons() -> [DegenerateNeuron] {
        var result: [DegenerateNeuron] = []
        for l in 1..<depth {
            for i in 0..<widths[l] {
                let neuron = HiddenNeuron(layer: l, index: i)
                if weights[l].column(i).allSatisfy({ $0 == 0 }) {
                    result.append(DegenerateNeuron(neuron: neuron, kind: .zeroOutgoingWeights))
                }
                if weights[l - 1].row(i).allSatisfy({ $0 == 0 }) && biases[l - 1][i] == 0 {
                    result.append(DegenerateNeuron(neuron: neuron, kind: .zeroIncomingWeightsAndBias))
                }
            }
        }
        return result
    }

    /// Batch functional dimension (science.md §8.4): the numerical rank of the batch Jacobian, refusing
    /// samples on a switching boundary for piecewise-linear activations.
    public func batchFunctionalDimension(_ inputs: Matrix, boundaryTolerance: Double? = nil) throws -> RankEstimate {
        if activation.isPiecewiseLinear { try requireOffBoundary(inputs, tolerance: boundaryTolerance) }
        return try numericalRank(batchJacobian(inputs))
    }

    /// Local identifiability from the sample `inputs` (science.md §7): R_Γ, R_A and the three-valued verdict.
    /// Samples within `boundaryTolerance` of a switching boundary are refused (nil: 1e-9 × max |z|).
    /// R_A is computed only when |𝒫| ≤ `maxPathCount`. The theorems are proved for ReLU; for leaky-ReLU the
    /// same rank conditions are evaluated with slopes {α, 1} in place of {0, 1}.
    public func localIdentifiability(inputs: Matrix, boundaryTolerance: Double? = nil,
                                     maxPathCount: Int = 4096) throws -> LocalIdentifiabilityReport {
        try requirePiecewiseLinear()
        try checkInputs(inputs)
        let minimum = try requireOffBoundary(inputs, tolerance: boundaryTolerance)
        let tolerance = boundaryTolerance ?? 1e-9 * minimum.scale
        let jacobianRank = try numericalRank(batchJacobian(inputs))
        let pathCount = PathEnumeration.pathCount(widths: widths)
        var activationRank: RankEstimate?
        var residual: Double?
        if pathCount <= maxPathCount {
            let paths = try PathEnumeration(widths: widths, limit: maxPathCount)
            activationRank = try numericalRank(activationMatrix(inputs, paths: paths))
            residual = try factorisationResidual(inputs, paths: paths)
        }
        var report = LocalIdentifiabilityReport(
            widths: widths, sampleCount: inputs.rows, parameterCount: parameterCount, hiddenCount: hiddenCount,
            pathCount: pathCount, jacobianRank: jacobianRank, activationRank: activationRank,
            minimumPreactivation: minimum, boundaryTolerance: tolerance, factorisationResidual: residual,
            degenerateNeurons: degenerateNeurons(), inactiveNeurons: try inactiveNeurons(inputs),
            verdict: .undecided, reason: "")
        (report.verdict, report.reason) = MLP.verdict(for: report)
        return report
    }

    /// Theorems 8–9 of Bona-Pellissier, Malgouyres & Bachoc (science.md §7.3), with the degenerate case.
    static func verdict(for report: LocalIdentifiabilityReport) -> (IdentifiabilityVerdict, String) {
        let bound = report.rankBound
        if let dead = report.degenerateNeurons.first(where: { $0.kind == .zeroOutgoingWeights }) {
            return (.notIdentifiable, "θ is in S: \(dead.neuron) has all outgoing weights 0, so its incoming "
                + "weights can move freely without changing the outputs")
        }
        if report.rGamma == bound {
            return (.identifiable, "C_S holds: R_Γ = P − H = \(bound) (Theorem 9)")
        }
        guard let rA = report.rA else {
            return (.undecided, "R_Γ = \(report.rGamma) < P − H = \(bound) and R_A was not computed (|𝒫| too large)")
        }
        if report.rGamma == rA {
            return (.notIdentifiable, "C_N fails: R_Γ = R_A = \(rA) < P − H = \(bound) (Theorem 8)")
        }
        return (.undecided, "R_Γ = \(report.rGamma) is below both R_A = \(rA) and P − H = \(bound)")
    }
}
