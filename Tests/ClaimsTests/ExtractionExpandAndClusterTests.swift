import XCTest
@testable import Claims
import LinearAlgebra
import Networks

final class ExtractionExpandAndClusterTests: XCTestCase {
    private let id = "extraction-expand-and-cluster"

    func testDefaultSeedRecoversTheTeacherToThirtyBits() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        guard case .int(let recovered)? = report.metrics["students_recovered"],
              case .double(let bits)? = report.metrics["bits"] else { return XCTFail("metrics missing: \(report.metrics)") }
        XCTAssertGreaterThanOrEqual(recovered, 1)
        XCTAssertGreaterThanOrEqual(bits, 30)
        // Every recovered student is the teacher, so all of them share its 3 units (and nothing else).
        if recovered >= 2 {
            XCTAssertEqual(report.metrics["shared_clusters"], .int(3))
            XCTAssertEqual(report.metrics["clusters"], .int(3))
        }
        XCTAssertEqual(report.metrics["student_width"], .int(6))
    }

    /// det_net((2,3,1), seed 1) of science.md §0.3 (values computed there with NumPy): the last unit's
    /// outgoing weight is 0.21084073795065827, so any split of c₀ + c₂ between the twins is as good as
    /// another by that much; the students return 2 units.
    func testTwinControlIsDetectedWithTheSumOfTheOutgoingWeights() {
        let report = ClaimRegistry.run(checkID: id)
        let twin = report.controls.first { $0.name == "recovery of a teacher with a twin unit" }
        XCTAssertEqual(twin?.detected, true, "\(report.controls)")
        XCTAssertEqual(report.metrics["twin_recovered_width"], .int(2))
        guard case .double(let ambiguity)? = report.metrics["twin_weight_ambiguity"],
              case .double(let sumError)? = report.metrics["twin_sum_error"] else { return XCTFail("twin metrics") }
        XCTAssertEqual(ambiguity, 0.21084073795065827, accuracy: 1e-15)
        XCTAssertLessThanOrEqual(sumError, 1e-6)
        XCTAssertGreaterThan(twin?.margin ?? 0, 1e5)
    }

    func testSeveralSeedsNeverFail() {
        for seed in UInt64(2)...7 {
            let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(seed: seed))
            XCTAssertNotEqual(report.status, .failed, "seed \(seed): \(report)")
            XCTAssertNotEqual(report.status, .error, "seed \(seed): \(report)")
        }
    }

    func testOutOfScopeParametersAreRefused() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 3, 3, 1])).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .relu)).refusal)
        // Students (2,6,1) have 6·3 + 7 = 25 parameters: 20 samples are too few.
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(samples: 20)).refusal)
    }

    // MARK: Clustering, on hand-made units

    /// 0.7·tanh(z) + 0.3·tanh(−z) = 0.4·tanh(z) with z = x₁ − 2x₂ + 0.5. Sign normalisation makes the entry
    /// of largest magnitude (−2 in the first unit) positive, so both become (−1, 2, −0.5) with outgoing
    /// −0.7 and 0.3: one cluster with outgoing −0.4.
    func testOppositeSignTwinsMergeWithTheSignedSumOfOutgoingWeights() {
        let units = [HiddenUnit(incoming: [1, -2, 0.5], outgoing: [0.7]), HiddenUnit(incoming: [-1, 2, -0.5], outgoing: [0.3])]
        let (merged, assignment) = UnitClustering.mergeDuplicates(units, tolerance: 1e-9)
        XCTAssertEqual(assignment, [0, 0])
        XCTAssertEqual(merged.count, 1)
        XCTAssertEqual(merged[0].incoming, [-1, 2, -0.5])
        XCTAssertEqual(merged[0].outgoing[0], -0.4, accuracy: 1e-15)
    }

    func testDistinctUnitsStayApart() {
        let units = [HiddenUnit(incoming: [1, 0, 0], outgoing: [1]), HiddenUnit(incoming: [1, 0.5, 0], outgoing: [1])]
        XCTAssertEqual(UnitClustering.mergeDuplicates(units, tolerance: 0.1).merged.count, 2)
        // Within the tolerance (0.05 of the largest entry 1) they do merge.
        let close = [HiddenUnit(incoming: [1, 0, 0], outgoing: [1]), HiddenUnit(incoming: [1, 0.04, 0], outgoing: [2])]
        XCTAssertEqual(UnitClustering.mergeDuplicates(close, tolerance: 0.05).merged.map(\.outgoing), [[3]])
    }

    /// Units: a = (1, −2 | 0.5) with c = 0.7, −a with c = 0.3, a saturated unit (0, 0 | 40) with c = 0.25
    /// (tanh(40) = 1 to double precision) and a cancelling pair (0.3, 0.8 | −0.1) with c = ±0.6.
    /// By hand the function is 0.4·tanh(x₁ − 2x₂ + 0.5) + (0.1 + 0.25) with one unit left.
    func testReductionFoldsSaturatedUnitsMergesTwinsAndDropsCancellingPairs() throws {
        let w1 = Matrix([[1, -2], [-1, 2], [0, 0], [0.3, 0.8], [-0.3, -0.8]])
        let net = try MLP(weights: [w1, Matrix([[0.7, 0.3, 0.25, 0.6, 0.6]])], biases: [[0.5, -0.5, 40, -0.1, 0.1], [0.1]],
                          activation: .tanh)
        var rng = SplitMix64(seed: 3)
        let inputs = Matrix(rows: 40, cols: 2, storage: (0..<80).map { _ in 4 * rng.nextUnit() - 2 })
        let (reduced, summary) = try UnitClustering.reduce(net, inputs: inputs)
        let one = try XCTUnwrap(reduced)
        XCTAssertEqual(one.widths, [2, 1, 1])
        XCTAssertEqual(summary, ClusteringSummary(merged: 2, dropped: 1, folded: 1))
        XCTAssertEqual(one.biases[1][0], 0.35, accuracy: 1e-15)
        // Sign-normalised: (−1, 2 | −0.5) with outgoing −0.4.
        XCTAssertEqual(one.weights[0].row(0), [-1, 2])
        XCTAssertEqual(one.biases[0][0], -0.5)
        XCTAssertEqual(one.weights[1][0, 0], -0.4, accuracy: 1e-15)
        for s in 0..<inputs.rows {
            let x = inputs.row(s)
            let byHand = 0.4 * Foundation.tanh(x[0] - 2 * x[1] + 0.5) + 0.35
            XCTAssertEqual(try one.forward(Matrix([x]))[0, 0], byHand, accuracy: 1e-14)
        }
    }

    func testAPairThatCancelsLeavesNoUnit() throws {
        let net = try MLP(weights: [Matrix([[0.3, 0.8], [-0.3, -0.8]]), Matrix([[0.6, 0.6]])], biases: [[-0.1, 0.1], [0.2]],
                          activation: .tanh)
        let inputs = Matrix([[0.5, -1], [1, 1], [-1.5, 0.2]])
        XCTAssertNil(try UnitClustering.reduce(net, inputs: inputs).net)
    }

    /// Net A has units a, b; net B has −a and c: three clusters, of which one (a) holds a unit of both.
    func testSharedClustersCountUnitsCommonToAllStudents() throws {
        let a = try MLP(weights: [Matrix([[1, 2], [0.5, -1]]), Matrix([[1, 1]])], biases: [[0.1, 0.3], [0]], activation: .tanh)
        let b = try MLP(weights: [Matrix([[-1, -2], [2, 0.1]]), Matrix([[1, 1]])], biases: [[-0.1, 0.7], [0]], activation: .tanh)
        let consensus = UnitClustering.sharedClusters([a, b], tolerance: 1e-9)
        XCTAssertEqual(consensus.clusters, 3)
        XCTAssertEqual(consensus.shared, 1)
    }
}
