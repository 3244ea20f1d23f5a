import LinearAlgebra

/// How the hidden layers of a `NormalizedMLP` normalise their pre-activations.
public enum Normalization: String, Sendable, Codable, CaseIterable {
    /// Per unit over the batch: (z − mean) / √(var + ε), then γ ⊙ · + β.
    case batch
    /// Per sample over the units of the layer: (z − mean) / √(var + ε), then γ ⊙ · + β.
    case layer
    /// Weight normalisation: z_i = g_i ⟨v_i, h⟩ / ‖v_i‖ + b_i (no batch statistics).
    case weight
}

/// An MLP (n₀, n₁, …, n_L) whose hidden layers are normalised before the activation; the last layer is
/// affine. Parameters per hidden layer: batch/layer — W (row-major), b if `preBias`, γ, β;
/// weight — V (row-major), g, b. Last layer: W, b. Variances are population variances (divide by n).
public struct NormalizedMLP: ForwardDifferentiable, Equatable {
    public let widths: [Int]
    public let normalization: Normalization
    public var activation: Activation
    /// A bias before batch or layer normalisation (redundant with the centring; off by default).
    public let preBias: Bool
    /// ε added to the variance; 0 gives exact scale invariance.
    public let epsilon: Double
    public var parameters: [Double]

    public static func parameterCount(widths: [Int], normalization: Normalization, preBias: Bool) -> Int {
        var count = 0
        for l in 1..<widths.count {
            let (n, m) = (widths[l], widths[l - 1])
            if l == widths.count - 1 { count += n * m + n; continue }
            switch normalization {
            case .batch, .layer: count += n * m + (preBias ? n : 0) + 2 * n
            case .weight: count += n * m + 2 * n
            }
        }
        return count
    }

    public init(widths: [Int], normalization: Normalization, activation: Activation, preBias: Bool = false,
                epsilon: Double = 0, parameters: [Double]) throws {
        try MLP.validate(widths)
        guard widths.count >= 3 else { throw NetworkError.invalidArgument("a normalised MLP needs a hidden layer") }
        guard epsilon >= 0, epsilon.isFinite else { throw NetworkError.invalidArgument("ε must be finite and ≥ 0") }
        let expected = NormalizedMLP.parameterCount(widths: widths, normalization: normalization, preBias: preBias)
        guard parameters.count == expected else { throw NetworkError.parameterCount(expected: expected, got: parameters.count) }
        guard parameters.allSatisfy(\.isFinite) else { throw NetworkError.nonFinite("parameters") }
        self.widths = widths
        self.normalization = normalization
        self.activation = activation
        self.preBias = preBias
        self.epsilon = epsilon
        self.parameters = parameters
    }

    /// Offset of the incoming weight matrix (W or V) of layer l (1-based).
    public func weightOffset(layer l: Int) -> Int {
        (1..<l).reduce(0) { $0 + blockSize(layer: $1) }
    }

    /// Number of parameters of layer l.
    public func blockSize(layer l: Int) -> Int {
        let (n, m) = (widths[l], widths[l - 1])
        if l == widths.count - 1 { return n * m + n }
        switch normalization {
        case .batch, .layer: return n * m + (preBias ? n : 0) + 2 * n
        case .weight: return n * m + 2 * n
        }
    }

    /// Outputs for every row of `batch` (n × n₀), stacked sample by sample (nL per sample).
    public func stackedOutputs<S: NetworkScalar>(_ p: [S], on batch: Matrix) throws -> [S] {
        guard batch.cols == widths[0] else { throw NetworkError.inputWidth(expected: widths[0], got: batch.cols) }
        guard batch.isFinite else { throw NetworkError.nonFinite("inputs") }
        if normalization == .batch && batch.rows < 2 {
            throw NetworkError.invalidArgument("batch normalisation needs at least two samples")
        }
        var h: [[S]] = (0..<batch.rows).map { batch.row($0).map { S($0) } }
        let last = widths.count - 1
        for l in 1...last {
            let (n, m) = (widths[l], widths[l - 1])
            let offset = weightOffset(layer: l)
            if l == last {
                h = h.map { Dense.add(Dense.apply(p, offset: offset, rows: n, cols: m, to: $0), p, offset: offset + n * m) }
                continue
            }
            switch normalization {
            case .weight:
                h = h.map { weightNormalised(p, offset: offset, rows: n, cols: m, $0) }
            case .batch, .layer:
                var z = h.map { Dense.apply(p, offset: offset, rows: n, cols: m, to: $0) }
                var next = offset + n * m
                if preBias {
                    z = z.map { Dense.add($0, p, offset: next) }
                    next += n
                }
                let zHat = normalization == .batch ? normaliseOverBatch(z) : z.map(normaliseOverUnits)
                h = zHat.map { row in
                    (0..<n).map { i in (p[next + i] * row[i] + p[next + n + i]).activated(by: activation) }
                }
            }
        }
        return h.flatMap { $0 }
    }

