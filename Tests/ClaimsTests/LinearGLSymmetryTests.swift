import XCTest
@testable import Claims

final class LinearGLSymmetryTests: XCTestCase {
    /// Defaults (4,2,3) with biases, 20 samples: r = 2, 2·(4+3−2) + 3 = 13 (the network asked for);
    /// the two-factor product (A 4×2, B 2×3): h(d+k) − h² = 2·7 − 4 = 10, reported as product_rank.
    func testDefaultRunPassesWithTheoreticalRanks() {
        let report = ClaimRegistry.run(checkID: "linear-gl-symmetry")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(13))
        XCTAssertEqual(report.metrics["product_rank"], .int(10))
        XCTAssertFalse(report.controls.contains { $0.isMissed })
        XCTAssertTrue(report.controls.contains { $0.detected })
    }

    /// Saturation: h = 4 > min(d, k) = 2 for (3,4,2): product rank d·k = 6 ≠ h(d+k) − h² = 4 (the control);
    /// the network: r = 2, 2·(3+2−2) + 2 = 8.
    func testSaturatedRankIsDK() {
        let report = ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(widths: [3, 4, 2]))
        XCTAssertEqual(report.metrics["product_rank"], .int(6))
        XCTAssertEqual(report.metrics["rank"], .int(8))
        XCTAssertEqual(report.metrics["expected_rank"], .int(8))
        XCTAssertTrue(report.controls.first { $0.name.hasPrefix("h(d+k)") }?.detected ?? false)
    }

    /// Deep (2,4,4,2) with biases: r = 2, 2·(2+2−2) + 2 = 6 (science.md §1.1 bottleneck example, plus nL).
    /// With 2 samples the affine hull is a line: n′ = 1, r′ = 1, 1·(1+2−1) + 2 = 4 = n·nL.
    func testDeepLinearBottleneckAndFewSamples() {
        let report = ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(widths: [2, 4, 4, 2]))
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(6))
        let few = ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(widths: [2, 4, 4, 2], samples: 2))
        XCTAssertEqual(few.status, .passed, "\(few)")
        XCTAssertEqual(few.metrics["rank"], .int(4))
    }

    /// Observed in issue 8: these widths failed when h ≥ min(d, k), and tanh was silently ignored.
    func testObservedWidthsPassAndTanhIsRefused() {
        for widths in [[4, 3, 3], [4, 4, 3], [3, 3, 3, 3], [2, 4, 4, 2]] {
            let report = ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(widths: widths))
            XCTAssertEqual(report.status, .passed, "\(widths): \(report)")
        }
        let tanh = ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(activation: .tanh))
        XCTAssertNotNil(tanh.refusal)
        XCTAssertTrue(tanh.refusal?.contains("outside its scope") ?? false)
        XCTAssertNotNil(ClaimRegistry.run(checkID: "linear-gl-symmetry", overrides: CheckParameters(widths: [1, 1])).refusal)
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
