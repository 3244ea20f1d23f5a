import LinearAlgebra
import Networks

/// Claim `functional-dimension-bound` (science.md §8.4): the batch functional dimension (rank of the batch
/// Jacobian) of a ReLU net never exceeds P − H, is attained by generic shallow nets, and is attained less
/// often as depth grows (reported as a fraction over seeds).
struct FunctionalDimensionBoundCheck: ClaimCheck {
    let id = "functional-dimension-bound"
    let summary = "Batch functional dimension of ReLU nets is at most P − H"
    let builtInDefaults = CheckParameters(widths: [2, 4, 4, 1], activation: .relu, seed: 1, samples: 200)
    /// How many seeds the deep-net frequency is measured over.
    let deepSeedCount = 20

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 4, 4, 1]
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .relu
        guard activation.isPiecewiseLinear else {
            throw CheckError.invalidParameter("functional-dimension-bound is about ReLU-type nets; got \(activation)")
        }
        let shallow = [widths[0], widths[1], widths[widths.count - 1]]
        let deep = widths.count > 3 ? widths : [widths[0], widths[1], widths[1], widths[widths.count - 1]]

        // Shallow: generic attainment of P − H.
        let shallowRun = try measure(shallow, activation, seed, samples)
        context.metric("rank", shallowRun.rank.rank)
        context.metric("expected_rank", shallowRun.bound)
        context.metric("parameters", shallowRun.parameterCount)
        context.metric("hidden_neurons", shallowRun.hidden)
        context.metric("gap", shallowRun.rank.gap)
        context.expectEqual("shallow \(shallow) attains P − H", shallowRun.rank.rank, shallowRun.bound)
        if shallowRun.rank.isIllConditioned { context.inconclusive("shallow rank gap \(shallowRun.rank.gap) below 1e6") }

        // Deep: the bound holds on every seed; how often it is attained is reported, not asserted.
        var attained = 0
        var maxExcess = Int.min
        var deepRanks: [Int] = []
        for s in 0..<UInt64(deepSeedCount) {
            let run = try measure(deep, activation, seed &+ s, samples)
            deepRanks.append(run.rank.rank)
            if run.rank.rank == run.bound { attained += 1 }
            maxExcess = max(maxExcess, run.rank.rank - run.bound)
        }
        let deepBound = MLP.parameterCount(deep) - deep.dropFirst().dropLast().reduce(0, +)
        context.metric("deep_widths", .ints(deep))
        context.metric("deep_bound", deepBound)
        context.metric("deep_ranks", .ints(deepRanks))
        context.metric("deep_attained_fraction", Double(attained) / Double(deepSeedCount))
        context.expect("rank ≤ P − H on every deep seed", maxExcess <= 0, expected: "≤ \(deepBound)",
                       observed: "max rank \(deepRanks.max() ?? 0)")

        // Control: the same code on tanh (no continuous symmetry) must exceed P − H, so the bound is not an
        // artefact of the rank routine.
        let tanhRun = try measure(shallow, .tanh, seed, samples)
        context.control("tanh net exceeds P − H", detected: tanhRun.rank.rank > tanhRun.bound,
                        expected: "rank > \(tanhRun.bound) (tanh reaches P = \(tanhRun.parameterCount))",
                        observed: "rank \(tanhRun.rank.rank)")

        // Control: a dead hidden unit (bias −10, never active on inputs in [−2, 2)) lowers the rank.
        var deadDraw = try detNet(widths: shallow, activation: activation, seed: seed, samples: samples)
        let weightBound = deadDraw.network.weights[0].row(0).reduce(0) { $0 + abs($1) } * 2
        deadDraw.network.biases[0][0] = -10 - weightBound
        let deadRank = try numericalRank(try deadDraw.network.batchJacobian(deadDraw.inputs)).rank
        context.control("dead unit lowers the functional dimension", detected: deadRank < shallowRun.bound,
                        expected: "rank < \(shallowRun.bound)", observed: "rank \(deadRank)")
    }

    private struct Measurement {
        var rank: RankEstimate
        var bound: Int
        var parameterCount: Int
        var hidden: Int
    }

    private func measure(_ widths: [Int], _ activation: Activation, _ seed: UInt64, _ samples: Int) throws -> Measurement {
        let draw = try detNet(widths: widths, activation: activation, seed: seed, samples: samples)
        let rank = try numericalRank(try draw.network.batchJacobian(draw.inputs))
        let p = draw.network.parameterCount, h = draw.network.hiddenCount
        return Measurement(rank: rank, bound: p - h, parameterCount: p, hidden: h)
    }
}
