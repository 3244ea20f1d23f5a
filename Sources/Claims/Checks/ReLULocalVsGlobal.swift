import LinearAlgebra
import Networks

/// Claim `relu-local-vs-global` (science.md §6.4, §0.4(9)): local identifiability does not imply global. With
/// Σ_{i∈S} c_i w_i = 0, flipping the orientation of the units in S (relu(z) = relu(−z) + z) and moving the affine
/// remainder Σ c_i b_i into the output bias gives a second parameter with the same function that is not a
/// permutation or positive rescaling of the first — while both pass the local test C_S (R_Γ = P − H). The
/// construction runs on the widths given (n0, n1, 1), n1 ≥ 2: rows w_1…w_{n1−1} drawn, w_{n1} = −Σ w_i, c = 1, S = all.
struct ReLULocalVsGlobalCheck: ClaimCheck {
    let id = "relu-local-vs-global"
    let summary = "Flip construction: two non-equivalent shallow ReLU nets with the same function, both locally identifiable"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 300)

    var sweepGrid: [CheckParameters] {
        [[2, 3, 1], [1, 2, 1], [2, 2, 1], [3, 4, 1], [2, 5, 1]].map { CheckParameters(widths: $0, activation: .relu, samples: 200) }
            + [CheckParameters(widths: [2, 3, 1], activation: .relu, samples: 3)]
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        guard widths.count == 3, widths[2] == 1, widths[1] >= 2 else {
            throw CheckError.invalidParameter(
                "relu-local-vs-global builds the flip construction on one hidden layer with a single output: widths n0,n1,1 with n1 ≥ 2, got \(widths.map(String.init).joined(separator: ","))")
        }
        if let activation = parameters.activation, activation != .relu {
            throw CheckError.invalidParameter("relu-local-vs-global is about ReLU networks; --activation \(activation) is outside its scope")
        }
        let samples = parameters.samples ?? 300
        let seed = parameters.seed ?? 1
        let bound = MLP.parameterCount(widths) - widths[1]
        guard samples >= bound else {
            context.notApplicable("too few samples for the local test: n·nL = \(samples) < P − H = \(bound)")
            return
        }
        // θ and the sample are redrawn until both θ and θ′ satisfy C_S on it (the construction's hypothesis).
        guard let pair = try context.drawSatisfying(seed: seed, hypothesis: "θ and θ′ locally identifiable (C_S) on the sample", { rng in
            try construction(widths: widths, samples: samples, rng: &rng)
        }, violation: { pair in
            for net in [pair.theta, pair.flipped] {
                guard let report = try? net.localIdentifiability(inputs: pair.inputs) else { return "a sample lies on a switching boundary" }
                if report.verdict != .identifiable { return "C_S fails (R_Γ = \(report.rGamma) < \(report.rankBound))" }
            }
            return nil
        }) else { return }
        let (theta, flipped, inputs) = (pair.theta, pair.flipped, pair.inputs)
        let f = try theta.forward(inputs), g = try flipped.forward(inputs)
        let residual = maxAbsDifference(f, g) / max(1, f.maxAbs)
        context.metric("max_residual", residual)
        context.expectAtMost("flipped parameters realize the same function", residual, 1e-13)
        var ranks: [Int] = []
        for net in [theta, flipped] {
            let report = try net.localIdentifiability(inputs: inputs)
            ranks.append(report.rGamma)
        }
        context.metric("rank", .ints(ranks))
        context.metric("expected_rank", .ints([bound, bound]))
        context.expect("both locally identifiable (C_S: R_Γ = P − H)", ranks.allSatisfy { $0 == bound },
                       expected: "R_Γ = \(bound) for both", observed: ranks.map(String.init).joined(separator: ", "))
        let equivalence = try functionallyEquivalent(theta, flipped)
        context.metric("canonical_distance", equivalence.maxParameterDifference)
        context.expect("the flip is not a permutation/rescaling", !equivalence.equivalent, expected: "canonical forms differ",
                       observed: "max canonical difference \(MetricValue.format(equivalence.maxParameterDifference))")
        context.metric("global_verdict", "not globally identifiable: subset-sum condition Σ c_i w_i = 0 holds")

        // Control: flipping a single unit (c_1 w_1 ≠ 0) leaves an affine remainder: the function changes.
        var single = theta
        for j in 0..<widths[0] { single.weights[0][0, j] *= -1 }
        single.biases[0][0] *= -1
        context.controlExceeds("flip of a subset with Σ c_i w_i ≠ 0", refutes: "flipping any subset of units preserves the function",
                               value: maxAbsDifference(try single.forward(inputs), f) / max(1, f.maxAbs), threshold: 1e-6,
                               quantity: "relative output change")

        // Control: a genuine rescaled permutation of θ is recognised as equivalent (the comparison can say yes).
        let factors = (0..<widths[1]).map { 0.5 + Double($0) }
        let copy = try theta.rescalingLayer(1, by: factors).permutingHiddenUnits(layer: 1, permutation: (0..<widths[1]).map { ($0 + 1) % widths[1] })
        let sameClass = try functionallyEquivalent(theta, copy)
        context.control("rescaled permutation recognised as equivalent",
                        refutes: "the canonical comparison calls every pair of distinct parameters non-equivalent",
                        detected: sameClass.equivalent, expected: "equivalent",
                        observed: "canonical difference \(MetricValue.format(sameClass.maxParameterDifference))")
    }

    private struct Pair { var theta: MLP; var flipped: MLP; var inputs: Matrix }

    /// W rows 2u−1 (the last = −Σ of the others), b ∈ 2u−1, c = 1, c0 = 2u−1; θ′ = (−W, −b, c, c0 + Σ b_i);
    /// then `samples` points of [−2, 2)^{n0}.
    private func construction(widths: [Int], samples: Int, rng: inout SplitMix64) throws -> Pair {
        let (n0, n1) = (widths[0], widths[1])
        var w = Matrix(rows: n1, cols: n0)
        for i in 0..<(n1 - 1) { for j in 0..<n0 { w[i, j] = 2 * rng.nextUnit() - 1 } }
        for j in 0..<n0 { w[n1 - 1, j] = -(0..<(n1 - 1)).reduce(0.0) { $0 + w[$1, j] } }
        let b = (0..<n1).map { _ in 2 * rng.nextUnit() - 1 }
        let c0 = 2 * rng.nextUnit() - 1
        let ones = Matrix(rows: 1, cols: n1, storage: [Double](repeating: 1, count: n1))
        let theta = try MLP(weights: [w, ones], biases: [b, [c0]], activation: .relu)
        let flipped = try MLP(weights: [w.scaled(by: -1), ones], biases: [b.map { -$0 }, [c0 + b.reduce(0, +)]], activation: .relu)
        let inputs = Matrix(rows: samples, cols: n0, storage: (0..<(samples * n0)).map { _ in 4 * rng.nextUnit() - 2 })
        return Pair(theta: theta, flipped: flipped, inputs: inputs)
    }
}
