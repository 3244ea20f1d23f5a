import LinearAlgebra
import TestSupport
import XCTest
@testable import Networks

/// Forward pass, backprop-through-time Jacobian, generator and errors of `ElmanRNN`.
final class RecurrentNetworkTests: XCTestCase {
    /// ReLU, n = 2, m = 1, p = 1, A = [[0.5, 0], [1, −1]], B = [1, −1]ᵀ, b = [0, 0.5], C = [1, 2], u = (1, −2, 0.5).
    /// By hand: z1 = (1, −0.5) → x1 = (1, 0), y1 = 1; z2 = (0.5 − 2, 1 + 2 + 0.5) → x2 = (0, 3.5), y2 = 7;
    /// z3 = (0.5, −3.5 − 0.5 + 0.5) → x3 = (0.5, 0), y3 = 0.5.
    func testTinyNetworkMatchesHandComputation() throws {
        let net = try ElmanRNN(stateSize: 2, inputSize: 1, outputSize: 1, activation: .relu,
                               parameters: [0.5, 0, 1, -1, 1, -1, 0, 0.5, 1, 2])
        XCTAssertEqual(net.parameterCount, 10)
        XCTAssertEqual(net.stateMatrix, Matrix([[0.5, 0], [1, -1]]))
        XCTAssertEqual(net.outputMatrix, Matrix([[1, 2]]))
        let sequence = Matrix([[1], [-2], [0.5]])
        XCTAssertEqual(try net.outputs(sequence).storage, [1, 7, 0.5])
        // ∂y1/∂B[0,0] = u1 = 1 (state 0 active at t = 1), ∂y1/∂C[0,1] = x1[1] = 0, ∂y2/∂C[0,1] = 3.5.
        let j = try net.batchJacobian([sequence])
        let o = net.parameterOffsets
        XCTAssertEqual(j[0, o.inputMatrix], 1)
        XCTAssertEqual(j[0, o.outputMatrix + 1], 0)
        XCTAssertEqual(j[1, o.outputMatrix + 1], 3.5)
    }

    /// Independent oracle: the recursion written in NumPy.
    func testForwardMatchesNumPy() throws {
        let draw = try detRNN(stateSize: 3, inputSize: 2, outputSize: 2, activation: .tanh, seed: 4,
                              sequenceLength: 6, sequences: 2)
        let net = draw.network
        let script = """
        import numpy as np
        d = data
        A, B, b, C = (np.array(d[k]) for k in ("A", "B", "b", "C"))
        out = []
        for U in d["U"]:
            x = np.zeros(A.shape[0])
            for u in U:
                x = np.tanh(A @ x + B @ np.array(u) + b)
                out.extend((C @ x).tolist())
        print(json.dumps(out))
        """
        let rows = { (m: Matrix) in (0..<m.rows).map { m.row($0) } }
        let input: [String: Any] = [
            "A": rows(net.stateMatrix), "B": rows(net.inputMatrix), "b": net.bias, "C": rows(net.outputMatrix),
            "U": draw.sequences.map(rows),
        ]
        guard let expected = try PythonOracle.json(script, input: input, modules: ["numpy"]) as? [Double] else {
            return XCTFail("NumPy returned an unexpected shape")
        }
        let y = try net.stackedOutputs(draw.sequences)
        XCTAssertEqual(y.count, 2 * 6 * 2)
        XCTAssertEqual(y.count, expected.count)
        for (a, b) in zip(y, expected) { XCTAssertEqual(a, b, accuracy: 1e-14) }
    }

