import LinearAlgebra

/// A residual MLP: a stem h₀ = σ(W₀x + b₀) into a residual stream of width d, then blocks
/// h_k = h_{k−1} + V_k σ(U_k h_{k−1} + a_k) (no bias after V_k), then an affine readout y = W h_K + c.
/// Parameter order: W₀ (d × n₀, row-major), b₀; for each block U_k (m_k × d), a_k, V_k (d × m_k);
/// then W (n_out × d), c.
public struct ResidualMLP: ForwardDifferentiable, Equatable {
    public let inputWidth: Int
    public let streamWidth: Int
    /// m_k, the number of units inside block k.
    public let blockWidths: [Int]
    public let outputWidth: Int
    public var activation: Activation
    public var parameters: [Double]
    /// Offsets of the parameter blocks, computed once (the forward pass reads them per sample).
    public let layout: Layout

    public static func parameterCount(input n0: Int, stream d: Int, blocks: [Int], output: Int) -> Int {
        d * n0 + d + blocks.reduce(0) { $0 + $1 * d + $1 + d * $1 } + output * d + output
    }

    public init(inputWidth: Int, streamWidth: Int, blockWidths: [Int], outputWidth: Int, activation: Activation,
                parameters: [Double]) throws {
        guard inputWidth >= 1, streamWidth >= 1, outputWidth >= 1, !blockWidths.isEmpty,
              blockWidths.allSatisfy({ $0 >= 1 }) else {
            throw NetworkError.invalidArgument("a residual MLP needs positive widths and at least one block")
        }
        let expected = ResidualMLP.parameterCount(input: inputWidth, stream: streamWidth, blocks: blockWidths,
                                                  output: outputWidth)
        guard parameters.count == expected else { throw NetworkError.parameterCount(expected: expected, got: parameters.count) }
        guard parameters.allSatisfy(\.isFinite) else { throw NetworkError.nonFinite("parameters") }
        self.inputWidth = inputWidth
        self.streamWidth = streamWidth
        self.blockWidths = blockWidths
        self.outputWidth = outputWidth
        self.activation = activation
        self.parameters = parameters
        self.layout = ResidualMLP.layout(input: inputWidth, stream: streamWidth, blocks: blockWidths, output: outputWidth)
    }

    /// Offsets of the parts of the parameter vector.
    public struct Layout: Sendable, Equatable {
        public var stemWeights: Int
        public var stemBias: Int
        /// (U_k, a_k, V_k) offsets per block.
        public var blocks: [(inner: Int, innerBias: Int, outer: Int)]
        public var readoutWeights: Int
        public var readoutBias: Int

        public static func == (a: Layout, b: Layout) -> Bool {
            a.stemWeights == b.stemWeights && a.readoutBias == b.readoutBias
                && a.blocks.map { [$0.inner, $0.innerBias, $0.outer] } == b.blocks.map { [$0.inner, $0.innerBias, $0.outer] }
        }
    }

    static func layout(input inputWidth: Int, stream d: Int, blocks blockWidths: [Int], output outputWidth: Int) -> Layout {
        var offset = d * inputWidth
        let stemBias = offset
        offset += d
        var blocks: [(Int, Int, Int)] = []
        for m in blockWidths {
            let inner = offset
            offset += m * d
            let innerBias = offset
            offset += m
            blocks.append((inner, innerBias, offset))
            offset += d * m
        }
        return Layout(stemWeights: 0, stemBias: stemBias, blocks: blocks, readoutWeights: offset,
                      readoutBias: offset + outputWidth * d)
    }

    /// Units with the activation: the stem's d stream units and every block's inner units.
    public var activatedUnitCount: Int { streamWidth + blockWidths.reduce(0, +) }

    /// Pre-activations of the stem and of every block's inner units for one input (for boundary tests).
    public func preactivations(_ x: [Double]) -> [[Double]] {
        trace(parameters, x, recording: true).pre
    }

    private func trace<S: NetworkScalar>(_ p: [S], _ x: [S], recording: Bool = false) -> (output: [S], pre: [[Double]]) {
        let d = streamWidth
        let lay = layout
        let stem = Dense.add(Dense.apply(p, offset: lay.stemWeights, rows: d, cols: inputWidth, to: x), p, offset: lay.stemBias)
        var pre = recording ? [stem.map(\.primal)] : []
        var h = stem.map { $0.activated(by: activation) }
        for (k, m) in blockWidths.enumerated() {
            let (inner, innerBias, outer) = lay.blocks[k]
            let z = Dense.add(Dense.apply(p, offset: inner, rows: m, cols: d, to: h), p, offset: innerBias)
            if recording { pre.append(z.map(\.primal)) }
            let u = z.map { $0.activated(by: activation) }
            let update = Dense.apply(p, offset: outer, rows: d, cols: m, to: u)
            h = zip(h, update).map { $0 + $1 }
        }
        let y = Dense.add(Dense.apply(p, offset: lay.readoutWeights, rows: outputWidth, cols: d, to: h), p,
                          offset: lay.readoutBias)
        return (y, pre)
    }

    /// Outputs for every row of `batch` (n × n₀), stacked sample by sample.
    public func stackedOutputs<S: NetworkScalar>(_ p: [S], on batch: Matrix) throws -> [S] {
        guard batch.cols == inputWidth else { throw NetworkError.inputWidth(expected: inputWidth, got: batch.cols) }
        guard batch.isFinite else { throw NetworkError.nonFinite("inputs") }
        return (0..<batch.rows).flatMap { s in trace(p, batch.row(s).map { S($0) }).output }
    }
}

extension ResidualMLP {
    /// Parameters 2u−1 and then n × n₀ inputs 4u−2 from one SplitMix64 stream (as `detNet`).
    public static func deterministic(inputWidth: Int, streamWidth: Int, blockWidths: [Int], outputWidth: Int,
                                     activation: Activation, seed: UInt64, samples n: Int) throws -> (network: ResidualMLP, inputs: Matrix) {
        var rng = SplitMix64(seed: seed)
        return try deterministic(inputWidth: inputWidth, streamWidth: streamWidth, blockWidths: blockWidths,
                                 outputWidth: outputWidth, activation: activation, rng: &rng, samples: n)
    }

    /// The same draw continuing an existing stream (a second call gives the deterministic redraw).
    public static func deterministic(inputWidth: Int, streamWidth: Int, blockWidths: [Int], outputWidth: Int,
                                     activation: Activation, rng: inout SplitMix64, samples n: Int) throws -> (network: ResidualMLP, inputs: Matrix) {
        let count = parameterCount(input: inputWidth, stream: streamWidth, blocks: blockWidths, output: outputWidth)
        let parameters = (0..<count).map { _ in 2 * rng.nextUnit() - 1 }
        let network = try ResidualMLP(inputWidth: inputWidth, streamWidth: streamWidth, blockWidths: blockWidths,
                                      outputWidth: outputWidth, activation: activation, parameters: parameters)
        guard n >= 1 else { throw NetworkError.invalidArgument("the number of samples must be at least 1, got \(n)") }
        let inputs = Matrix(rows: n, cols: inputWidth, storage: (0..<(n * inputWidth)).map { _ in 4 * rng.nextUnit() - 2 })
        return (network, inputs)
    }
}
