import LinearAlgebra
import Networks

/// Claim `affine-activation-symmetry` (science.md §3.1, §3.3; Vlačić & Bölcskei): σ(a t + c) = α σ(t) + β
/// gives a network symmetry once the next layer's bias absorbs −vβ/α; continuous families (exp shift, ReLU
/// rescaling) lower the generic batch-Jacobian rank to P − H, finite ones (tanh, logistic, softplus) keep P.
/// The whole panel runs every time; the given activation is the one reported as `rank`/`expected_rank`.
struct AffineActivationSymmetryCheck: ClaimCheck {
    let id = "affine-activation-symmetry"
    let summary = "Affine symmetries of σ give network symmetries; continuous ones cost H ranks"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .logistic, seed: 1, samples: 200)
    /// The activations compared, each with a finite or continuous symmetry group (softplus has none).
    let panel: [Activation] = [.tanh, .logistic, .softplus, .exp, .relu]
    /// λ for ReLU rescaling and c for the exp shift.
    let familyParameter = 3.0

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        guard widths.count >= 3 else { throw CheckError.invalidParameter("affine-activation-symmetry needs a hidden layer") }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .logistic
        guard hasContinuousFamily(activation) != nil else {
            throw CheckError.invalidParameter(
                "affine-activation-symmetry compares tanh, logistic, softplus, exp and ReLU-type activations; got \(activation)")
        }
        let activations = panel.contains(activation) ? panel : panel + [activation]

        var maxResidual = 0.0
        for family in activations {
            let draw = try detNet(widths: widths, activation: family, seed: seed, samples: samples)
            let net = draw.network
            let outputs = try net.forward(draw.inputs)
            // Every known symmetry applied to every hidden unit in turn.
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

            // Continuous family ⇒ P − H; finite group ⇒ P (both capped by the n·nL observations).
            let continuous = hasContinuousFamily(family) ?? false
            let bound = continuous ? net.parameterCount - net.hiddenCount : net.parameterCount
            let expected = min(bound, samples * net.outputWidth)
            let estimate = try recordRank(net, inputs: draw.inputs, expected: expected, prefix: "\(family)_",
                                          label: "\(family) rank", into: &context)
            if family.isPiecewiseLinear && net.depth > 2 {
                // Deep ReLU nets can fall below P − H (dead units, hidden symmetries): only the bound is claimed.
                context.expect("\(family) rank ≤ P − H", estimate.rank <= expected, expected: "≤ \(expected)",
                               observed: String(estimate.rank))
            } else {
                context.expectEqual("\(family) rank is \(continuous ? "P − H" : "P")", estimate.rank, expected)
            }
            if family == activation {
                context.metric("rank", estimate.rank)
                context.metric("expected_rank", expected)
                context.metric("gap", estimate.gap)
                context.metric("parameters", net.parameterCount)
                context.metric("hidden_neurons", net.hiddenCount)
            }
        }
        context.metric("max_residual", maxResidual)
        context.expectAtMost("each known affine symmetry preserves its net", maxResidual, 1e-13)

        // Control: the logistic flip without the next-layer bias correction shifts f by the outgoing weight.
        let logistic = try detNet(widths: widths, activation: .logistic, seed: seed, samples: samples)
        let logisticOutputs = try logistic.network.forward(logistic.inputs)
        let uncorrected = try logistic.network.applyingWithoutBiasCorrection(.logisticFlip, layer: 1, unit: 0)
        let uncorrectedResidual = relativeResidual(try uncorrected.forward(logistic.inputs), logisticOutputs)
        context.control("logistic flip without the bias correction", detected: uncorrectedResidual > 1e-3,
                        expected: "function changes (> 1e-3)", observed: MetricValue.format(uncorrectedResidual))

        // Control: ReLU's λ = 3 rescaling is not a symmetry of tanh.
        let tanh = try detNet(widths: widths, activation: .tanh, seed: seed, samples: samples)
        let tanhOutputs = try tanh.network.forward(tanh.inputs)
        let rescaled = try tanh.network.applying(.positiveRescaling(familyParameter), layer: 1, unit: 0)
        let rescaledResidual = relativeResidual(try rescaled.forward(tanh.inputs), tanhOutputs)
        context.control("λ = 3 rescaling of a tanh net", detected: rescaledResidual > 1e-6,
                        expected: "function changes (> 1e-6)", observed: MetricValue.format(rescaledResidual))
    }

    /// True for a one-parameter symmetry family per unit, false for a finite group, nil when the activation
    /// is outside this claim (linear and square have larger symmetry groups of their own).
    private func hasContinuousFamily(_ activation: Activation) -> Bool? {
        switch activation {
        case .exp, .relu, .leakyReLU: return true
        case .tanh, .logistic, .softplus, .arctan: return false
        // Polynomials have no independence property (science.md §0.4(4)); the others are not settled here.
        case .linear, .square, .cube, .polynomial, .sin, .gelu, .silu, .elu: return nil
        }
    }
}
