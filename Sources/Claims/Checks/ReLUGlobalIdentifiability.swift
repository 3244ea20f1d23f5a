import LinearAlgebra
import Networks

/// Claim `relu-global-identifiability` (Phuong & Lampert 2020; Bona-Pellissier, Bachoc & Malgouyres 2023): for
/// non-increasing widths, a ReLU net whose units all switch on the domain is determined by its function up to
/// permutation and positive rescaling. Demonstrated by refitting: Levenberg–Marquardt from many random starts,
/// and every fit that reproduces the target on the sample and on a fresh validation sample must have the
/// target's canonical form. Starts are random with every unit's boundary through a sample point.
struct ReLUGlobalIdentifiabilityCheck: ClaimCheck {
    let id = "relu-global-identifiability"
    let summary = "Non-increasing-width ReLU nets: every zero-residual refit is a permutation/rescaling of the target"
    let builtInDefaults = CheckParameters(widths: [2, 2, 1], activation: .relu, seed: 1, samples: 40)
    let starts = 12
    let parameterLimit = 40

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[2, 2, 1], [3, 2, 1], [3, 3, 1], [2, 2, 2, 1], [3, 2, 2, 1]].map {
            CheckParameters(widths: $0, activation: .relu, samples: 4 * MLP.parameterCount($0))
        }
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
        let samples = parameters.samples ?? 40
        let count = MLP.parameterCount(widths)
        guard samples * widths[widths.count - 1] >= 4 * count else {
            throw CheckError.invalidParameter("need at least \(4 * count) sample outputs for \(count) parameters, got \(samples)")
        }
        guard let draw = try context.drawNet(widths: widths, activation: .relu, seed: seed, samples: samples,
                                                hypotheses: reluVisibilityHypotheses) else { return }
        let target = draw.network
        let targets = try target.forward(draw.inputs)
        // Agreement on the fitting sample is not equality of functions (two nearly parallel kinks with no
        // sample point between them can be traded for one): fits must also agree on a dense validation set in
        // the sampled box and on a box 25 times wider.
        let dense = uniformBox(dimension: widths[0], samples: 2000, radius: 2, seed: seed &+ 77)
        let wide = uniformBox(dimension: widths[0], samples: 200, radius: 50, seed: seed &+ 78)
        let validation = Matrix(rows: dense.rows + wide.rows, cols: widths[0], storage: dense.storage + wide.storage)
        let validationTargets = try target.forward(validation)
        let scale = max(1, targets.maxAbs)

        var options = LevenbergMarquardtOptions()
        options.residualTolerance = 1e-11 * scale
        options.maxIterations = 60
        let refit = try dataAwareStarts(widths: widths, inputs: draw.inputs, seed: seed &* 7919 &+ 13).map {
            try levenbergMarquardt(start: $0, inputs: draw.inputs, targets: targets, options: options)
        }
        var converged = 0, functional = 0, inequivalent = 0
        var worstEquivalentDistance = 0.0
        for attempt in refit where attempt.converged {
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
        let projected = projection.residual <= 1e-10 * max(1, try target.forward(few).maxAbs)
        context.control("zero-residual fit on \(count / 2) points",
                        refutes: "a zero residual on any sample implies equivalence",
                        detected: projected && fewDistance > 1e-3, margin: fewDistance / 1e-3,
                        expected: "a zero-residual fit at canonical distance > 1e-3",
                        observed: "residual \(MetricValue.format(projection.residual)), distance \(MetricValue.format(fewDistance))",
                        collapsed: projected ? nil : "the projection onto the small-sample fibre did not converge")
    }

    /// Random starts that put every unit to work: weights uniform in [−1, 1], and each unit's bias chosen so
    /// that its switching boundary passes through a randomly picked sample point (no unit starts dead).
    private func dataAwareStarts(widths: [Int], inputs: Matrix, seed: UInt64) throws -> [MLP] {
        var rng = SplitMix64(seed: seed)
        return try (0..<starts).map { _ in
            var net = try MLP(widths: widths, activation: .relu,
                              parameters: (0..<MLP.parameterCount(widths)).map { _ in 2 * rng.nextUnit() - 1 })
            for layer in 1..<net.depth {
                for unit in 0..<widths[layer] {
                    let sample = Int(rng.next() % UInt64(inputs.rows))
                    let z = net.trace(inputs.row(sample)).pre[layer - 1][unit]
                    net.biases[layer - 1][unit] -= z
                }
            }
            return net
        }
    }
}
