import XCTest
@testable import Claims
import Networks

final class ReLUGlobalIdentifiabilityTests: XCTestCase {
    private let id = "relu-global-identifiability"

    /// (2,2,1): every refit that matches on both samples is equivalent; the (2,3,1) flip pair has canonical
    /// distance 2 (units ±(1,0,0.3) etc. normalised to ∞-norm 1 differ by 2 in some entry).
    func testDefaultRun() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertNotEqual(report.status, .failed, "\(report)")
        XCTAssertEqual(report.metrics["inequivalent_fits"], .int(0))
        XCTAssertEqual(report.metrics["flip_canonical_distance"], .double(2))
        XCTAssertEqual(report.controls.count, 2)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected && ($0.margin ?? 0) > 1 }, "\(report.controls)")
    }

    func testIncreasingWidthsAreRefused() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 3, 1]))
        XCTAssertEqual(report.status, .error)
        XCTAssertNotNil(report.refusal)
    }
}
