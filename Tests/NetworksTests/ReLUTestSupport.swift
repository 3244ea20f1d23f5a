import LinearAlgebra
import XCTest
@testable import Networks

/// Shared helpers of the ReLU and Refit tests.
enum ReLUTestSupport {
    /// Multiplies hidden neuron `index` of layer `layer` by λ: incoming row and bias × λ, outgoing column ÷ λ.
    static func rescaled(_ net: MLP, layer: Int, index: Int, by lambda: Double) -> MLP {
        var copy = net
        for j in 0..<copy.weights[layer - 1].cols { copy.weights[layer - 1][index, j] *= lambda }
        copy.biases[layer - 1][index] *= lambda
        for k in 0..<copy.weights[layer].rows { copy.weights[layer][k, index] /= lambda }
        return copy
    }

    /// Adds `size`·(2u − 1) from SplitMix64(seed) to every parameter.
    static func perturbed(_ net: MLP, size: Double, seed: UInt64) throws -> MLP {
        var rng = SplitMix64(seed: seed)
        return try MLP(widths: net.widths, activation: net.activation,
                       parameters: net.parameters.map { $0 + size * (2 * rng.nextUnit() - 1) })
    }
}
