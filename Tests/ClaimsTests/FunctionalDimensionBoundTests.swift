import XCTest
@testable import Claims

final class FunctionalDimensionBoundTests: XCTestCase {
    /// (2,4,4,1): P = 12 + 20 + 5 = 37, H = 8 → bound 29; its shallow shape (2,4,1): P = 17, H = 4 → 13
    /// (science.md §8.4, P − H).
    func testDefaultRunRespectsTheBoundAndTheShallowShapeAttainsIt() {
        let report = ClaimRegistry.run(checkID: "functional-dimension-bound")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["expected_rank"], .int(29))
        guard case .int(let rank)? = report.metrics["rank"] else { return XCTFail("rank") }
        XCTAssertLessThanOrEqual(rank, 29)
        XCTAssertEqual(report.metrics["shallow_expected_rank"], .int(13))
        XCTAssertEqual(report.metrics["shallow_rank"], .int(13))
        XCTAssertFalse(report.controls.contains { $0.isMissed })
    }

    /// Issue 8: seeds 2 and 8 drew a dead unit (now redrawn), `--samples 5` had no min(P − H, n·nL) cap.
    func testObservedSeedsAndFewSamples() {
        for seed: UInt64 in [2, 8] {
            let report = ClaimRegistry.run(checkID: "functional-dimension-bound", overrides: CheckParameters(seed: seed))
            XCTAssertEqual(report.status, .passed, "seed \(seed): \(report)")
        }
        let few = ClaimRegistry.run(checkID: "functional-dimension-bound", overrides: CheckParameters(samples: 5))
        XCTAssertNotEqual(few.status, .failed, "\(few)")
        XCTAssertEqual(few.metrics["expected_rank"], .int(5))
    }

    func testTanhIsRefused() {
        let report = ClaimRegistry.run(checkID: "functional-dimension-bound", overrides: CheckParameters(activation: .tanh))
        XCTAssertEqual(report.status, .error)
        XCTAssertNotNil(report.refusal)
    }
}
