import LinearAlgebra
import Networks

/// Claim `relu-local-vs-global` (science.md §6.4): local identifiability does not imply global. With
/// Σ_{i∈S} c_i w_i = 0, flipping the orientation of the units in S (relu(z) = relu(−z) + z) and moving the affine
/// remainder into the output bias gives a second parameter with the same function that is not a permutation or
/// positive rescaling of the first — while both pass the local test (R_Γ = P − H). Fixed constructions: the
/// 1-D and 2-D examples of science.md; `samples` sets the evaluation points, `seed` their draw.
struct ReLULocalVsGlobalCheck: ClaimCheck {
    let id = "relu-local-vs-global"
    let summary = "Flip construction: two non-equivalent shallow ReLU nets with the same function, both locally identifiable"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 300)

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let samples = parameters.samples ?? 300
        let seed = parameters.seed ?? 1
        var worstResidual = 0.0
        var ranks: [Int] = []
        var expected: [Int] = []
        for (theta, flipped) in [try oneDimensional(), try twoDimensional()] {
            let inputs = box(dimension: theta.inputWidth, samples: samples, seed: seed)
            let f = try theta.forward(inputs), g = try flipped.forward(inputs)
            worstResidual = max(worstResidual, maxAbsDifference(f, g) / max(1, f.maxAbs))
            for net in [theta, flipped] {
                let report = try net.localIdentifiability(inputs: inputs)
                ranks.append(report.rGamma)
                expected.append(report.rankBound)
                context.expect("\(net.widths) locally identifiable (C_S)", report.verdict == .identifiable,
                               expected: "identifiable, R_Γ = \(report.rankBound)",
                               observed: "\(report.verdict.rawValue), R_Γ = \(report.rGamma)")
            }
            let equivalence = try functionallyEquivalent(theta, flipped)
            context.expect("\(theta.widths) flip is not a permutation/rescaling", !equivalence.equivalent,
                           expected: "canonical forms differ",
                           observed: "max canonical difference \(MetricValue.format(equivalence.maxParameterDifference))")
        }
        context.metric("max_residual", worstResidual)
        context.metric("rank", .ints(ranks))
        context.metric("expected_rank", .ints(expected))
        context.metric("global_verdict", "not globally identifiable: subset-sum condition Σ c_i w_i = 0 holds")
        context.expectAtMost("flipped parameters realize the same function", worstResidual, 1e-14)

        // Control: flipping a single unit (its c_i w_i ≠ 0) leaves an affine remainder: the function changes.
        let (theta, _) = try twoDimensional()
        var single = theta
        for j in 0..<2 { single.weights[0][0, j] *= -1 }
        single.biases[0][0] *= -1
        let inputs = box(dimension: 2, samples: samples, seed: seed)
        let change = maxAbsDifference(try single.forward(inputs), try theta.forward(inputs))
        context.control("flip of a subset with Σ c_i w_i ≠ 0", detected: change > 1e-3,
                        expected: "function changes (> 1e-3)", observed: MetricValue.format(change))

        // Control: the canonical comparison does report a genuine rescaled permutation as equivalent.
        let copy = try theta.rescalingLayer(1, by: [2, 0.5, 3]).permutingHiddenUnits(layer: 1, permutation: [2, 0, 1])
        let sameClass = try functionallyEquivalent(theta, copy)
        context.control("rescaled permutation recognised as equivalent", detected: sameClass.equivalent,
                        expected: "equivalent", observed: sameClass.equivalent ? "equivalent" : "not equivalent")
    }

    /// θ: relu(x − 1) + relu(−x − 1) + 0.5; θ′: relu(−x + 1) + relu(x + 1) − 1.5 (science.md §6.4).
    private func oneDimensional() throws -> (MLP, MLP) {
        let theta = try MLP(weights: [Matrix([[1], [-1]]), Matrix([[1, 1]])], biases: [[-1, -1], [0.5]], activation: .relu)
        let flipped = try MLP(weights: [Matrix([[-1], [1]]), Matrix([[1, 1]])], biases: [[1, 1], [-1.5]], activation: .relu)
        return (theta, flipped)
    }

    /// W1 = [[1,0],[0,1],[−1,−1]], b1 = [0.3,−0.2,0.4], c = [1,1,1], c0 = 0; θ′ = (−W1, −b1, c, Σ c_i b_i = 0.5).
    private func twoDimensional() throws -> (MLP, MLP) {
        let w1 = Matrix([[1, 0], [0, 1], [-1, -1]])
        let theta = try MLP(weights: [w1, Matrix([[1, 1, 1]])], biases: [[0.3, -0.2, 0.4], [0]], activation: .relu)
        let negated = Matrix(rows: 3, cols: 2, storage: w1.storage.map { -$0 })
        let flipped = try MLP(weights: [negated, Matrix([[1, 1, 1]])], biases: [[-0.3, 0.2, -0.4], [0.5]], activation: .relu)
        return (theta, flipped)
    }

    /// Uniform points of [−3, 3]^d (d = 1) or [−2, 2]^d, drawn with SplitMix64.
    private func box(dimension: Int, samples: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        let radius = dimension == 1 ? 3.0 : 2.0
        return Matrix(rows: samples, cols: dimension,
                      storage: (0..<(samples * dimension)).map { _ in radius * (2 * rng.nextUnit() - 1) })
    }
}
