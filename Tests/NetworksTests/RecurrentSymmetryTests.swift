import LinearAlgebra
import XCTest
@testable import Networks

/// State-space symmetries, Markov parameters and Jacobian ranks of Elman RNNs (science.md §4.2).
final class RecurrentSymmetryTests: XCTestCase {
    private func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.reduce(0) { max($0, abs($1)) }
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) } / scale
    }

    /// Albertini–Sontag: a signed permutation of the states preserves a tanh RNN (≤ 1e-14 relative); the
    /// exact action agrees with the general similarity transform by the same T.
    func testSignedPermutationPreservesTanhNetwork() throws {
        let draw = try detRNN(stateSize: 4, inputSize: 2, outputSize: 2, activation: .tanh, seed: 6,
                              sequenceLength: 8, sequences: 3)
        let net = draw.network
        let (permutation, signs): ([Int], [Double]) = ([2, 0, 3, 1], [-1, 1, -1, 1])
        let moved = try net.permutingStates(permutation: permutation, signs: signs)
        XCTAssertNotEqual(moved.parameters, net.parameters)
        let y = try net.stackedOutputs(draw.sequences)
        XCTAssertLessThanOrEqual(relativeDifference(try moved.stackedOutputs(draw.sequences), y), 1e-14)
        let t = try ElmanRNN.stateTransform(permutation: permutation, signs: signs)
        let viaSimilarity = try net.similarityTransformed(by: t)
        for (a, b) in zip(viaSimilarity.parameters, moved.parameters) { XCTAssertEqual(a, b, accuracy: 1e-15) }
    }

    /// With σ = ReLU a sign flip is not a symmetry (O(1) change) while a permutation and a positive diagonal
    /// T are (ReLU is positively homogeneous).
    func testReLUAllowsPermutationAndPositiveScalingButNotSignFlip() throws {
        let draw = try detRNN(stateSize: 3, inputSize: 1, outputSize: 1, activation: .relu, seed: 12,
                              sequenceLength: 10, sequences: 2)
        let net = draw.network
        let y = try net.stackedOutputs(draw.sequences)
        let flipped = try net.permutingStates(permutation: [0, 1, 2], signs: [1, -1, 1])
        XCTAssertGreaterThan(relativeDifference(try flipped.stackedOutputs(draw.sequences), y), 1e-2)
        let permuted = try net.permutingStates(permutation: [1, 2, 0])
        XCTAssertLessThanOrEqual(relativeDifference(try permuted.stackedOutputs(draw.sequences), y), 1e-14)
        let scaled = try net.similarityTransformed(by: Matrix([[2, 0, 0], [0, 0.5, 0], [0, 0, 3]]))
        XCTAssertLessThanOrEqual(relativeDifference(try scaled.stackedOutputs(draw.sequences), y), 1e-13)
    }

    /// A linear RNN is preserved by every invertible T (GL(n)); a tanh RNN is not.
    func testAnyInvertibleTransformPreservesLinearNetworkOnly() throws {
        let t = Matrix([[1.2, 0.3, -0.4], [0.1, 0.9, 0.5], [-0.6, 0.2, 1.1]])
        let linear = try detRNN(stateSize: 3, inputSize: 2, outputSize: 2, activation: .linear, seed: 15,
                                sequenceLength: 7, sequences: 2)
        let y = try linear.network.stackedOutputs(linear.sequences)
        let transformed = try linear.network.similarityTransformed(by: t)
        XCTAssertLessThanOrEqual(relativeDifference(try transformed.stackedOutputs(linear.sequences), y), 1e-13)
        var tanh = linear
        tanh.network.activation = .tanh
        let tanhTransformed = try tanh.network.similarityTransformed(by: t)
        XCTAssertGreaterThan(relativeDifference(try tanhTransformed.stackedOutputs(tanh.sequences),
                                                try tanh.network.stackedOutputs(tanh.sequences)), 1e-3)
    }

    /// Markov parameters are the impulse response of the linear RNN with b = 0: input e_j at t = 1 and zero
    /// afterwards gives y_{k+1} = C A^k B e_j.
    func testMarkovParametersAreTheImpulseResponse() throws {
        var net = try detRNN(stateSize: 3, inputSize: 2, outputSize: 2, activation: .linear, seed: 5,
                             sequenceLength: 1, sequences: 1).network
        net.bias = [0, 0, 0]
        let markov = try net.markovParameters(upTo: 5)
        XCTAssertEqual(markov.count, 6)
        for j in 0..<2 {
            var impulse = Matrix(rows: 6, cols: 2)
            impulse[0, j] = 1
            let y = try net.outputs(impulse)
            for k in 0...5 {
                for r in 0..<2 { XCTAssertEqual(y[k, r], markov[k][r, j], accuracy: 1e-15) }
            }
        }
    }

    /// The exact Markov-parameter Jacobian matches central differences, and the GL(n) tangents
    /// (AK − KA, −KB, CK) lie in its kernel.
    func testMarkovJacobianMatchesFiniteDifferencesAndKillsGLTangents() throws {
        let (n, m, p, maxPower) = (3, 2, 2, 6)
        let net = try detRNN(stateSize: n, inputSize: m, outputSize: p, activation: .linear, seed: 31,
                             sequenceLength: 1, sequences: 1).network
        let jacobian = try net.markovParameterJacobian(upTo: maxPower)
        XCTAssertEqual(jacobian.rows, (maxPower + 1) * p * m)
        XCTAssertEqual(jacobian.cols, n * n + n * m + p * n)
        let abc = net.stateMatrix.storage + net.inputMatrix.storage + net.outputMatrix.storage
        let fd = try ArchitectureTestSupport.centralDifferences(at: abc) { v in
            let a = Matrix(rows: n, cols: n, storage: Array(v[0..<9]))
            let b = Matrix(rows: n, cols: m, storage: Array(v[9..<15]))
            let c = Matrix(rows: p, cols: n, storage: Array(v[15..<21]))
            let other = try ElmanRNN(stateMatrix: a, inputMatrix: b, bias: [0, 0, 0], outputMatrix: c, activation: .linear)
            return try other.markovParameters(upTo: maxPower).flatMap { $0.storage }
        }
        XCTAssertLessThanOrEqual(ArchitectureTestSupport.maxDifference(jacobian, fd), 1e-8)
        for i in 0..<n {
            for j in 0..<n {
                var k = Matrix(rows: n, cols: n)
                k[i, j] = 1
                let ak = net.stateMatrix * k, ka = k * net.stateMatrix
                let tangent = zip(ak.storage, ka.storage).map { $0 - $1 } + (k * net.inputMatrix).storage.map { -$0 }
                    + (net.outputMatrix * k).storage
                let image = jacobian * tangent
                XCTAssertLessThanOrEqual(image.reduce(0) { max($0, abs($1)) }, 1e-14, "K = E_\(i)\(j)")
            }
        }
    }

    /// science.md §4.2: the Markov-parameter Jacobian (K = 3n + 2) of a generic linear RNN has rank exactly
    /// n(m + p) = (n² + nm + pn) − n², with a clean singular-value gap.
    func testMarkovJacobianHasGenericRankNTimesMPlusP() throws {
        for (seed, (n, m, p)) in [(2, 1, 1), (3, 1, 1), (3, 2, 1), (2, 2, 3), (4, 2, 2)].enumerated() {
            let net = try detRNN(stateSize: n, inputSize: m, outputSize: p, activation: .linear, seed: UInt64(100 + seed),
                                 sequenceLength: 1, sequences: 1).network
            let rank = try numericalRank(try net.markovParameterJacobian(upTo: 3 * n + 2))
            XCTAssertEqual(rank.rank, n * (m + p), "(n, m, p) = (\(n), \(m), \(p))")
            XCTAssertFalse(rank.isIllConditioned, "(n, m, p) = (\(n), \(m), \(p)), gap \(rank.gap)")
        }
    }

    /// A generic tanh RNN has no continuous state symmetry: with enough observed outputs its output
    /// Jacobian has full rank P = n² + nm + n + pn. The linear RNN with bias loses exactly the n² directions of
    /// GL(n): rank n(m + 1 + p) (b acts as an extra input column).
    func testOutputJacobianRanks() throws {
        for (n, m, p) in [(3, 1, 1), (2, 2, 1), (3, 2, 2)] {
            let tanh = try detRNN(stateSize: n, inputSize: m, outputSize: p, activation: .tanh, seed: 77,
                                  sequenceLength: 12, sequences: 4)
            let pCount = tanh.network.parameterCount
            let jacobian = try tanh.network.batchJacobian(tanh.sequences)
            XCTAssertGreaterThanOrEqual(jacobian.rows, pCount)
            let rank = try numericalRank(jacobian)
            XCTAssertEqual(rank.rank, pCount, "tanh (\(n), \(m), \(p)), gap \(rank.gap)")

            var linear = tanh
            linear.network.activation = .linear
            let linearRank = try numericalRank(try linear.network.batchJacobian(linear.sequences))
            XCTAssertEqual(linearRank.rank, n * (m + 1 + p), "linear (\(n), \(m), \(p))")
            XCTAssertFalse(linearRank.isIllConditioned, "linear (\(n), \(m), \(p)), gap \(linearRank.gap)")
        }
    }
}
