import LinearAlgebra

/// SplitMix64, the standard 64-bit generator (science.md §0.3 item 5).
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1): the top 53 bits times 2^-53.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

/// A network and a sample drawn deterministically from (widths, activation, seed, n).
public struct DeterministicDraw: Sendable {
    public var network: MLP
    /// n × n0 inputs in [−2, 2).
    public var inputs: Matrix
}

/// `det_net(widths, seed, n)` of science.md §0.3: one SplitMix64 stream; for l = 1…L fill W_l row-major
/// with 2u−1, then b_l with 2u−1; then the n × n0 inputs row-major with 4u−2.
public func detNet(widths: [Int], activation: Activation, seed: UInt64, samples n: Int) throws -> DeterministicDraw {
    var rng = SplitMix64(seed: seed)
    return try detNet(widths: widths, activation: activation, rng: &rng, samples: n)
}

/// `det_net` continuing an existing stream: the first call on `SplitMix64(seed: s)` is `detNet(seed: s)`;
/// a second call gives the next draw of the same stream (the deterministic redraw of issue 8).
public func detNet(widths: [Int], activation: Activation, rng: inout SplitMix64, samples n: Int) throws -> DeterministicDraw {
    try MLP.validate(widths)
    guard n >= 1 else { throw NetworkError.invalidArgument("the number of samples must be at least 1, got \(n)") }
    let parameters = (0..<MLP.parameterCount(widths)).map { _ in 2 * rng.nextUnit() - 1 }
    let network = try MLP(widths: widths, activation: activation, parameters: parameters)
    let inputs = Matrix(rows: n, cols: widths[0], storage: (0..<(n * widths[0])).map { _ in 4 * rng.nextUnit() - 2 })
    return DeterministicDraw(network: network, inputs: inputs)
}
