import XCTest
@testable import Claims
import Networks

final class ReLUPositiveRescalingTests: XCTestCase {
    private let id = "relu-positive-rescaling"

    /// (2,3,1): P = 13, H = 3, so a generic shallow ReLU net has rank P − H = 10 and 3 independent tangents.
    func testDefaultRunHasRankPMinusH() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(10))
        XCTAssertEqual(report.metrics["expected_rank"], .int(10))
        XCTAssertEqual(report.metrics["tangent_rank"], .int(3))
        for (key, bound) in [("max_residual", 1e-13), ("kernel_residual", 1e-12)] {
            guard case .double(let value)? = report.metrics[key] else { return XCTFail("\(key) missing") }
            XCTAssertLessThanOrEqual(value, bound, key)
        }
        XCTAssertEqual(report.controls.count, 2)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected }, "\(report.controls)")
    }

    /// (2,4,1) leaky ReLU: P = 17, H = 4 → 13.
    func testOverrideGivesTheoreticalRank() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 4, 1], activation: .leakyReLU(alpha: 0.2)))
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(13))
        XCTAssertEqual(report.metrics["expected_rank"], .int(13))
        XCTAssertEqual(report.metrics["tangent_rank"], .int(4))
    }

    /// Deep (2,4,4,1): P = 37, H = 8; only the bound rank ≤ 29 is claimed.
    func testDeepNetRespectsTheBound() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 4, 4, 1]))
        XCTAssertNotEqual(report.status, .failed, "\(report)")
        XCTAssertEqual(report.metrics["expected_rank"], .int(29))
        guard case .int(let rank)? = report.metrics["rank"] else { return XCTFail("rank missing") }
        XCTAssertLessThanOrEqual(rank, 29)
    }

    func testTanhIsRejected() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .tanh))
        XCTAssertEqual(report.status, .error)
        XCTAssertTrue(report.error?.contains("positively homogeneous") ?? false, "\(report.error ?? "")")
    }
}
