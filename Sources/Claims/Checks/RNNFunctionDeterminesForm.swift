import LinearAlgebra
import Networks

/// Claim `rnn-function-determines-form` (science.md §4.2, Albertini & Sontag): a tanh RNN is determined by its
/// input–output behaviour up to signed permutations of the state (full Jacobian rank, the discrete symmetry
/// holds), while a linear RNN has the whole GL(n) similarity orbit (Markov-parameter Jacobian rank n(m+p)).
/// Widths are read as (input m, state n, output p); `samples` is the sequence length.
struct RNNFunctionDeterminesFormCheck: ClaimCheck {
    let id = "rnn-function-determines-form"
    let summary = "Signed permutations are the symmetries of tanh RNNs; linear RNNs have GL(n)"
    let builtInDefaults = CheckParameters(widths: [1, 3, 1], activation: .tanh, seed: 1, samples: 11)
    let sequenceCount = 3

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [1, 3, 1]
        guard widths.count == 3 else {
            throw CheckError.invalidParameter("RNN widths are input,state,output (three numbers), got \(widths.count)")
        }
        let (m, n, p) = (widths[0], widths[1], widths[2])
        let seed = parameters.seed ?? 1
        let length = parameters.samples ?? 11
        let activation = parameters.activation ?? .tanh
        guard activation == .tanh else {
            throw CheckError.invalidParameter("the nonlinear part of this check is about tanh RNNs; got \(activation)")
        }
        let draw = try detRNN(stateSize: n, inputSize: m, outputSize: p, activation: .tanh, seed: seed,
                              sequenceLength: length, sequences: sequenceCount)
        let net = draw.network
        let outputs = try net.stackedOutputs(draw.sequences)
        let scale = max(1, outputs.map(abs).max() ?? 0)

        // Every signed permutation of the state preserves the outputs.
        var maxResidual = 0.0
        var orbitSize = 0
        for permutation in allPermutations(n) {
            for mask in 0..<(1 << n) {
                let signs = (0..<n).map { (mask >> $0) & 1 == 1 ? -1.0 : 1.0 }
                let image = try net.permutingStates(permutation: permutation, signs: signs)
                maxResidual = max(maxResidual, maxDistance(try image.stackedOutputs(draw.sequences), outputs) / scale)
                orbitSize += 1
            }
        }
        context.metric("max_residual", maxResidual)
        context.metric("group_order", .string(String(orbitSize)))
        context.expectAtMost("signed permutations of the state preserve the outputs", maxResidual, 1e-14)

        // Full Jacobian rank: no continuous symmetry for tanh.
        let rank = try numericalRank(try net.batchJacobian(draw.sequences))
        let observations = sequenceCount * length * p
        let expected = min(net.parameterCount, observations)
        context.metric("rank", rank.rank)
        context.metric("expected_rank", expected)
        context.metric("parameters", net.parameterCount)
        context.metric("gap", rank.gap)
        context.expectEqual("tanh RNN Jacobian has full rank", rank.rank, expected)
        if rank.isIllConditioned { context.inconclusive("tanh RNN rank gap \(rank.gap) below 1e6") }

        // Linear RNN: GL(n) similarity orbit, Markov-parameter Jacobian rank n(m+p).
        let linearDraw = try detRNN(stateSize: n, inputSize: m, outputSize: p, activation: .linear, seed: seed,
                                    sequenceLength: length, sequences: sequenceCount)
        let markov = try numericalRank(try linearDraw.network.markovParameterJacobian(upTo: 3 * n + 2))
        context.metric("linear_markov_rank", markov.rank)
        context.metric("linear_expected_rank", n * (m + p))
        context.expectEqual("linear RNN Markov-parameter Jacobian rank n(m+p)", markov.rank, n * (m + p))
        var draws = Draws(seed: seed &+ 1000)
        let t = try draws.wellConditionedSquare(n)
        let linearOutputs = try linearDraw.network.stackedOutputs(linearDraw.sequences)
        let linearScale = max(1, linearOutputs.map(abs).max() ?? 0)
        let similar = try linearDraw.network.similarityTransformed(by: t)
        let linearResidual = maxDistance(try similar.stackedOutputs(linearDraw.sequences), linearOutputs) / linearScale
        context.metric("linear_similarity_residual", linearResidual)
        context.expectAtMost("a generic invertible T preserves the linear RNN", linearResidual, 1e-12)

        // Control: the same general T is not a symmetry of the tanh RNN.
        let tanhSimilar = try net.similarityTransformed(by: t)
        let tanhResidual = maxDistance(try tanhSimilar.stackedOutputs(draw.sequences), outputs) / scale
        context.control("general T on a tanh RNN", detected: tanhResidual > 1e-6,
                        expected: "outputs change (> 1e-6)", observed: MetricValue.format(tanhResidual))

        // Control: a sign flip of one state is not a symmetry of a ReLU RNN.
        let reluDraw = try detRNN(stateSize: n, inputSize: m, outputSize: p, activation: .relu, seed: seed,
                                  sequenceLength: length, sequences: sequenceCount)
        let reluOutputs = try reluDraw.network.stackedOutputs(reluDraw.sequences)
        var flipSigns = [Double](repeating: 1, count: n)
        flipSigns[0] = -1
        let flipped = try reluDraw.network.permutingStates(permutation: Array(0..<n), signs: flipSigns)
        let reluResidual = maxDistance(try flipped.stackedOutputs(reluDraw.sequences), reluOutputs)
            / max(1, reluOutputs.map(abs).max() ?? 0)
        context.control("sign flip in a ReLU RNN", detected: reluResidual > 1e-6,
                        expected: "outputs change (> 1e-6)", observed: MetricValue.format(reluResidual))
    }
}
