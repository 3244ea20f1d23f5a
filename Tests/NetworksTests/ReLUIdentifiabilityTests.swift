import LinearAlgebra
import XCTest
@testable import Networks

/// Local identifiability from a finite sample (science.md §7.3–§7.6, §6.4 flip examples).
final class ReLUIdentifiabilityTests: XCTestCase {
    func testGenericShallowNetworkIsIdentifiable() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)
        let report = try draw.network.localIdentifiability(inputs: draw.inputs)
        XCTAssertEqual(report.parameterCount, 13)
        XCTAssertEqual(report.hiddenCount, 3)
        XCTAssertEqual(report.pathCount, 10)
        XCTAssertEqual(report.rGamma, 10)
        XCTAssertEqual(report.rA, 10)
        XCTAssertEqual(report.verdict, .identifiable)
        XCTAssertFalse(report.isIllConditioned)
        XCTAssertGreaterThan(report.rankGap, 1e10)
        XCTAssertTrue(report.satisfiesRankBounds)
        XCTAssertTrue(report.degenerateNeurons.isEmpty)
        XCTAssertLessThanOrEqual(try XCTUnwrap(report.factorisationResidual), 1e-12)
        XCTAssertEqual(try draw.network.batchFunctionalDimension(draw.inputs).rank, 10)
    }

    func testDeadUnitIsNotIdentifiable() throws {
        // §7.6 (d): b_1[3] = −10 (1-based) kills the third unit on [−2, 2]² → R_Γ = 7.
        var draw = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)
        draw.network.biases[0][2] = -10
        let report = try draw.network.localIdentifiability(inputs: draw.inputs)
        XCTAssertEqual(report.rGamma, 7)
        XCTAssertEqual(report.rA, 7)
        XCTAssertEqual(report.verdict, .notIdentifiable)
        XCTAssertEqual(report.inactiveNeurons, [HiddenNeuron(layer: 1, index: 2)])
        XCTAssertTrue(report.degenerateNeurons.isEmpty, "a dead unit is not in S: its weights are non-zero")
    }

    func testSamplesInOneSmallBallSeeOnlyAnAffineMap() throws {
        // §7.6 (e): every sample in one activation region → R_Γ = n0 + 1 = 3.
        let draw = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 1)
        let center = draw.inputs.row(0)
        var rng = SplitMix64(seed: 99)
        let ball = Matrix(rows: 50, cols: 2, storage: (0..<100).map { center[$0 % 2] + 0.01 * (2 * rng.nextUnit() - 1) })
        let report = try draw.network.localIdentifiability(inputs: ball)
        XCTAssertEqual(report.rGamma, 3)
        XCTAssertEqual(report.rA, 3)
        XCTAssertEqual(report.verdict, .notIdentifiable)
    }

    func testSampleOnSwitchingBoundaryIsRefused() throws {
        var draw = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 30)
        // x = (1, 0) and b_1[2] = −W_1[2, 0] give w·x + b = 0 exactly for neuron 2 (0-based) of layer 1.
        draw.network.biases[0][2] = -draw.network.weights[0][2, 0]
        draw.inputs[17, 0] = 1
        draw.inputs[17, 1] = 0
        XCTAssertThrowsError(try draw.network.localIdentifiability(inputs: draw.inputs)) { error in
            guard case .sampleOnSwitchingBoundary(let sample, let neuron, let z, _)? = error as? ReLUAnalysisError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(sample, 17)
            XCTAssertEqual(neuron, HiddenNeuron(layer: 1, index: 2))
            XCTAssertEqual(z, 0)
            XCTAssertTrue("\(error)".contains("sample 17"))
        }
        // Control: the same sample without the boundary point is accepted.
        draw.inputs[17, 1] = 0.5
        XCTAssertNoThrow(try draw.network.localIdentifiability(inputs: draw.inputs))
    }

    func testOneDimensionalFlipIsLocallyButNotGloballyIdentifiable() throws {
        // §6.4: θ = relu(x−1) + relu(−x−1) + 0.5, θ′ = relu(−x+1) + relu(x+1) − 1.5.
        let theta = try MLP(weights: [Matrix([[1], [-1]]), Matrix([[1, 1]])], biases: [[-1, -1], [0.5]], activation: .relu)
        let prime = try MLP(weights: [Matrix([[-1], [1]]), Matrix([[1, 1]])], biases: [[1, 1], [-1.5]], activation: .relu)
        let grid = Matrix(rows: 61, cols: 1, storage: (0..<61).map { -3 + 0.1 * Double($0) + 0.013 })
        XCTAssertLessThanOrEqual(try maxAbsDifference(theta.forward(grid).storage, prime.forward(grid).storage), 1e-14)
        for net in [theta, prime] {
            let report = try net.localIdentifiability(inputs: grid)
            XCTAssertEqual(report.rGamma, 5)
            XCTAssertEqual(report.rankBound, 5)
            XCTAssertEqual(report.verdict, .identifiable)
        }
        XCTAssertGreaterThan(try theta.pathLiftingDistance(to: prime), 0.5, "the flip is not a rescaling")
    }

    func testTwoDimensionalFlipIsLocallyButNotGloballyIdentifiable() throws {
        let w = Matrix([[1, 0], [0, 1], [-1, -1]])
        let theta = try MLP(weights: [w, Matrix([[1, 1, 1]])], biases: [[0.3, -0.2, 0.4], [0]], activation: .relu)
        var negated = w
        negated.storage = w.storage.map { -$0 }
        let prime = try MLP(weights: [negated, Matrix([[1, 1, 1]])], biases: [[-0.3, 0.2, -0.4], [0.5]], activation: .relu)
        var rng = SplitMix64(seed: 2024)
        let points = Matrix(rows: 300, cols: 2, storage: (0..<600).map { _ in 4 * rng.nextUnit() - 2 })
        XCTAssertLessThanOrEqual(try maxAbsDifference(theta.forward(points).storage, prime.forward(points).storage), 1e-14)
        for net in [theta, prime] {
            let report = try net.localIdentifiability(inputs: points)
            XCTAssertEqual(report.rGamma, 10)
            XCTAssertEqual(report.verdict, .identifiable)
        }
        XCTAssertGreaterThan(try theta.pathLiftingDistance(to: prime), 0.1)
    }

    func testShallowSingleOutputHasEqualRanks() throws {
        // §7.4: for L = 2, N_L = 1, R_Γ = R_A at every sample size; for N_L > 1 only R_Γ ≤ R_A.
        for widths in [[2, 3, 1], [2, 5, 1], [2, 3, 2]] {
            for n in [1, 2, 3, 5, 8, 13, 40] {
                let draw = try detNet(widths: widths, activation: .relu, seed: 11, samples: n)
                let report = try draw.network.localIdentifiability(inputs: draw.inputs)
                let rA = try XCTUnwrap(report.rA)
                XCTAssertTrue(report.satisfiesRankBounds, "\(widths) n=\(n)")
                if widths.last == 1 { XCTAssertEqual(report.rGamma, rA, "\(widths) n=\(n)") }
                if report.rGamma < report.rankBound && report.rGamma == rA {
                    XCTAssertEqual(report.verdict, .notIdentifiable)
                }
            }
        }
    }

    func testDegenerateNeuronsAreReported() throws {
        var draw = try detNet(widths: [2, 3, 3, 1], activation: .relu, seed: 1, samples: 60)
        for k in 0..<3 { draw.network.weights[1][k, 1] = 0 }  // neuron 1 of layer 1 has no outgoing weights
        let report = try draw.network.localIdentifiability(inputs: draw.inputs)
        XCTAssertEqual(report.degenerateNeurons,
                       [DegenerateNeuron(neuron: HiddenNeuron(layer: 1, index: 1), kind: .zeroOutgoingWeights)])
        XCTAssertEqual(report.verdict, .notIdentifiable)
        XCTAssertLessThan(report.rGamma, report.rankBound)
        // Zero incoming weights and bias: reported by degenerateNeurons (the sample is refused: z = 0 everywhere).
        var silent = draw.network
        silent.weights[0][0, 0] = 0
        silent.weights[0][0, 1] = 0
        silent.biases[0][0] = 0
        XCTAssertEqual(silent.degenerateNeurons().map(\.kind), [.zeroIncomingWeightsAndBias, .zeroOutgoingWeights])
        XCTAssertThrowsError(try silent.localIdentifiability(inputs: draw.inputs))
    }
}
