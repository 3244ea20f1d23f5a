import Foundation
import LinearAlgebra
import Networks
import XCTest

@testable import Models

/// Hand-built networks whose verdicts follow from theory.
final class KnownVerdictTests: XCTestCase {
    /// Inputs on a grid in [−2, 2]², offset so that no pre-activation of the nets below is exactly 0.
    let grid: Matrix = {
        var rows: [[Double]] = []
        for k in 0..<49 {
            let a: Double = Double(k % 7) * 0.6 - 1.83
            let b: Double = Double(k / 7) * 0.6 - 1.77
            rows.append([a, b])
        }
        return Matrix(rows)
    }()

    func testReLUNetAtFullRankIsIdentifiable() throws {
        // Three ReLU units whose lines cross the sampled square in different directions: R_Γ = P − H = 10.
        let net = try MLP(weights: [Matrix([[1, 0], [0, 1], [1, 1]]), Matrix([[1, -2, 1.5]])],
                          biases: [[0.1, -0.2, 0.3], [0.5]], activation: .relu)
        let report = try NetworkAnalysis.run(network: net, inputs: grid)
        XCTAssertEqual(report.maxRank, 10)
        XCTAssertEqual(report.rank, 10)
        XCTAssertEqual(report.verdict, "identifiable")
        XCTAssertEqual(report.groupOrder, "6")
    }

    func testDeadUnitIsNotIdentifiable() throws {
        // Unit 2 has z = −x₁ − x₂ − 10 < 0 on the whole square: dead, so its incoming weights are free.
        let net = try MLP(weights: [Matrix([[1, 0], [0, 1], [-1, -1]]), Matrix([[1, -2, 1.5]])],
                          biases: [[0.1, -0.2, -10], [0.5]], activation: .relu)
        let report = try NetworkAnalysis.run(network: net, inputs: grid)
        XCTAssertEqual(report.deadUnits, [UnitReference(layer: 1, index: 2)])
        XCTAssertEqual(report.verdict, "not_identifiable")
        // The dead unit's 3 incoming parameters and its outgoing weight drop out, the other two units keep
        // their P − H share: 10 − 4 + 1 (the dead unit's rescaling no longer counts) = 7.
        XCTAssertEqual(report.rank, 7)
    }

    func testTanhTwinsAreNotIdentifiable() throws {
        // Unit 2 = −unit 0 (incoming): tanh is odd, so h₂ = −h₀ and only c₀ − c₂ is determined.
        let net = try MLP(weights: [Matrix([[0.7, -0.3], [0.2, 0.9], [-0.7, 0.3]]), Matrix([[1, -0.5, 0.8]])],
                          biases: [[0.1, -0.4, -0.1], [0.2]], activation: .tanh)
        let report = try NetworkAnalysis.run(network: net, inputs: grid)
        XCTAssertEqual(report.twinUnits.map { (t: TwinUnits) in t.relation }, ["opposite"])
        XCTAssertEqual(report.verdict, "not_identifiable")
        XCTAssertLessThan(report.rank, report.parameters)
    }

    func testTanhNetAtFullRankIsIdentifiable() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 40)
        let report = try NetworkAnalysis.run(network: draw.network, inputs: draw.inputs)
        XCTAssertEqual(report.maxRank, 13)
        XCTAssertEqual(report.rank, 13)
        XCTAssertEqual(report.verdict, "identifiable")
        // 2^3 · 3! signed permutations.
        XCTAssertEqual(report.groupOrder, "48")
    }

    func testZeroOutgoingWeightIsNotIdentifiable() throws {
        let net = try MLP(weights: [Matrix([[0.7, -0.3], [0.2, 0.9]]), Matrix([[1, 0]])], biases: [[0.1, -0.4], [0.2]],
                          activation: .tanh)
        let report = try NetworkAnalysis.run(network: net, inputs: grid)
        XCTAssertEqual(report.zeroOutgoingUnits, [UnitReference(layer: 1, index: 1)])
        XCTAssertEqual(report.verdict, "not_identifiable")
    }

    func testTooFewSamplesSaysHowManyMore() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 5)
        let report = try NetworkAnalysis.run(network: draw.network, inputs: draw.inputs)
        XCTAssertEqual(report.rank, 5)
        XCTAssertEqual(report.verdict, "undecided")
        XCTAssertEqual(report.moreSamplesNeeded, 8)  // 13 rows are needed for rank 13 with one output
    }

    func testBoundarySampleIsNamedAndExcluded() throws {
        let net = try MLP(weights: [Matrix([[1, 0], [0, 1], [1, 1]]), Matrix([[1, -2, 1.5]])],
                          biases: [[0.1, -0.2, 0.3], [0.5]], activation: .relu)
        var rows = (0..<grid.rows).map { grid.row($0) }
        rows.append([-0.1, 1.0])  // unit 0: z = −0.1 + 0.1 = 0
        let report = try NetworkAnalysis.run(network: net, inputs: Matrix(rows))
        XCTAssertEqual(report.excludedSamples.map { (b: BoundarySample) in b.sample }, [49])
        XCTAssertEqual(report.samplesUsed, 49)
    }

    func testExactCertificateReachesPMinusH() throws {
        // Integer weights and inputs: exact arithmetic modulo primes certifies rank P − H = 10.
        let net = try MLP(weights: [Matrix([[1, 0], [0, 1], [1, 1]]), Matrix([[1, -2, 3]])],
                          biases: [[0.5, -0.5, 0.25], [1]], activation: .relu)
        var options = AnalysisOptions()
        options.exact = true
        let report = try NetworkAnalysis.run(network: net, inputs: grid, options: options)
        let exact = try XCTUnwrap(report.exactRank)
        XCTAssertEqual(exact.rank, 10)
        XCTAssertTrue(exact.certified)
        XCTAssertEqual(exact.probabilityBound, 0)
        // A dead unit lowers the exact rank too, and the statement then carries a probability bound.
        let dead = try MLP(weights: [Matrix([[1, 0], [0, 1], [-1, -1]]), Matrix([[1, -2, 3]])],
                           biases: [[0.5, -0.5, -10], [1]], activation: .relu)
        let deadExact = try XCTUnwrap(try NetworkAnalysis.run(network: dead, inputs: grid, options: options).exactRank)
        XCTAssertEqual(deadExact.rank, 7)
        XCTAssertFalse(deadExact.certified)
        XCTAssertLessThan(deadExact.probabilityBound, 1e-12)
    }

    func testResidueOfDyadicRationals() {
        let field = ModularArithmetic(p: 1_000_003)
        // 0.75 = 3/4: 4 · r ≡ 3.
        XCTAssertEqual(field.mul(field.residue(0.75), 4), 3)
        XCTAssertEqual(field.add(field.residue(-2.5), field.residue(2.5)), 0)
        XCTAssertEqual(field.residue(1024), 1024)
    }

    func testMemoryBudgetRefusesWithTheEstimate() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 40)
        var options = AnalysisOptions()
        options.memoryBudget = 1000
        XCTAssertThrowsError(try NetworkAnalysis.run(network: draw.network, inputs: draw.inputs, options: options)) {
            XCTAssertTrue("\($0)".contains("40 × 13") && "\($0)".contains("--max-memory"), "\($0)")
        }
    }
}
