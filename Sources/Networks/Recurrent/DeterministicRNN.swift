import LinearAlgebra

/// An Elman RNN and input sequences drawn deterministically by `detRNN`.
public struct RNNDraw: Sendable {
    public var network: ElmanRNN
    /// The input sequences, each T × m with entries in [−2, 2) (row t-1 is u_t).
    public var sequences: [Matrix]
}

/// The RNN analogue of `det_net` (science.md §0.3 item 5): one SplitMix64 stream; fill A row-major, B row-major,
/// b, C row-major with 2u−1 (the parameter order); then, if `stateMatrixBound` is given, multiply A by
/// bound / ‖A‖_∞ (‖A‖_∞ = largest absolute row sum), which makes its spectral radius ≤ bound (default 0.9, so
/// states and Markov parameters stay bounded); afterwards the sequences one after the other, each T × m
/// row-major, with 4u−2.
public func detRNN(stateSize n: Int, inputSize m: Int, outputSize p: Int, activation: Activation, seed: UInt64,
                   sequenceLength: Int, sequences count: Int, stateMatrixBound: Double? = 0.9) throws -> RNNDraw {
    guard sequenceLength >= 1, count >= 1 else {
        throw NetworkError.invalidArgument("need at least one sequence of length ≥ 1, got \(count) of length \(sequenceLength)")
    }
    if let bound = stateMatrixBound, !(bound.isFinite && bound > 0) {
        throw NetworkError.invalidArgument("the state-matrix bound must be finite and positive, got \(bound)")
    }
    guard n >= 1, m >= 1, p >= 1 else {
        throw NetworkError.invalidArgument("state, input and output sizes must be ≥ 1, got n = \(n), m = \(m), p = \(p)")
    }
    var rng = SplitMix64(seed: seed)
    let total = ElmanRNN.parameterCount(stateSize: n, inputSize: m, outputSize: p)
    var network = try ElmanRNN(stateSize: n, inputSize: m, outputSize: p, activation: activation,
                               parameters: (0..<total).map { _ in 2 * rng.nextUnit() - 1 })
    if let bound = stateMatrixBound {
        let norm = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + abs(network.stateMatrix[i, $1]) } }.max() ?? 0
        if norm > 0 {
            let factor = bound / norm
            network.stateMatrix.storage = network.stateMatrix.storage.map { $0 * factor }
        }
    }
    let sequences = (0..<count).map { _ in
        Matrix(rows: sequenceLength, cols: m, storage: (0..<(sequenceLength * m)).map { _ in 4 * rng.nextUnit() - 2 })
    }
    return RNNDraw(network: network, sequences: sequences)
}
