import XCTest
@testable import Claims

final class LinearGLSymmetryTests: XCTestCase {
    /// Defaults (4,2,3): rank h(d+k) − h² = 2·7 − 4 = 10; deep (4,2,3) with biases: 2·(4+3−2) + 3 = 13.
    func testDefaultRunPassesWithTheoreticalRanks() {
        let report = ClaimRegistry.run(checkID: "linear-gl-symmetry")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(10))
        XCTAssertEqual(report.metrics["deep_rank"], .int(13))
        XCTAssertEqual(report.controls.count, 2)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
    }

    /// Saturation: h = 4 > min(d, k) = 2 for (3,4,2) gives rank d·k = 6.
    func testSaturatedRankIsDK() {
        let report = ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(widths: [3, 4, 2]))
        XCTAssertEqual(report.metrics["rank"], .int(6))
        XCTAssertEqual(report.metrics["expected_rank"], .int(6))
    }

    /// Deep (2,4,4,2) with biases: r = 2, 2·(2+2−2) + 2 = 6 (science.md §1.1 bottleneck example, plus nL).
    func testDeepLinearBottleneck() {
        let report = ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(widths: [2, 4, 4, 2]))
        XCTAssertEqual(report.metrics["deep_rank"], .int(6))
    }

    func testUnknownCheckIsAnErrorReport() {
        let report = ClaimRegistry.run(checkID: "no-such-check")
        XCTAssertEqual(report.status, .error)
        XCTAssertNotNil(report.error)
    }

    func testWidthsParsingRejectsZeros() {
        XCTAssertThrowsError(try CheckParameters.parseWidths("2,0,1"))
        XCTAssertThrowsError(try CheckParameters.parseWidths("2,,1"))
        XCTAssertEqual(try CheckParameters.parseWidths("2, 3,1"), [2, 3, 1])
    }
}