    private func weightNormalised<S: NetworkScalar>(_ p: [S], offset: Int, rows n: Int, cols m: Int, _ x: [S]) -> [S] {
        let raw = Dense.apply(p, offset: offset, rows: n, cols: m, to: x)
        return (0..<n).map { i in
            var squared = S(0)
            for j in 0..<m { squared = squared + p[offset + i * m + j] * p[offset + i * m + j] }
            let z = p[offset + n * m + i] * raw[i] / squared.squareRoot() + p[offset + n * m + n + i]
            return z.activated(by: activation)
        }
    }

    private func normaliseOverUnits<S: NetworkScalar>(_ z: [S]) -> [S] { standardised(z) }

    private func normaliseOverBatch<S: NetworkScalar>(_ z: [[S]]) -> [[S]] {
        guard let width = z.first?.count else { return z }
        var out = z
        for i in 0..<width {
            let column = standardised(z.map { $0[i] })
            for s in z.indices { out[s][i] = column[s] }
        }
        return out
    }

    /// (x − mean) / √(population variance + ε).
    private func standardised<S: NetworkScalar>(_ x: [S]) -> [S] {
        let count = S(Double(x.count))
        let mean = x.reduce(S(0), +) / count
        let centred = x.map { $0 - mean }
        let variance = centred.reduce(S(0)) { $0 + $1 * $1 } / count
        let scale = (variance + S(epsilon)).squareRoot()
        return centred.map { $0 / scale }
    }
}

extension NormalizedMLP {
    /// Parameters 2u−1 (γ and g shifted to 1 + (2u−1)/2 so that no unit is switched off), then n × n₀
    /// inputs 4u−2, from one SplitMix64 stream.
    public static func deterministic(widths: [Int], normalization: Normalization, activation: Activation,
                                     preBias: Bool = false, seed: UInt64, samples n: Int) throws -> (network: NormalizedMLP, inputs: Matrix) {
        try MLP.validate(widths)
        guard n >= 1 else { throw NetworkError.invalidArgument("the number of samples must be at least 1, got \(n)") }
        var rng = SplitMix64(seed: seed)
        let count = parameterCount(widths: widths, normalization: normalization, preBias: preBias)
        var parameters = (0..<count).map { _ in 2 * rng.nextUnit() - 1 }
        let shell = try NormalizedMLP(widths: widths, normalization: normalization, activation: activation,
                                      preBias: preBias, parameters: parameters)
        for index in shell.gainIndices { parameters[index] = 1 + parameters[index] / 2 }
        let network = try NormalizedMLP(widths: widths, normalization: normalization, activation: activation,
                                        preBias: preBias, parameters: parameters)
        let inputs = Matrix(rows: n, cols: widths[0], storage: (0..<(n * widths[0])).map { _ in 4 * rng.nextUnit() - 2 })
        return (network, inputs)
    }

    /// Indices of γ (batch/layer) or g (weight) of every hidden layer.
    public var gainIndices: [Int] {
        (1..<(widths.count - 1)).flatMap { l -> [Int] in
            let (n, m) = (widths[l], widths[l - 1])
            let base = weightOffset(layer: l) + n * m + (normalization != .weight && preBias ? n : 0)
            return Array(base..<(base + n))
        }
    }

    /// The scale tangents: for batch and weight normalisation one per hidden unit (its incoming row, and its
    /// pre-normalisation bias under batch normalisation with `preBias`); for layer normalisation one per
    /// hidden layer (the whole incoming matrix, and the bias). Each is the derivative of θ ↦ θ with that
    /// block multiplied by λ, at λ = 1.
    public var scaleTangents: [[Double]] {
        var tangents: [[Double]] = []
        for l in 1..<(widths.count - 1) {
            let (n, m) = (widths[l], widths[l - 1])
            let offset = weightOffset(layer: l)
            let biasOffset = normalization != .weight && preBias ? offset + n * m : nil
            var indicesPerGroup: [[Int]] = []
            switch normalization {
            case .batch, .weight:
                for i in 0..<n { indicesPerGroup.append(Array((offset + i * m)..<(offset + (i + 1) * m)) + (biasOffset.map { [$0 + i] } ?? [])) }
            case .layer:
                indicesPerGroup.append(Array(offset..<(offset + n * m)) + (biasOffset.map { Array($0..<($0 + n)) } ?? []))
            }
            for indices in indicesPerGroup {
                var t = [Double](repeating: 0, count: parameters.count)
                for index in indices { t[index] = parameters[index] }
                tangents.append(t)
            }
        }
        return tangents
    }

    /// θ with the scale group `index` (the order of `scaleTangents`) multiplied by λ.
    public func rescalingScaleGroup(_ index: Int, by lambda: Double) throws -> NormalizedMLP {
        let tangents = scaleTangents
        guard tangents.indices.contains(index) else { throw NetworkError.invalidArgument("no scale group \(index)") }
        var copy = self
        for (k, t) in tangents[index].enumerated() where t != 0 { copy.parameters[k] *= lambda }
        return copy
    }
}
