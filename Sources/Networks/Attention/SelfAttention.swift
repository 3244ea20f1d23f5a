import LinearAlgebra

/// One multi-head self-attention layer without biases on sequences X (T × d): head h computes
/// A_h = normalise(X Q_h K_hᵀ Xᵀ) and A_h X V_h O_h; the output (T × d_out) is the sum over heads.
/// With `softmax` the scores are divided by √d_k and each row goes through softmax; without it (the
/// "lightning" variant) A_h is the raw score matrix. Parameters per head: Q_h (d × d_k), K_h (d × d_k),
/// V_h (d × d_v), O_h (d_v × d_out), each row-major, heads one after another.
public struct SelfAttention: ForwardDifferentiable, Equatable {
    public let modelWidth: Int
    public let heads: Int
    public let keyWidth: Int
    public let valueWidth: Int
    public let outputWidth: Int
    public let softmax: Bool
    public var parameters: [Double]

    public var headSize: Int { 2 * modelWidth * keyWidth + modelWidth * valueWidth + valueWidth * outputWidth }

    public init(modelWidth: Int, heads: Int, keyWidth: Int, valueWidth: Int, outputWidth: Int, softmax: Bool,
                parameters: [Double]) throws {
        guard modelWidth >= 1, heads >= 1, keyWidth >= 1, valueWidth >= 1, outputWidth >= 1 else {
            throw NetworkError.invalidArgument("attention widths and the number of heads must be positive")
        }
        self.modelWidth = modelWidth
        self.heads = heads
        self.keyWidth = keyWidth
        self.valueWidth = valueWidth
        self.outputWidth = outputWidth
        self.softmax = softmax
        self.parameters = []
        guard parameters.count == heads * headSize else {
            throw NetworkError.parameterCount(expected: heads * headSize, got: parameters.count)
        }
        guard parameters.allSatisfy(\.isFinite) else { throw NetworkError.nonFinite("parameters") }
        self.parameters = parameters
    }

    /// Offsets of Q_h, K_h, V_h, O_h.
    public func offsets(head h: Int) -> (query: Int, key: Int, value: Int, out: Int) {
        let base = h * headSize
        let query = base, key = base + modelWidth * keyWidth
        let value = key + modelWidth * keyWidth
        return (query, key, value, value + modelWidth * valueWidth)
    }

    /// X M for X given as T rows and M the rows × cols block of `p` at `offset`.
    private func times<S: NetworkScalar>(_ x: [[S]], _ p: [S], offset: Int, rows: Int, cols: Int) -> [[S]] {
        x.map { row in
            (0..<cols).map { j in
                var sum = S(0)
                for i in 0..<rows { sum = sum + row[i] * p[offset + i * cols + j] }
                return sum
            }
        }
    }

    private func sequenceOutput<S: NetworkScalar>(_ p: [S], _ x: [[S]]) -> [[S]] {
        let tokens = x.count
        var y = [[S]](repeating: [S](repeating: S(0), count: outputWidth), count: tokens)
        let scale = S(1 / Double(keyWidth).squareRoot())
        for h in 0..<heads {
            let o = offsets(head: h)
            let q = times(x, p, offset: o.query, rows: modelWidth, cols: keyWidth)
            let k = times(x, p, offset: o.key, rows: modelWidth, cols: keyWidth)
            let v = times(times(x, p, offset: o.value, rows: modelWidth, cols: valueWidth), p, offset: o.out,
                          rows: valueWidth, cols: outputWidth)
            for t in 0..<tokens {
                var scores = (0..<tokens).map { s in
                    (0..<keyWidth).reduce(S(0)) { $0 + q[t][$1] * k[s][$1] }
                }
                if softmax {
                    // Subtracting the largest score keeps exp finite and does not change the softmax.
                    let top = S(scores.map(\.primal).max() ?? 0)
                    let e = scores.map { ($0 * scale - top * scale).exponential() }
                    let total = e.reduce(S(0), +)
                    scores = e.map { $0 / total }
                }
                for s in 0..<tokens {
                    for j in 0..<outputWidth { y[t][j] = y[t][j] + scores[s] * v[s][j] }
                }
            }
        }
        return y
    }

    /// Outputs for every sequence (each T × d), stacked sequence by sequence, token by token.
    public func stackedOutputs<S: NetworkScalar>(_ p: [S], on batch: [Matrix]) throws -> [S] {
        for x in batch {
            guard x.cols == modelWidth else { throw NetworkError.inputWidth(expected: modelWidth, got: x.cols) }
            guard x.isFinite else { throw NetworkError.nonFinite("inputs") }
        }
        return batch.flatMap { x in
            sequenceOutput(p, (0..<x.rows).map { x.row($0).map { S($0) } }).flatMap { $0 }
        }
    }

    /// Parameters 2u−1, then `samples` sequences of `tokens` rows with entries 4u−2 (one SplitMix64 stream).
    public static func deterministic(modelWidth: Int, heads: Int, keyWidth: Int, valueWidth: Int, outputWidth: Int,
                                     softmax: Bool, seed: UInt64, samples: Int, tokens: Int) throws -> (network: SelfAttention, inputs: [Matrix]) {
        guard samples >= 1, tokens >= 1 else { throw NetworkError.invalidArgument("need at least one sequence of one token") }
        var rng = SplitMix64(seed: seed)
        let size = heads * (2 * modelWidth * keyWidth + modelWidth * valueWidth + valueWidth * outputWidth)
        let parameters = (0..<size).map { _ in 2 * rng.nextUnit() - 1 }
        let network = try SelfAttention(modelWidth: modelWidth, heads: heads, keyWidth: keyWidth, valueWidth: valueWidth,
                                        outputWidth: outputWidth, softmax: softmax, parameters: parameters)
        let inputs = (0..<samples).map { _ in
            Matrix(rows: tokens, cols: modelWidth, storage: (0..<(tokens * modelWidth)).map { _ in 4 * rng.nextUnit() - 2 })
        }
        return (network, inputs)
    }
}
