import LinearAlgebra
import Networks

/// Claim `affine-activation-symmetry` (science.md §3.1, §3.3, §0.4(4); Vlačić & Bölcskei): σ(a t + c) = α σ(t) + β
/// gives a network symmetry once the next layer's bias absorbs −vβ/α; continuous families (exp shift, ReLU
/// rescaling) lower the generic batch-Jacobian rank to P − H (a bound for deep nets), while finite groups
/// (tanh, logistic, softplus — non-polynomial analytic σ with the independence property) keep P. The whole
/// panel runs every time; the given activation's net is the one reported as `rank`/`expected_rank`.
struct AffineActivationSymmetryCheck: ClaimCheck {
    let id = "affine-activation-symmetry"
    let summary = "Affine symmetries of σ give network symmetries; continuous ones cost H ranks"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .logistic, seed: 1, samples: 200)
    /// The activations compared, each with a finite or continuous symmetry group (softplus has none).
    let panel: [Activation] = [.tanh, .logistic, .softplus, .exp, .relu]
    /// λ for ReLU rescaling and c for the exp shift.
    let familyParameter = 3.0

    var sweepGrid: [CheckParameters] {
        [[2, 3, 1], [1, 1, 1], [3, 1, 2], [2, 3, 3, 1], [4, 6, 2, 1]].map { CheckParameters(widths: $0, activation: .logistic, samples: 80) }
            + [CheckParameters(widths: [2, 3, 1], activation: .logistic, samples: 5),
               CheckParameters(widths: [2, 3, 1], activation: .relu, samples: 80)]
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayer(widths, claim: id)
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .logistic
        guard hasContinuousFamily(activation) != nil else {
            throw CheckError.invalidParameter(
                "affine-activation-symmetry compares tanh, logistic, softplus, arctan, exp and ReLU-type activations; --activation \(activation) is outside its scope")
        }
        let activations = panel.contains(activation) ? panel : panel + [activation]

        var maxResidual = 0.0
        for family in activations {
            // ReLU-type: a dead unit or a hyperplane missing the sample is a hypothesis violation (redrawn).
            // One hidden layer: the rank P − H also needs every hyperplane well inside the sample (richRegions).
            let hypotheses: [MLPHypothesis] = family.isPiecewiseLinear
                ? (widths.count == 3 ? [.offSwitchingBoundary, .richRegions(minimum: 2 * (widths[0] + 1))] : [.noDeadUnits, .offSwitchingBoundary])
                : [.noZeroUnits]
            guard let draw = try context.drawNet(widths: widths, activation: family, seed: seed, samples: samples,
                                                 hypotheses: hypotheses) else { return }
            let net = draw.network
            let outputs = try net.forward(draw.inputs)
            var residual = 0.0
            for symmetry in AffineSymmetry.known(for: family, parameter: familyParameter) {
                for layer in 1..<net.depth {
                    for unit in 0..<widths[layer] {
                        let image = try net.applying(symmetry, layer: layer, unit: unit)
                        residual = max(residual, relativeResidual(try image.forward(draw.inputs), outputs))
                    }
                }
            }
            maxResidual = max(maxResidual, residual)
            context.metric("residual_\(family)", residual)

            // Continuous family ⇒ P − H (equality for one hidden layer, a bound beyond); finite group ⇒ P.
            let continuous = hasContinuousFamily(family) ?? false
            let bound = continuous ? net.parameterCount - net.hiddenCount : net.parameterCount
            let estimate = try numericalRank(try net.batchJacobian(draw.inputs))
            context.metric("\(family)_rank", estimate.rank)
            context.metric("\(family)_expected_rank", bound)
            context.metric("\(family)_gap", estimate.decisionMargin)
            let atMost = continuous && net.depth > 2
            expectGenericRank("\(family) rank \(atMost ? "≤" : "=") \(continuous ? "P − H" : "P")", estimate, bound: bound,
                              observations: samples * net.outputWidth, atMost: atMost, prefix: "\(family)_", into: &context)
            if family == activation {
                context.metric("rank", estimate.rank)
                context.metric("expected_rank", bound)
                context.metric("gap", estimate.decisionMargin)
                context.metric("parameters", net.parameterCount)
                context.metric("hidden_neurons", net.hiddenCount)
            }
        }
        context.metric("max_residual", maxResidual)
        context.expectAtMost("each known affine symmetry preserves its net", maxResidual, 1e-12)

        // Control: the logistic flip without the next-layer bias correction shifts f by the outgoing weight.
        let logistic = try detNet(widths: widths, activation: .logistic, seed: seed, samples: samples)
        let logisticOutputs = try logistic.network.forward(logistic.inputs)
        let uncorrected = try logistic.network.applyingWithoutBiasCorrection(.logisticFlip, layer: 1, unit: 0)
        context.controlExceeds("logistic flip without the bias correction",
                               refutes: "σ(−t) = 1 − σ(t) gives a symmetry without changing the next bias",
                               value: relativeResidual(try uncorrected.forward(logistic.inputs), logisticOutputs),
                               threshold: 1e-6, quantity: "relative output change")

        // Control: ReLU's λ = 3 rescaling is not a symmetry of tanh.
        let tanh = try detNet(widths: widths, activation: .tanh, seed: seed, samples: samples)
        let tanhOutputs = try tanh.network.forward(tanh.inputs)
        let rescaled = try tanh.network.applying(.positiveRescaling(familyParameter), layer: 1, unit: 0)
        context.controlExceeds("λ = 3 rescaling of a tanh net", refutes: "a continuous symmetry exists for tanh",
                               value: relativeResidual(try rescaled.forward(tanh.inputs), tanhOutputs), threshold: 1e-6,
                               quantity: "relative output change")

        // Control (science.md §0.4(4)): σ(t) = t³ + t has the finite affine group {±id}, yet a (2,3,1) net
        // computes a cubic in two variables: rank ≤ 10 < P = 13.
        let cubic = try detNet(widths: [2, 3, 1], activation: .cubicPlusLinear, seed: seed, samples: 60)
        let cubicRank = try numericalRank(try cubic.network.batchJacobian(cubic.inputs))
        let p = cubic.network.parameterCount
        context.metric("t3+t_rank", cubicRank.rank)
        context.control("σ(t) = t³ + t on (2,3,1)", refutes: "a finite affine symmetry group implies generic rank P",
                        detected: cubicRank.rank < p && cubicRank.decisionMargin >= RankEstimate.cleanGap,
                        margin: Double(p - cubicRank.rank), expected: "rank < P = \(p) (cubics in 2 variables: ≤ 10)",
                        observed: "rank \(cubicRank.rank) (\(cubicRank.marginDescription))",
                        collapsed: cubicRank.decisionMargin < RankEstimate.cleanGap ? "t³+t rank ill-conditioned" : nil)
    }

    /// True for a one-parameter symmetry family per unit, false for a finite group, nil when the activation
    /// is outside this claim (polynomials lack the independence property, science.md §0.4(4)).
    private func hasContinuousFamily(_ activation: Activation) -> Bool? {
        switch activation {
        case .exp, .relu, .leakyReLU: return true
        case .tanh, .logistic, .softplus, .arctan: return false
        case .linear, .square, .cube, .polynomial, .sin, .gelu, .silu, .elu: return nil
        }
    }
}
