import LinearAlgebra
import Networks

/// Claim `tanh-type-exhaustiveness` (science.md §5, Vlačić & Bölcskei; Fefferman): for tanh the symmetries are
/// exhaustive. Measured two ways: generic deep tanh nets have full batch-Jacobian rank P (no continuous symmetry),
/// and refitting a net to another's outputs from random starts reaches zero residual only at parameters
/// equivalent to the target (same canonical form) or at reducible ones.
struct TanhTypeExhaustivenessCheck: ClaimCheck {
    let id = "tanh-type-exhaustiveness"
    let summary = "Tanh symmetries are exhaustive: full rank, and zero-residual refits are equivalent or reducible"
    let builtInDefaults = CheckParameters(widths: [2, 3, 3, 1], activation: .tanh, seed: 1, samples: 200)
    let refitWidths = [2, 3, 1]
    let refitStarts = 4

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 3, 1]
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        guard (parameters.activation ?? .tanh) == .tanh else {
            throw CheckError.invalidParameter("tanh-type-exhaustiveness is about tanh networks")
        }
        // Full rank for tanh; the continuous families exp and ReLU lose one rank per hidden neuron.
        let tanhRank = try rank(widths, .tanh, seed, samples)
        let p = MLP.parameterCount(widths)
        let h = widths.dropFirst().dropLast().reduce(0, +)
        let expected = min(p, samples * widths[widths.count - 1])
        context.metric("rank", tanhRank.rank)
        context.metric("expected_rank", expected)
        context.metric("gap", tanhRank.gap)
        context.metric("parameters", p)
        context.expectEqual("deep tanh net has full batch-Jacobian rank", tanhRank.rank, expected)
        if tanhRank.isIllConditioned { context.inconclusive("tanh rank gap \(tanhRank.gap) below 1e6") }
        for activation in [Activation.exp, .relu] {
            let dropped = try rank(widths, activation, seed, samples).rank
            context.metric("rank_\(activation)", dropped)
            context.control("\(activation) net shows the rank drop", detected: dropped <= p - h,
                            expected: "rank ≤ P − H = \(p - h)", observed: "rank \(dropped)")
        }

        // Refit a small tanh net to a target's outputs: every zero-residual fit is equivalent or reducible.
        let target = try detNet(widths: refitWidths, activation: .tanh, seed: seed, samples: 60)
        let targets = try target.network.forward(target.inputs)
        let fits = try fitMLP(widths: refitWidths, activation: .tanh, inputs: target.inputs, targets: targets,
                              starts: refitStarts, seed: seed &+ 1000)
        var zeroResidual = 0, equivalentFits = 0, reducibleFits = 0
        for attempt in fits.attempts where attempt.residual <= 1e-10 * max(1, targets.maxAbs) {
            zeroResidual += 1
            if try functionallyEquivalent(attempt.network, target.network, tolerance: 1e-6).equivalent {
                equivalentFits += 1
            } else if !(try attempt.network.sussmannReduction(tolerance: 1e-6).wasIrreducible) {
                reducibleFits += 1
            }
        }
        context.metric("refit_starts", refitStarts)
        context.metric("refit_zero_residual", zeroResidual)
        context.metric("refit_equivalent", equivalentFits)
        context.metric("refit_reducible", reducibleFits)
        context.metric("refit_best_residual", fits.best.residual)
        context.expect("every zero-residual refit is equivalent or reducible",
                       zeroResidual == equivalentFits + reducibleFits,
                       expected: "no counterexample", observed: "\(zeroResidual - equivalentFits - reducibleFits) counterexample(s)")
        if zeroResidual == 0 { context.inconclusive("no refit reached zero residual from \(refitStarts) starts") }

        // Control: for ReLU the same test finds a zero-residual, non-equivalent parameter (the §6.4 flip).
        let w1 = Matrix([[1, 0], [0, 1], [-1, -1]])
        let relu = try MLP(weights: [w1, Matrix([[1, 1, 1]])], biases: [[0.3, -0.2, 0.4], [0]], activation: .relu)
        let flippedStart = try MLP(weights: [Matrix(rows: 3, cols: 2, storage: w1.storage.map { -$0 * 1.001 }),
                                             Matrix([[1, 1, 1]])],
                                   biases: [[-0.3, 0.2, -0.4], [0.5]], activation: .relu)
        let reluInputs = target.inputs
        let reluFit = try levenbergMarquardt(start: flippedStart, inputs: reluInputs, targets: try relu.forward(reluInputs))
        let reluEquivalent = try functionallyEquivalent(reluFit.network, relu).equivalent
        context.control("ReLU refit reaches a non-equivalent zero-residual parameter",
                        detected: reluFit.residual <= 1e-10 && !reluEquivalent,
                        expected: "residual ≤ 1e-10 and not equivalent",
                        observed: "residual \(MetricValue.format(reluFit.residual)), \(reluEquivalent ? "equivalent" : "not equivalent")")
    }

    private func rank(_ widths: [Int], _ activation: Activation, _ seed: UInt64, _ samples: Int) throws -> RankEstimate {
        let draw = try detNet(widths: widths, activation: activation, seed: seed, samples: samples)
        return try numericalRank(try draw.network.batchJacobian(draw.inputs))
    }
}
