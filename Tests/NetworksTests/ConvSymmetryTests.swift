import LinearAlgebra
import XCTest
@testable import Networks

/// Per-channel symmetries of 1-D conv nets (science.md §8.7 "CNNs").
final class ConvSymmetryTests: XCTestCase {
    private func architecture() throws -> Conv1DArchitecture {
        try Conv1DArchitecture(inputChannels: 2, inputLength: 10, channels: [4, 3, 2], kernelSizes: [3, 2, 3])
    }

    /// Permuting channels together with the next layer's input-channel slices is a symmetry for any σ;
    /// moving only the channels (no slices) changes the function by O(1).
    func testChannelPermutationNeedsTheMatchingSlices() throws {
        for activation in [Activation.tanh, .relu, .logistic] {
            let draw = try detConv1D(architecture: try architecture(), activation: activation, seed: 3, samples: 4)
            let net = draw.network
            let y = try net.forward(draw.inputs)
            for (layer, permutation) in [(1, [2, 0, 3, 1]), (2, [1, 2, 0])] {
                let moved = try net.permutingChannels(layer: layer, permutation: permutation)
                XCTAssertNotEqual(moved.parameters, net.parameters)
                XCTAssertLessThanOrEqual(ArchitectureTestSupport.maxDifference(try moved.forward(draw.inputs), y), 1e-13,
                                         "\(activation), layer \(layer)")
                let broken = try net.permutingChannels(layer: layer, permutation: permutation, includingNextLayerSlices: false)
                XCTAssertGreaterThan(ArchitectureTestSupport.maxDifference(try broken.forward(draw.inputs), y), 1e-2,
                                     "\(activation), layer \(layer)")
            }
        }
    }

    /// Sign flips are a symmetry for odd σ (tanh) and not for ReLU.
    func testChannelSignFlipForOddActivationsOnly() throws {
        let signs: [Double] = [-1, 1, -1, -1]
        let tanh = try detConv1D(architecture: try architecture(), activation: .tanh, seed: 8, samples: 4)
        let flipped = try tanh.network.flippingChannelSigns(layer: 1, signs: signs)
        XCTAssertLessThanOrEqual(
            ArchitectureTestSupport.maxDifference(try flipped.forward(tanh.inputs), try tanh.network.forward(tanh.inputs)), 1e-14)
        let relu = try detConv1D(architecture: try architecture(), activation: .relu, seed: 8, samples: 4)
        let reluFlipped = try relu.network.flippingChannelSigns(layer: 1, signs: signs)
        XCTAssertGreaterThan(
            ArchitectureTestSupport.maxDifference(try reluFlipped.forward(relu.inputs), try relu.network.forward(relu.inputs)), 1e-2)
    }

    /// Positive per-channel rescaling is a symmetry of ReLU nets; the batch-Jacobian rank is at most
    /// P − (#hidden channels), and the rescaling tangents lie in its kernel.
    func testReLURescalingAndJacobianRankBound() throws {
        let draw = try detConv1D(architecture: try architecture(), activation: .relu, seed: 21, samples: 40)
        let net = draw.network
        XCTAssertGreaterThan(try net.smallestHiddenPreActivation(draw.inputs), 1e-6)
        let y = try net.forward(draw.inputs)
        let scaled = try net.rescalingChannels(layer: 2, factors: [0.25, 3, 1.7])
            .rescalingChannels(layer: 1, factors: [2, 0.5, 5, 1.25])
        XCTAssertLessThanOrEqual(ArchitectureTestSupport.maxDifference(try scaled.forward(draw.inputs), y), 1e-13)

        let jacobian = try net.batchJacobian(draw.inputs)
        let p = net.parameterCount
        XCTAssertEqual(p, 4 * (2 * 3 + 1) + 3 * (4 * 2 + 1) + 2 * (3 * 3 + 1))
        XCTAssertEqual(net.hiddenChannelCount, 7)
        XCTAssertGreaterThanOrEqual(jacobian.rows, p)
        let rank = try numericalRank(jacobian)
        XCTAssertLessThanOrEqual(rank.rank, p - net.hiddenChannelCount)

        let tangents = net.rescalingTangents()
        XCTAssertEqual(tangents.rows, 7)
        XCTAssertEqual(try numericalRank(tangents).rank, 7)
        let scale = jacobian.maxAbs * net.parameters.reduce(0) { max($0, abs($1)) }
        for r in 0..<tangents.rows {
            let image = jacobian * tangents.row(r)
            XCTAssertLessThanOrEqual(image.reduce(0) { max($0, abs($1)) }, 1e-13 * scale, "tangent \(r)")
        }
    }

    /// The rescaling tangent is a derivative: (θ(e^t) − θ(e^{−t})) / 2t ≈ tangent, checked for one channel.
    func testRescalingTangentIsTheOrbitDerivative() throws {
        let net = try detConv1D(architecture: try architecture(), activation: .relu, seed: 2, samples: 1).network
        let t = 1e-6
        var up = [Double](repeating: 1, count: 3), down = up
        up[1] = Foundation.exp(t)
        down[1] = Foundation.exp(-t)
        let plus = try net.rescalingChannels(layer: 2, factors: up).parameters
        let minus = try net.rescalingChannels(layer: 2, factors: down).parameters
        let derivative = zip(plus, minus).map { ($0 - $1) / (2 * t) }
        let tangent = net.rescalingTangents().row(4 + 1)  // layer 1 has 4 channels, then channel 1 of layer 2
        for (a, b) in zip(derivative, tangent) { XCTAssertEqual(a, b, accuracy: 1e-8) }
    }

    /// For tanh the same conv net has no continuous per-channel symmetry: the tangents are not in the kernel.
    func testTanhRescalingTangentsAreNotInTheKernel() throws {
        let draw = try detConv1D(architecture: try architecture(), activation: .tanh, seed: 21, samples: 12)
        let jacobian = try draw.network.batchJacobian(draw.inputs)
        let tangents = draw.network.rescalingTangents()
        for r in 0..<tangents.rows {
            let image = jacobian * tangents.row(r)
            XCTAssertGreaterThan(image.reduce(0) { max($0, abs($1)) }, 1e-3, "tangent \(r)")
        }
    }
}
