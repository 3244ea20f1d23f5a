import LinearAlgebra
import Networks

/// Claim `relu-functional-dimension-generic` (Grillo & Montúfar 2026; Grigsby, Lindsey & Rolnick 2023): when the
/// input and every hidden layer have width ≥ 2, some parameter attains the maximal functional dimension P − H
/// (the bound set by the positive rescalings). The check searches deterministic draws for a witness whose batch
/// Jacobian has rank P − H, and confirms the bound is never exceeded.
struct ReLUFunctionalDimensionGenericCheck: ClaimCheck {
    let id = "relu-functional-dimension-generic"
    let summary = "Architectures with input and hidden widths ≥ 2 have ReLU parameters of functional dimension P − H"
    let builtInDefaults = CheckParameters(widths: [2, 3, 2, 1], activation: .relu, seed: 1, samples: 200)
    let maxDraws = 150
    let parameterLimit = 200

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[2, 3, 2, 1], [2, 2, 1], [3, 2, 2, 2, 1], [4, 3, 1], [2, 4, 2, 1]].map { CheckParameters(widths: $0, activation: .relu, samples: 200) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 2, 1]
        try MLP.validate(widths)
        guard widths.count >= 3, widths.dropLast().allSatisfy({ $0 >= 2 }) else {
            throw CheckError.invalidParameter("the theorem assumes input and hidden widths ≥ 2 and at least one hidden layer; got \(widths.map(String.init).joined(separator: ","))")
        }
        guard (parameters.activation ?? .relu) == .relu else {
            throw CheckError.invalidParameter("relu-functional-dimension-generic is about ReLU nets")
        }
        let count = MLP.parameterCount(widths)
        guard count <= parameterLimit else {
            throw CheckError.invalidParameter("limited to \(parameterLimit) parameters; \(widths) has \(count)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let bound = count - widths.dropFirst().dropLast().reduce(0, +)
        guard samples * widths[widths.count - 1] >= bound else {
            throw CheckError.invalidParameter("need at least \(bound) sample outputs to see rank P − H = \(bound), got \(samples)")
        }
        let search = try witnessSearch(widths, seed: seed, samples: samples, bound: bound)
        context.metric("parameters", count)
        context.metric("expected_rank", bound)
        context.metric("draws_tried", search.tried)
        context.metric("max_rank", search.maxRank)
        context.metric("ranks_above_bound", search.aboveBound)
        if let witness = search.witness {
            context.metric("witness_seed", Int(truncatingIfNeeded: witness.seed))
            context.metric("rank", witness.rank.rank)
            context.metric("gap", witness.rank.gap)
            context.expectRank("a witness attains P − H", witness.rank, expected: bound)
        } else {
            // An existence claim: not finding a witness among finitely many draws is not a counterexample.
            context.inconclusive("no draw among \(search.tried) attained P − H = \(bound) (max rank \(search.maxRank))")
        }
        context.expectEqual("no draw exceeds P − H", search.aboveBound, 0)

        // Control: "the width condition is necessary" — a net with a hidden layer of width 1 can still attain P − H.
        let narrow = [2, 1, 2, 1]
        let narrowBound = MLP.parameterCount(narrow) - 3
        let narrowSearch = try witnessSearch(narrow, seed: seed, samples: samples, bound: narrowBound)
        context.metric("narrow_max_rank", narrowSearch.maxRank)
        context.metric("narrow_bound", narrowBound)
        context.control("witness search on (2,1,2,1)", refutes: "without the width condition P − H is never attained",
                        detected: narrowSearch.witness != nil,
                        expected: "rank \(narrowBound) attained", observed: "max rank \(narrowSearch.maxRank) over \(narrowSearch.tried) draws")

        // Control: "every parameter attains P − H" — the witness with a dead first-layer unit does not.
        if let witness = search.witness {
            var dead = try detNet(widths: widths, activation: .relu, seed: witness.seed, samples: samples)
            let reach = dead.network.weights[0].row(0).reduce(0) { $0 + abs($1) } * 2
            dead.network.biases[0][0] = -1 - reach
            let deadRank = try numericalRank(try dead.network.batchJacobian(dead.inputs)).rank
            context.metric("dead_unit_rank", deadRank)
            context.control("witness with a dead unit", refutes: "every parameter of such an architecture attains P − H",
                            detected: deadRank < bound, margin: Double(bound - deadRank),
                            expected: "rank < \(bound) with a dead unit", observed: "rank \(deadRank)")
        }
    }

    struct Search {
        var witness: (seed: UInt64, rank: RankEstimate)?
        var tried: Int
        var maxRank: Int
        var aboveBound: Int
    }

    /// Draws seed, seed + 1, … until a well-conditioned rank P − H appears (at most `maxDraws`).
    private func witnessSearch(_ widths: [Int], seed: UInt64, samples: Int, bound: Int) throws -> Search {
        var search = Search(witness: nil, tried: 0, maxRank: 0, aboveBound: 0)
        for k in 0..<UInt64(maxDraws) {
            let draw = try detNet(widths: widths, activation: .relu, seed: seed &+ k, samples: samples)
            let rank = try numericalRank(try draw.network.batchJacobian(draw.inputs))
            search.tried += 1
            search.maxRank = max(search.maxRank, rank.rank)
            if rank.rank > bound { search.aboveBound += 1 }
            if rank.rank == bound && rank.decisionMargin >= RankEstimate.cleanGap {
                search.witness = (seed &+ k, rank)
                break
            }
        }
        return search
    }
}
