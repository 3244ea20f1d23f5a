import XCTest
@testable import Claims
import Networks

final class TanhReducibleEquivalenceTests: XCTestCase {
    private let id = "tanh-reducible-equivalence"

    /// (2,3,1) base plus three redundant units: 6 hidden units reduce to the base's 3; the base has full rank
    /// P = 3·3 + 4 = 13.
    func testDefaultRun() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["hidden_units"], .int(6))
        XCTAssertEqual(report.metrics["reduced_hidden_units"], .int(3))
        XCTAssertEqual(report.metrics["irreducible_rank"], .int(13))
        XCTAssertEqual(report.metrics["variants"], .int(5))
        XCTAssertEqual(report.controls.count, 2)
        XCTAssertTrue(report.controls.allSatisfy(\.detected))
    }

    func testOtherShapesInScope() {
        for widths in [[1, 2, 1], [3, 4, 1], [2, 2, 2]] {
            let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: widths))
            XCTAssertNotEqual(report.status, .failed, "\(widths): \(report)")
            XCTAssertEqual(report.metrics["reduced_hidden_units"], .int(widths[1]))
        }
    }

    func testDeepNetsAndOtherActivationsAreRefused() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 3, 3, 1])).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .relu)).refusal)
    }
}
