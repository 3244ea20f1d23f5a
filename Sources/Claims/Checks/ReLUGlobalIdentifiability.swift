import LinearAlgebra
import Networks

/// Claim `relu-global-identifiability` (Phuong & Lampert 2020; Bona-Pellissier, Bachoc & Malgouyres 2023): for
/// non-increasing widths, a ReLU net whose units all switch on the domain is determined by its function up to
/// permutation and positive rescaling. Demonstrated by refitting: Levenberg–Marquardt from many random starts,
/// and every fit that reproduces the target on the sample and on a fresh validation sample must have the
/// target's canonical form.
struct ReLUGlobalIdentifiabilityCheck: ClaimCheck {
    let id = "relu-global-identifiability"
    let summary = "Non-increasing-width ReLU nets: every zero-residual refit is a permutation/rescaling of the target"
    let builtInDefaults = CheckParameters(widths: [2, 2, 1], activation: .relu, seed: 1, samples: 80)
    let starts = 16
    let parameterLimit = 40

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[2, 2, 1], [3, 2, 1], [3, 3, 1], [2, 2, 2, 1], [3, 2, 2, 1]].map { CheckParameters(widths: $0, activation: .relu, samples: 80) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 2, 1]
        try MLP.validate(widths)
        guard widths.count >= 3, zip(widths.dropLast(), widths.dropFirst().dropLast()).allSatisfy({ $0 >= $1 }) else {
            throw CheckError.invalidParameter("relu-global-identifiability is about non-increasing widths n0 ≥ n1 ≥ … ≥ n_{L-1} with a hidden layer; got \(widths.map(String.init).joined(separator: ","))")
        }
        guard MLP.parameterCount(widths) <= parameterLimit else {
            throw CheckError.invalidParameter("the refit search is limited to \(parameterLimit) parameters; \(widths) has \(MLP.parameterCount(widths))")
        }
        guard (parameters.activation ?? .relu) == .relu else {
            throw CheckError.invalidParameter("relu-global-identifiability is about ReLU nets; got \(parameters.activation.map(String.init(describing:)) ?? "")")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 80
        let count = MLP.parameterCount(widths)
        guard samples * widths[widths.count - 1] >= 4 * count else {
            throw CheckError.invalidParameter("need at least \(4 * count) sample outputs for \(count) parameters, got \(samples)")
        }
        guard let draw = try context.drawNet(widths: widths, activation: .relu, seed: seed, samples: samples,
                                                hypotheses: reluVisibilityHypotheses) else { return }
        let target = draw.network
        let targets = try target.forward(draw.inputs)
        let validation = uniformBox(dimension: widths[0], samples: samples, radius: 2, seed: seed &+ 77)
        let validationTargets = try target.forward(validation)
        let scale = max(1, targets.maxAbs)

        var options = LevenbergMarquardtOptions()
        options.residualTolerance = 1e-11 * scale
        options.maxIterations = 300
        let refit = try fitMLP(widths: widths, activation: .relu, inputs: draw.inputs, targets: targets,
                               starts: starts, seed: seed &* 7919 &+ 13, options: options)
        var converged = 0, functional = 0, inequivalent = 0
        var worstEquivalentDistance = 0.0
        for attempt in refit.attempts where attempt.converged {
            converged += 1
            let off = relativeResidual(try attempt.network.forward(validation), validationTargets)
            guard off <= 1e-8 else { continue }
            functional += 1
            let equivalence = try functionallyEquivalent(target, attempt.network, tolerance: 1e-6)
            if equivalence.equivalent {
                worstEquivalentDistance = max(worstEquivalentDistance, equivalence.maxParameterDifference)
            } else {
                inequivalent += 1
            }
        }
        context.metric("starts", starts)
        context.metric("converged_fits", converged)
        context.metric("functionally_equal_fits", functional)
        context.metric("inequivalent_fits", inequivalent)
        context.metric("max_canonical_distance", worstEquivalentDistance)
        if functional == 0 {
            context.inconclusive("no refit reached zero residual on the sample and the validation sample")
        }
        context.expectEqual("every functionally equal refit is a permutation/rescaling of the target", inequivalent, 0)

        // Control: outside the class (widths 2 < 3) the flip construction gives a second parameter with the same
        // function whose canonical form differs.
        let (theta, flipped) = try flipPair()
        let box = uniformBox(dimension: 2, samples: samples, radius: 2, seed: seed)
        let flipResidual = relativeResidual(try flipped.forward(box), try theta.forward(box))
        let flipEquivalence = try functionallyEquivalent(theta, flipped, tolerance: 1e-6)
        context.metric("flip_residual", flipResidual)
        context.metric("flip_canonical_distance", flipEquivalence.maxParameterDifference)
        context.control("flip construction in (2,3,1)",
                        refutes: "equal functions force equivalent parameters for every width pattern",
                        detected: flipResidual <= 1e-13 && flipEquivalence.maxParameterDifference > 0.1,
                        margin: flipEquivalence.maxParameterDifference / 0.1,
                        expected: "same function, canonical distance > 0.1",
                        observed: "residual \(MetricValue.format(flipResidual)), distance \(MetricValue.format(flipEquivalence.maxParameterDifference))")

        // Control: agreement on fewer sample outputs than parameters does not pin the parameters down. Project a
        // perturbed start onto the set of parameters matching the target on P/2 points (minimum-norm steps).
        let few = Matrix(rows: count / 2, cols: widths[0], storage: Array(draw.inputs.storage.prefix(count / 2 * widths[0])))
        var noise = Draws(seed: seed &+ 5)
        let start = try MLP(widths: widths, activation: .relu,
                            parameters: target.parameters.map { $0 + 0.2 * (2 * noise.rng.nextUnit() - 1) })
        let projection = try projectOntoFiber(target: target, start: start, inputs: few)
        let fewDistance = try functionallyEquivalent(target, projection.network, tolerance: 1e-6).maxParameterDifference
        context.metric("small_sample_residual", projection.residual)
        context.metric("small_sample_canonical_distance", fewDistance)
        context.control("zero-residual fit on \(count / 2) points",
                        refutes: "a zero residual on any sample implies equivalence",
                        detected: projection.converged && fewDistance > 1e-3, margin: fewDistance / 1e-3,
                        expected: "a zero-residual fit at canonical distance > 1e-3",
                        observed: "residual \(MetricValue.format(projection.residual)), distance \(MetricValue.format(fewDistance))")
    }
}
