import LinearAlgebra
import TestSupport
import XCTest
@testable import Networks

/// Forward pass, backprop Jacobian, generator and errors of `Conv1DNet`.
final class ConvNetworkTests: XCTestCase {
    /// One input channel of length 4, a ReLU layer with 2 channels (kernel 2), an affine layer with 1 channel
    /// (kernel 2). Values worked out by hand:
    /// z1 = [[−0.5, 2.5, 1.5], [3, 3, −2]] → h1 = [[0, 2.5, 1.5], [3, 3, 0]];
    /// y = [0·1 + 2.5·2 − 3 + 3·0.5 + 0.25, 2.5 + 1.5·2 − 3 + 0 + 0.25] = [3.75, 2.75].
    func testTinyNetworkMatchesHandComputation() throws {
        let arch = try Conv1DArchitecture(inputChannels: 1, inputLength: 4, channels: [2, 1], kernelSizes: [2, 2])
        XCTAssertEqual(arch.parameterCount, 11)
        XCTAssertEqual(arch.lengths, [4, 3, 2])
        XCTAssertEqual(arch.hiddenChannelCount, 2)
        let net = try Conv1DNet(architecture: arch, activation: .relu,
                                parameters: [1, -1, 2, 1, 0.5, -1, 1, 2, -1, 0.5, 0.25])
        XCTAssertEqual(net.filters[1], [1, 2, -1, 0.5])
        XCTAssertEqual(net.biases[0], [0.5, -1])
        let y = try net.forward(Matrix([[1, 2, 0, -1]]))
        XCTAssertEqual(y.storage, [3.75, 2.75])
        // ∂y_0/∂b_2 = 1 and ∂y_0/∂F_2[0][1][0] = h1[1, 0] = 3, by hand.
        let j = try net.batchJacobian(Matrix([[1, 2, 0, -1]]))
        XCTAssertEqual(j[0, arch.biasIndex(layer: 2, outChannel: 0)], 1)
        XCTAssertEqual(j[0, arch.parameterIndex(layer: 2, outChannel: 0, inChannel: 1, tap: 0)], 3)
    }

    /// Independent oracle: NumPy's `np.correlate(..., 'valid')` per channel pair.
    func testForwardMatchesNumPy() throws {
        let arch = try Conv1DArchitecture(inputChannels: 2, inputLength: 9, channels: [3, 2, 2], kernelSizes: [3, 2, 4])
        let draw = try detConv1D(architecture: arch, activation: .tanh, seed: 11, samples: 3)
        let script = """
        import numpy as np
        d = data
        out = []
        for x in d["inputs"]:
            h = np.array(x).reshape(d["c0"], d["T"])
            for l, (c, k) in enumerate(zip(d["channels"], d["kernels"])):
                F = np.array(d["filters"][l]).reshape(c, h.shape[0], k)
                z = np.array([d["biases"][l][o] + sum(np.correlate(h[i], F[o, i], "valid") for i in range(h.shape[0]))
                              for o in range(c)])
                h = np.tanh(z) if l < len(d["channels"]) - 1 else z
            out.append(h.reshape(-1).tolist())
        print(json.dumps(out))
        """
        let input: [String: Any] = [
            "inputs": (0..<draw.inputs.rows).map { draw.inputs.row($0) }, "c0": 2, "T": 9,
            "channels": arch.channels, "kernels": arch.kernelSizes,
            "filters": draw.network.filters, "biases": draw.network.biases,
        ]
        guard let expected = try PythonOracle.json(script, input: input, modules: ["numpy"]) as? [[Double]] else {
            return XCTFail("NumPy returned an unexpected shape")
        }
        let y = try draw.network.forward(draw.inputs)
        XCTAssertEqual(y.cols, 2 * (9 - 2 - 1 - 3))
        XCTAssertEqual(ArchitectureTestSupport.maxDifference(y, Matrix(expected)), 0, accuracy: 1e-13)
    }

