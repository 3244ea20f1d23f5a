import LinearAlgebra

/// A conv net and a sample drawn deterministically by `detConv1D`.
public struct Conv1DDraw: Sendable {
    public var network: Conv1DNet
    /// n × (c0·T0) inputs in [−2, 2), one channel-major sample per row.
    public var inputs: Matrix
}

/// The conv analogue of `det_net` (science.md §0.3 item 5): one SplitMix64 stream; for l = 1…L fill the
/// filters F_l in the documented parameter order ([out][in][tap] row-major) with 2u−1, then the c_l biases
/// with 2u−1; afterwards the n × (c0·T0) inputs row-major (sample, channel, position) with 4u−2.
/// The parameters are therefore exactly the first P draws, in parameter order.
public func detConv1D(architecture: Conv1DArchitecture, activation: Activation, seed: UInt64, samples n: Int) throws -> Conv1DDraw {
    guard n >= 1 else { throw NetworkError.invalidArgument("the number of samples must be at least 1, got \(n)") }
    var rng = SplitMix64(seed: seed)
    let parameters = (0..<architecture.parameterCount).map { _ in 2 * rng.nextUnit() - 1 }
    let network = try Conv1DNet(architecture: architecture, activation: activation, parameters: parameters)
    let width = architecture.inputWidth
    let inputs = Matrix(rows: n, cols: width, storage: (0..<(n * width)).map { _ in 4 * rng.nextUnit() - 2 })
    return Conv1DDraw(network: network, inputs: inputs)
}
