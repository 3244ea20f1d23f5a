import LinearAlgebra
import Networks

/// Claim `functional-dimension-bound` (science.md §8.4, §0.4(10); Grigsby–Lindsey–Meyerhoff–Wu 2022,
/// Grigsby–Lindsey–Rolnick 2023, Grillo–Montúfar 2026): the batch functional dimension (rank of the batch
/// Jacobian) of a ReLU net never exceeds min(P − H, n·nL); a one-hidden-layer net whose hyperplanes all cross
/// the sample attains P − H once n·nL ≥ P − H; for deeper nets attainment is reported as a fraction over
/// seeds, not asserted.
struct FunctionalDimensionBoundCheck: ClaimCheck {
    let id = "functional-dimension-bound"
    let summary = "Batch functional dimension of ReLU nets is at most P − H"
    let builtInDefaults = CheckParameters(widths: [2, 4, 4, 1], activation: .relu, seed: 1, samples: 200)
    /// How many seeds the deep-net frequency is measured over.
    let deepSeedCount = 10

    var sweepGrid: [CheckParameters] {
        [[2, 4, 4, 1], [2, 3, 1], [1, 1, 1], [3, 1, 2], [2, 4, 1, 3, 1], [4, 6, 2, 1]].map {
            CheckParameters(widths: $0, activation: .relu, samples: 120)
        } + [CheckParameters(widths: [2, 4, 4, 1], activation: .relu, samples: 5),
             CheckParameters(widths: [2, 3, 1], activation: .leakyReLU(alpha: 0.01), samples: 120)]
    }

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let widths = parameters.widths ?? [2, 4, 4, 1]
        let samples = parameters.samples ?? 200
        return .denseMatrices(rows: SafeSize.multiply(samples, widths.last ?? 1), cols: SafeSize.parameterCount(widths),
                              copies: 3, repeats: deepSeedCount + 4, label: "batch Jacobian")
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 4, 4, 1]
        try requireHiddenLayer(widths, claim: id)
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .relu
        guard activation.isPiecewiseLinear else {
            throw CheckError.invalidParameter("functional-dimension-bound is about ReLU-type nets; --activation \(activation) is outside its scope")
        }
        let nL = widths[widths.count - 1]
        let observations = samples * nL
        let shallow = [widths[0], widths[1], nL]
        let p = MLP.parameterCount(widths), h = widths.dropFirst().dropLast().reduce(0, +)
        let bound = min(p - h, observations)

        // The network asked for: the bound on its own draw (boundary samples redrawn).
        guard let draw = try context.drawNet(widths: widths, activation: activation, seed: seed, samples: samples,
                                             hypotheses: [.offSwitchingBoundary]) else { return }
        let rank = try numericalRank(try draw.network.batchJacobian(draw.inputs))
        context.metric("rank", rank.rank)
        context.metric("expected_rank", bound)
        context.metric("parameters", p)
        context.metric("hidden_neurons", h)
        context.metric("gap", rank.decisionMargin)
        context.expectRank("rank ≤ min(P − H, n·nL)", rank, expected: bound, atMost: true)

        // Attainment on the one-hidden-layer shape: every hyperplane must cross the sample (redrawn otherwise).
        let shallowP = MLP.parameterCount(shallow), shallowBound = shallowP - widths[1]
        if observations >= shallowBound {
            guard let shallowDraw = try context.drawNet(widths: shallow, activation: activation, seed: seed, samples: samples,
                                                        hypotheses: [.offSwitchingBoundary, .richRegions(minimum: 2 * (widths[0] + 1))]) else { return }
            let shallowRank = try numericalRank(try shallowDraw.network.batchJacobian(shallowDraw.inputs))
            context.metric("shallow_rank", shallowRank.rank)
            context.metric("shallow_expected_rank", shallowBound)
            context.expectRank("one hidden layer \(shallow.map(String.init).joined(separator: ",")) attains P − H", shallowRank,
                               expected: shallowBound)

            // Control: a dead hidden unit (bias below −‖w‖₁·2, never active on [−2, 2)) lowers the rank.
            var dead = shallowDraw.network
            dead.biases[0][0] = -10 - dead.weights[0].row(0).reduce(0) { $0 + abs($1) } * 2
            let deadRank = try numericalRank(try dead.batchJacobian(shallowDraw.inputs))
            context.control("dead unit lowers the functional dimension", refutes: "every parameter attains the functional dimension P − H",
                            detected: deadRank.rank < shallowBound, margin: Double(shallowBound - deadRank.rank),
                            expected: "rank < \(shallowBound)", observed: "rank \(deadRank.rank)")
        } else {
            context.note("n·nL = \(observations) < P − H = \(shallowBound) of the one-hidden-layer shape: attainment not asserted")
            context.skipControl("dead unit lowers the functional dimension", refutes: "every parameter attains P − H",
                                reason: "too few samples for P − H")
        }

        // Deep: attainment frequency over seeds, reported only.
        if widths.count > 3 {
            var attained = 0
            var ranks: [Int] = []
            for s in 0..<UInt64(deepSeedCount) {
                let d = try detNet(widths: widths, activation: activation, seed: seed &+ s, samples: samples)
                let r = try numericalRank(try d.network.batchJacobian(d.inputs)).rank
                ranks.append(r)
                if r == bound { attained += 1 }
            }
            context.metric("deep_ranks", .ints(ranks))
            context.metric("deep_attained_fraction", Double(attained) / Double(deepSeedCount))
        }

        // Control: tanh (no continuous symmetry) exceeds P − H on the same shape, so the bound is not an
        // artefact of the rank routine.
        let tanhP = MLP.parameterCount(shallow)
        if observations > shallowBound {
            let tanh = try detNet(widths: shallow, activation: .tanh, seed: seed, samples: samples)
            let tanhRank = try numericalRank(try tanh.network.batchJacobian(tanh.inputs))
            context.control("tanh net exceeds P − H", refutes: "P − H bounds the functional dimension of every network (not only ReLU)",
                            detected: tanhRank.rank > shallowBound, margin: Double(tanhRank.rank - shallowBound),
                            expected: "rank > \(shallowBound) (tanh reaches min(P, n·nL) = \(min(tanhP, observations)))",
                            observed: "rank \(tanhRank.rank)",
                            collapsed: tanhRank.decisionMargin < RankEstimate.cleanGap ? "tanh rank ill-conditioned" : nil)
        } else {
            context.skipControl("tanh net exceeds P − H", refutes: "P − H bounds every network's functional dimension",
                                reason: "n·nL ≤ P − H: no rank above P − H is possible on this sample")
        }
    }
}
