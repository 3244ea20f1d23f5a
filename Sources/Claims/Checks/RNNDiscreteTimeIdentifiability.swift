import LinearAlgebra
import Networks

/// Claim `rnn-discrete-time-identifiability` (Albertini & Sontag, discrete-time identifiability): for the model
/// x(t+1) = D x(t) + σ(A x(t) + B u(t)), y(t) = C x(t) with D diagonal and σ odd (tanh), signed permutations of
/// the state preserve the input–output behaviour from x(0) = 0, and a generic tanh net has no continuous
/// symmetry (full Jacobian rank). Widths are read as (input m, state n, output p); `samples` is the sequence length.
struct RNNDiscreteTimeIdentifiabilityCheck: ClaimCheck {
    let id = "rnn-discrete-time-identifiability"
    let summary = "Discrete-time tanh nets x+ = Dx + σ(Ax + Bu): signed permutations only; linear ones lose n + n² directions"
    let builtInDefaults = CheckParameters(widths: [1, 3, 1], activation: .tanh, seed: 1, samples: 12)
    let sequenceCount = 3

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[1, 3, 1], [2, 2, 1], [1, 2, 2], [1, 4, 1], [2, 3, 2]].map { CheckParameters(widths: $0, activation: .tanh, samples: 12) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [1, 3, 1]
        guard widths.count == 3 else {
            throw CheckError.invalidParameter("RNN widths are input,state,output (three numbers), got \(widths.count)")
        }
        let (m, n, p) = (widths[0], widths[1], widths[2])
        guard n <= 5 else { throw CheckError.invalidParameter("the state size is limited to 5 (the signed-permutation group is enumerated), got \(n)") }
        let activation = parameters.activation ?? .tanh
        guard activation.isOdd, activation.polynomialDegree == nil else {
            throw CheckError.invalidParameter("the discrete-time theorem assumes an odd nonlinear activation such as tanh or arctan; got \(activation)")
        }
        let seed = parameters.seed ?? 1
        let length = parameters.samples ?? 12
        let parameterCount = DiagonalRecurrentNet.parameterCount(stateSize: n, inputSize: m, outputSize: p)
        guard sequenceCount * length * p >= parameterCount else {
            throw CheckError.invalidParameter("need at least \(parameterCount) outputs; raise the sequence length (samples) above \(length)")
        }
        var draws = Draws(seed: seed)
        let net = try DiagonalRecurrentNet(stateSize: n, inputSize: m, outputSize: p, activation: activation,
                                           parameters: (0..<parameterCount).map { _ in 2 * draws.rng.nextUnit() - 1 })
        let sequences = (0..<sequenceCount).map { _ in draws.matrix(length, m).scaled(by: 2) }
        let outputs = try net.stackedOutputs(sequences)
        let scale = max(1, outputs.map(abs).max() ?? 0)

        // Every signed permutation of the state preserves the outputs.
        var worst = 0.0
        var elements = 0
        for permutation in allPermutations(n) {
            for mask in 0..<(1 << n) {
                let signs = (0..<n).map { (mask >> $0) & 1 == 1 ? -1.0 : 1.0 }
                let image = try net.signedPermutation(permutation, signs: signs)
                worst = max(worst, maxDistance(try image.stackedOutputs(sequences), outputs) / scale)
                elements += 1
            }
        }
        context.metric("group_order", elements)
        context.metric("max_residual", worst)
        context.expectAtMost("signed permutations preserve the input-output behaviour", worst, 1e-14)

        // No continuous symmetry: the Jacobian of the outputs has full rank P.
        let rank = try numericalRank(try net.outputJacobian(sequences))
        context.metric("parameters", parameterCount)
        context.metric("rank", rank.rank)
        context.metric("expected_rank", parameterCount)
        context.metric("gap", rank.gap)
        context.expectRank("tanh net has full Jacobian rank", rank, expected: parameterCount)

        // Control: the linear model (σ = id) is only identified up to GL(n) and D + A: rank n(m + p).
        var linear = net
        linear.activation = .linear
        let linearRank = try numericalRank(try linear.outputJacobian(sequences))
        context.metric("linear_rank", linearRank.rank)
        context.metric("linear_expected_rank", n * (m + p))
        context.control("the same net with σ = id", refutes: "the linear model is identifiable up to signed permutations too",
                        detected: linearRank.rank == n * (m + p), margin: Double(parameterCount - linearRank.rank),
                        expected: "rank n(m+p) = \(n * (m + p)) < P = \(parameterCount)", observed: "rank \(linearRank.rank)")
        let g = try draws.wellConditionedSquare(n)
        let linearOutputs = try linear.stackedOutputs(sequences)
        let linearResidual = maxDistance(try linear.similarity(g).stackedOutputs(sequences), linearOutputs) / max(1, linearOutputs.map(abs).max() ?? 0)
        context.metric("linear_similarity_residual", linearResidual)
        context.expectAtMost("a general change of coordinates preserves the linear model", linearResidual, 1e-12)

        // Control: the same general change of coordinates is not a symmetry of the tanh net.
        let tanhResidual = maxDistance(try net.similarity(g).stackedOutputs(sequences), outputs) / scale
        context.controlExceeds("a general change of coordinates on the tanh net",
                               refutes: "every invertible change of state coordinates is a symmetry, as for linear nets",
                               value: tanhResidual, threshold: 1e-6)

        // Control: oddness matters. With the logistic function (not odd) a single sign flip changes the outputs.
        var logistic = net
        logistic.activation = .logistic
        let flip = [-1.0] + [Double](repeating: 1, count: n - 1)
        let logisticOutputs = try logistic.stackedOutputs(sequences)
        let flipped = try logistic.signedPermutation(Array(0..<n), signs: flip)
        let flipResidual = maxDistance(try flipped.stackedOutputs(sequences), logisticOutputs) / max(1, logisticOutputs.map(abs).max() ?? 0)
        context.controlExceeds("one state sign flip with the logistic function", refutes: "sign flips are symmetries whatever the activation",
                               value: flipResidual, threshold: 1e-6)
    }
}