    /// Central differences (step 1e-6) agree with backpropagation to 1e-7 relative to max(1, largest entry)
    /// for several activations (the square activation gives outputs of order 10², hence the relative scale).
    func testJacobianAgreesWithFiniteDifferences() throws {
        let arch = try Conv1DArchitecture(inputChannels: 2, inputLength: 7, channels: [3, 2, 2], kernelSizes: [3, 2, 2])
        for activation in [Activation.tanh, .logistic, .softplus, .relu, .leakyReLU(alpha: 0.1), .square] {
            let draw = try detConv1D(architecture: arch, activation: activation, seed: 5, samples: 3)
            let net = draw.network
            if activation.isPiecewiseLinear {
                // The difference quotient is only valid away from the kinks.
                XCTAssertGreaterThan(try net.smallestHiddenPreActivation(draw.inputs), 1e-4, "\(activation)")
            }
            let jacobian = try net.batchJacobian(draw.inputs)
            XCTAssertEqual(jacobian.rows, 3 * net.outputWidth)
            XCTAssertEqual(jacobian.cols, net.parameterCount)
            let fd = try ArchitectureTestSupport.centralDifferences(at: net.parameters) {
                try Conv1DNet(architecture: arch, activation: activation, parameters: $0).forward(draw.inputs).storage
            }
            let difference = ArchitectureTestSupport.maxDifference(jacobian, fd)
            XCTAssertLessThanOrEqual(difference, 1e-7 * max(1, jacobian.maxAbs), "\(activation)")
        }
    }

    /// The generator's parameters are the first P draws of SplitMix64 as 2u−1 (reference stream of §0.3 for
    /// seed 42), the inputs the following draws as 4u−2.
    func testGeneratorFollowsTheSplitMix64Stream() throws {
        let arch = try Conv1DArchitecture(inputChannels: 1, inputLength: 3, channels: [1, 1], kernelSizes: [2, 1])
        let draw = try detConv1D(architecture: arch, activation: .relu, seed: 42, samples: 2)
        XCTAssertEqual(draw.network.filters[0][0], 2 * 0.7415648787718233 - 1)
        XCTAssertEqual(draw.network.filters[0][1], 2 * 0.1599103928769201 - 1)
        XCTAssertEqual(draw.network.biases[0][0], 2 * 0.27860113025513866 - 1)
        var rng = SplitMix64(seed: 42)
        let stream = (0..<(arch.parameterCount + 6)).map { _ in rng.nextUnit() }
        XCTAssertEqual(draw.network.parameters, stream.prefix(arch.parameterCount).map { 2 * $0 - 1 })
        XCTAssertEqual(draw.inputs.storage, stream.suffix(6).map { 4 * $0 - 2 })
        XCTAssertEqual(draw.inputs.rows, 2)
    }

    func testMalformedArgumentsAreTypedErrors() throws {
        XCTAssertThrowsError(try Conv1DArchitecture(inputChannels: 1, inputLength: 3, channels: [2, 1], kernelSizes: [2, 3]))
        XCTAssertThrowsError(try Conv1DArchitecture(inputChannels: 1, inputLength: 5, channels: [2, 0], kernelSizes: [2, 2]))
        XCTAssertThrowsError(try Conv1DArchitecture(inputChannels: 1, inputLength: 5, channels: [2], kernelSizes: [2, 2]))
        XCTAssertThrowsError(try Conv1DArchitecture(inputChannels: 0, inputLength: 5, channels: [2], kernelSizes: [2]))
        let arch = try Conv1DArchitecture(inputChannels: 1, inputLength: 4, channels: [2, 1], kernelSizes: [2, 2])
        XCTAssertThrowsError(try Conv1DNet(architecture: arch, activation: .tanh, parameters: [1, 2])) {
            XCTAssertEqual($0 as? NetworkError, .parameterCount(expected: 11, got: 2))
        }
        XCTAssertThrowsError(try Conv1DNet(architecture: arch, activation: .tanh, parameters: [Double](repeating: .nan, count: 11)))
        let net = try detConv1D(architecture: arch, activation: .tanh, seed: 1, samples: 1).network
        XCTAssertThrowsError(try net.forward(Matrix(rows: 1, cols: 3))) {
            XCTAssertEqual($0 as? NetworkError, .inputWidth(expected: 4, got: 3))
        }
        XCTAssertThrowsError(try detConv1D(architecture: arch, activation: .tanh, seed: 1, samples: 0))
        XCTAssertThrowsError(try net.permutingChannels(layer: 2, permutation: [0]))
        XCTAssertThrowsError(try net.permutingChannels(layer: 1, permutation: [0, 0]))
        XCTAssertThrowsError(try net.rescalingChannels(layer: 1, factors: [1, -2]))
        XCTAssertThrowsError(try net.flippingChannelSigns(layer: 1, signs: [1, 0.5]))
    }
}
