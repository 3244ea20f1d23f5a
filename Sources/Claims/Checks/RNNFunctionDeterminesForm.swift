import LinearAlgebra
import Networks

/// Claim `rnn-function-determines-form` (science.md §4.2, §0.4(5); Albertini & Sontag, "Identifiability of
/// discrete-time neural networks", ECC 1993). Their model is x(t+1) = D x(t) + σ(A x(t) + B u(t)),
/// y(t) = C x(t) with D diagonal and σ odd; the check uses the case D = 0 with σ = tanh and no bias,
/// x_t = tanh(A x_{t−1} + B u_t), y_t = C x_t (the output read after each update, a one-step shift of theirs).
/// Under their minimality hypotheses the input–output behaviour fixes (A, B, C) up to a signed permutation
/// of the state: every signed permutation preserves the outputs, the Jacobian in (A, B, C) has full rank,
/// while a linear RNN has the whole GL(n) similarity orbit (Markov-parameter Jacobian rank n(m+p)).
/// Widths are (input m, state n, output p); `samples` is the sequence length.
struct RNNFunctionDeterminesFormCheck: ClaimCheck {
    let id = "rnn-function-determines-form"
    let summary = "Signed permutations are the symmetries of tanh RNNs; linear RNNs have GL(n)"
    let builtInDefaults = CheckParameters(widths: [1, 3, 1], activation: .tanh, seed: 1, samples: 11)
    /// Signed-permutation groups larger than this are sampled (their order is still counted exactly).
    let enumerationCap = 384

    var sweepGrid: [CheckParameters] {
        [[1, 3, 1], [1, 1, 1], [2, 2, 1], [1, 8, 1], [2, 4, 2]].map { CheckParameters(widths: $0, activation: .tanh, samples: 11) }
            + [CheckParameters(widths: [1, 3, 1], activation: .tanh, samples: 2)]
    }

    private func shape(_ parameters: CheckParameters) throws -> (m: Int, n: Int, p: Int, length: Int, sequences: Int) {
        let widths = parameters.widths ?? [1, 3, 1]
        guard widths.count == 3 else {
            throw CheckError.invalidParameter("rnn-function-determines-form reads --widths as input,state,output (three numbers), got \(widths.count)")
        }
        let (m, n, p) = (widths[0], widths[1], widths[2])
        let length = parameters.samples ?? 11
        // Enough sequences for n·n + n·m + p·n observations, twice over (at least 3).
        let unknowns = SafeSize.sum([SafeSize.multiply(n, n), SafeSize.multiply(n, m), SafeSize.multiply(p, n)])
        let perSequence = max(1, SafeSize.multiply(length, p))
        let sequences = max(3, min(10_000, SafeSize.multiply(2, unknowns) / perSequence + 1))
        return (m, n, p, length, sequences)
    }

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let s = try shape(parameters)
        let rows = SafeSize.product([s.sequences, s.length, s.p])
        let cols = ElmanRNNSize.parameterCount(s)
        let groupWork = Double(min(enumerationCap, 1 << min(s.n, 20))) * Double(rows) * Double(s.n * s.n) / 1e9
        var estimate = ResourceEstimate.denseMatrices(rows: rows, cols: cols, copies: 4, repeats: 2, label: "RNN Jacobian")
        estimate.seconds += groupWork
        return estimate
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let (m, n, p, length, sequenceCount) = try shape(parameters)
        let seed = parameters.seed ?? 1
        let activation = parameters.activation ?? .tanh
        guard activation == .tanh else {
            throw CheckError.invalidParameter("rnn-function-determines-form checks the odd-σ model with tanh; --activation \(activation) is outside its scope")
        }
        context.metric("sequences", sequenceCount)
        // The drawn system must satisfy the admissibility condition on B: no zero row, no two rows equal up to sign.
        guard let net = try context.drawSatisfying(seed: seed, hypothesis: "rows of B non-zero and distinct up to sign", { rng in
            try asModel(m: m, n: n, p: p, activation: .tanh, rng: &rng)
        }, violation: { admissibilityViolation($0) }) else { return }
        var inputRNG = SplitMix64(seed: seed &+ 2024)
        let sequences = (0..<sequenceCount).map { _ in
            Matrix(rows: length, cols: m, storage: (0..<(length * m)).map { _ in 4 * inputRNG.nextUnit() - 2 })
        }
        let outputs = try net.stackedOutputs(sequences)
        let scale = max(1, outputs.map(abs).max() ?? 0)

        // Signed permutations of the state: counted exactly, enumerated up to the cap, sampled beyond.
        let order = try signedPermutationGroupOrder([m, n, p])
        context.metric("group_order", .string(order.description))
        let elements = try HiddenLayerElements(widths: [m, n, p], signed: true, cap: enumerationCap, seed: seed &+ 7919)
        context.metric("elements_checked", elements.elements.count)
        context.metric("group_enumerated", elements.isWholeGroup)
        var maxResidual = 0.0
        for element in elements.elements {
            let g = element[0]
            let signs = g.flipped.map { $0 ? -1.0 : 1.0 }
            let image = try net.permutingStates(permutation: g.permutation, signs: signs)
            maxResidual = max(maxResidual, maxDistance(try image.stackedOutputs(sequences), outputs) / scale)
        }
        context.metric("max_residual", maxResidual)
        context.expectAtMost("signed permutations of the state preserve the outputs", maxResidual, 1e-13)

