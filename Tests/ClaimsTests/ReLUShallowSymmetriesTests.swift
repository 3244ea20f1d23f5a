import XCTest
@testable import Claims
import Networks

final class ReLUShallowSymmetriesTests: XCTestCase {
    private let id = "relu-shallow-symmetries"

    /// (2,4,1): 2⁴ − 1 = 15 subsets; the generic net admits no flip; the balanced net (Σ over units 0–2 of
    /// c_i w_i = 0) admits exactly that one subset, since the other 14 sums keep a non-zero c_i w_i.
    func testDefaultRun() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["subsets"], .int(15))
        XCTAssertEqual(report.metrics["special_predicted_flips"], .int(1))
        XCTAssertEqual(report.metrics["special_observed_flips"], .int(1))
        guard case .double(let error)? = report.metrics["max_prediction_error"] else { return XCTFail("missing") }
        XCTAssertLessThan(error, 1e-12)
        XCTAssertEqual(report.controls.count, 3)
        XCTAssertTrue(report.controls.allSatisfy(\.detected))
    }

    /// One input and two units: 3 subsets.
    func testSmallestShape() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [1, 2, 1]))
        XCTAssertNotEqual(report.status, .failed, "\(report)")
        XCTAssertEqual(report.metrics["subsets"], .int(3))
    }

    func testDeepOrMultiOutputNetsAreRefused() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 3, 3, 1])).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 3, 2])).refusal)
    }
}
