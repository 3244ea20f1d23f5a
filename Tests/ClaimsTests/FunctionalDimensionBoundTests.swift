import XCTest
@testable import Claims

final class FunctionalDimensionBoundTests: XCTestCase {
    /// (2,4,1): P = 4·3 + 5 = 17, H = 4, so the bound is 13 (science.md §8.4, P − H).
    func testDefaultRunAttainsPMinusHForShallowNet() {
        let report = ClaimRegistry.run(checkID: "functional-dimension-bound")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["expected_rank"], .int(13))
        XCTAssertEqual(report.metrics["rank"], .int(13))
        // (2,4,4,1): P = 12 + 20 + 5 = 37, H = 8 → bound 29; every deep rank respects it.
        XCTAssertEqual(report.metrics["deep_bound"], .int(29))
        if case .ints(let ranks)? = report.metrics["deep_ranks"] {
            XCTAssertEqual(ranks.count, 20)
            XCTAssertTrue(ranks.allSatisfy { $0 <= 29 })
        } else {
            XCTFail("deep_ranks missing")
        }
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
    }

    func testTanhIsRejectedAsActivation() {
        let report = ClaimRegistry.run(checkID: "functional-dimension-bound", overrides: CheckParameters(activation: .tanh))
        XCTAssertEqual(report.status, .error)
    }
}