    /// Backprop through time agrees with central differences (step 1e-6) to 1e-7 relative to
    /// max(1, largest entry), for several activations and sequences of different lengths.
    func testJacobianAgreesWithFiniteDifferences() throws {
        for activation in [Activation.tanh, .logistic, .linear, .relu, .softplus] {
            var draw = try detRNN(stateSize: 3, inputSize: 2, outputSize: 2, activation: activation, seed: 9,
                                  sequenceLength: 5, sequences: 2)
            draw.sequences[1] = Matrix(rows: 3, cols: 2, storage: Array(draw.sequences[1].storage.prefix(6)))
            let net = draw.network
            if activation.isPiecewiseLinear {
                let smallest = draw.sequences.flatMap { net.trace($0).pre.flatMap { $0 } }.map(abs).min() ?? 0
                XCTAssertGreaterThan(smallest, 1e-4, "kink too close for finite differences")
            }
            let jacobian = try net.batchJacobian(draw.sequences)
            XCTAssertEqual(jacobian.rows, (5 + 3) * 2)
            XCTAssertEqual(jacobian.cols, 9 + 6 + 3 + 6)
            let fd = try ArchitectureTestSupport.centralDifferences(at: net.parameters) {
                try ElmanRNN(stateSize: 3, inputSize: 2, outputSize: 2, activation: activation, parameters: $0)
                    .stackedOutputs(draw.sequences)
            }
            XCTAssertLessThanOrEqual(ArchitectureTestSupport.maxDifference(jacobian, fd), 1e-7 * max(1, jacobian.maxAbs),
                                     "\(activation)")
        }
    }

    /// Generator: parameters are the first P draws as 2u−1 (A then scaled to ‖A‖_∞ = 0.9), inputs the next draws.
    func testGeneratorFollowsTheSplitMix64Stream() throws {
        let draw = try detRNN(stateSize: 2, inputSize: 1, outputSize: 1, activation: .tanh, seed: 42,
                              sequenceLength: 3, sequences: 2)
        var rng = SplitMix64(seed: 42)
        let stream = (0..<(10 + 6)).map { _ in 2 * rng.nextUnit() - 1 }
        let a = Array(stream.prefix(4))
        let norm = max(abs(a[0]) + abs(a[1]), abs(a[2]) + abs(a[3]))
        for (x, y) in zip(draw.network.stateMatrix.storage, a.map { $0 * 0.9 / norm }) { XCTAssertEqual(x, y, accuracy: 1e-15) }
        XCTAssertEqual(Array(draw.network.parameters[4..<10]), Array(stream[4..<10]))
        XCTAssertEqual(draw.sequences.flatMap { $0.storage }, stream.suffix(6).map { 2 * $0 })  // 4u − 2 = 2(2u − 1)
        let unscaled = try detRNN(stateSize: 2, inputSize: 1, outputSize: 1, activation: .tanh, seed: 42,
                                  sequenceLength: 3, sequences: 2, stateMatrixBound: nil)
        XCTAssertEqual(unscaled.network.stateMatrix.storage, a)
    }

    func testMalformedArgumentsAreTypedErrors() throws {
        XCTAssertThrowsError(try ElmanRNN(stateSize: 0, inputSize: 1, outputSize: 1, activation: .tanh, parameters: []))
        XCTAssertThrowsError(try ElmanRNN(stateSize: 2, inputSize: 1, outputSize: 1, activation: .tanh, parameters: [1])) {
            XCTAssertEqual($0 as? NetworkError, .parameterCount(expected: 10, got: 1))
        }
        XCTAssertThrowsError(try ElmanRNN(stateSize: 1, inputSize: 1, outputSize: 1, activation: .tanh, parameters: [1, .nan, 0, 1]))
        XCTAssertThrowsError(try ElmanRNN(stateMatrix: Matrix(rows: 2, cols: 3), inputMatrix: Matrix(rows: 2, cols: 1),
                                          bias: [0, 0], outputMatrix: Matrix(rows: 1, cols: 2), activation: .tanh))
        let net = try detRNN(stateSize: 2, inputSize: 1, outputSize: 1, activation: .tanh, seed: 1,
                             sequenceLength: 2, sequences: 1).network
        XCTAssertThrowsError(try net.outputs(Matrix(rows: 3, cols: 2))) {
            XCTAssertEqual($0 as? NetworkError, .inputWidth(expected: 1, got: 2))
        }
        XCTAssertThrowsError(try net.outputs(Matrix(rows: 0, cols: 1)))
        XCTAssertThrowsError(try net.batchJacobian([]))
        XCTAssertThrowsError(try detRNN(stateSize: 2, inputSize: 1, outputSize: 1, activation: .tanh, seed: 1,
                                        sequenceLength: 0, sequences: 1))
        XCTAssertThrowsError(try net.similarityTransformed(by: Matrix([[1, 2], [2, 4]])))
        XCTAssertThrowsError(try net.permutingStates(permutation: [0, 0]))
        XCTAssertThrowsError(try net.markovParameters(upTo: -1))
    }
}