        // Local: full rank in (A, B, C) — the model has no bias, so its columns are dropped.
        let jacobian = withoutBiasColumns(try net.batchJacobian(sequences), net)
        let rank = try numericalRank(jacobian)
        let unknowns = n * n + n * m + p * n
        context.metric("rank", rank.rank)
        context.metric("expected_rank", unknowns)
        context.metric("parameters", unknowns)
        context.metric("gap", rank.decisionMargin)
        expectGenericRank("tanh RNN Jacobian in (A, B, C) has full rank", rank, bound: unknowns,
                          observations: sequenceCount * length * p, into: &context)

        // Linear RNN: GL(n) similarity orbit, Markov-parameter Jacobian rank n(m+p).
        var linearRNG = SplitMix64(seed: seed)
        let linear = try asModel(m: m, n: n, p: p, activation: .linear, rng: &linearRNG)
        let markov = try numericalRank(try linear.markovParameterJacobian(upTo: 3 * n + 2))
        context.metric("linear_markov_rank", markov.rank)
        context.metric("linear_expected_rank", n * (m + p))
        context.expectRank("linear RNN Markov-parameter Jacobian rank n(m+p)", markov, expected: n * (m + p))
        var draws = Draws(seed: seed &+ 1000)
        let t = try draws.wellConditionedSquare(n)
        let linearOutputs = try linear.stackedOutputs(sequences)
        let linearScale = max(1, linearOutputs.map(abs).max() ?? 0)
        let similar = try linear.similarityTransformed(by: t)
        let linearResidual = maxDistance(try similar.stackedOutputs(sequences), linearOutputs) / linearScale
        context.metric("linear_similarity_residual", linearResidual)
        context.expectAtMost("a generic invertible T preserves the linear RNN", linearResidual, 1e-12)

        // Control: the same general T is not a symmetry of the tanh RNN.
        let tanhSimilar = try net.similarityTransformed(by: t)
        context.controlExceeds("general T on a tanh RNN", refutes: "tanh RNNs keep the GL(n) similarity symmetry of linear ones",
                               value: maxDistance(try tanhSimilar.stackedOutputs(sequences), outputs) / scale, threshold: 1e-6,
                               quantity: "relative output change")

        // Control: a sign flip of one state is not a symmetry of a ReLU RNN (σ not odd).
        var reluRNG = SplitMix64(seed: seed)
        let relu = try asModel(m: m, n: n, p: p, activation: .relu, rng: &reluRNG)
        let reluOutputs = try relu.stackedOutputs(sequences)
        var flipSigns = [Double](repeating: 1, count: n)
        flipSigns[0] = -1
        let flipped = try relu.permutingStates(permutation: Array(0..<n), signs: flipSigns)
        context.controlExceeds("sign flip in a ReLU RNN", refutes: "state sign flips are symmetries whatever σ (oddness not needed)",
                               value: maxDistance(try flipped.stackedOutputs(sequences), reluOutputs) / max(1, reluOutputs.map(abs).max() ?? 0),
                               threshold: 1e-6, quantity: "relative output change")
    }

    /// (A, B, C) with entries 2u−1 from `rng`, A scaled to ‖A‖_∞ = 0.9 (bounded states), bias 0.
    private func asModel(m: Int, n: Int, p: Int, activation: Activation, rng: inout SplitMix64) throws -> ElmanRNN {
        var a = Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { _ in 2 * rng.nextUnit() - 1 })
        let norm = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + abs(a[i, $1]) } }.max() ?? 0
        if norm > 0 { a.storage = a.storage.map { $0 * 0.9 / norm } }
        let b = Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { _ in 2 * rng.nextUnit() - 1 })
        let c = Matrix(rows: p, cols: n, storage: (0..<(p * n)).map { _ in 2 * rng.nextUnit() - 1 })
        return try ElmanRNN(stateMatrix: a, inputMatrix: b, bias: [Double](repeating: 0, count: n), outputMatrix: c,
                            activation: activation)
    }

    private func admissibilityViolation(_ net: ElmanRNN) -> String? {
        let rows = (0..<net.stateSize).map { net.inputMatrix.row($0) }
        for (i, row) in rows.enumerated() {
            if row.allSatisfy({ abs($0) < 1e-9 }) { return "row \(i) of B is zero" }
            for j in (i + 1)..<max(i + 1, rows.count) {
                if zip(row, rows[j]).allSatisfy({ abs($0 - $1) < 1e-9 }) || zip(row, rows[j]).allSatisfy({ abs($0 + $1) < 1e-9 }) {
                    return "rows \(i) and \(j) of B are equal up to sign"
                }
            }
        }
        return nil
    }

    private func withoutBiasColumns(_ jacobian: Matrix, _ net: ElmanRNN) -> Matrix {
        let offsets = net.parameterOffsets
        let skip = offsets.bias..<(offsets.bias + net.stateSize)
        let keep = (0..<jacobian.cols).filter { !skip.contains($0) }
        var out = Matrix(rows: jacobian.rows, cols: keep.count)
        for r in 0..<jacobian.rows {
            for (k, c) in keep.enumerated() { out[r, k] = jacobian[r, c] }
        }
        return out
    }
}

/// Saturating parameter count of the Elman model from a check shape.
private enum ElmanRNNSize {
    static func parameterCount(_ s: (m: Int, n: Int, p: Int, length: Int, sequences: Int)) -> Int {
        SafeSize.sum([SafeSize.multiply(s.n, s.n), SafeSize.multiply(s.n, s.m), s.n, SafeSize.multiply(s.p, s.n)])
    }
}
