import XCTest
@testable import Claims

final class OddActivationSignFlipTests: XCTestCase {
    private let id = "odd-activation-sign-flip"

    /// (2,3,1) tanh: 2³·3! = 48 signed permutations, a free orbit of 48 points. The twin unit 3 = −unit 1 is
    /// fixed exactly by {identity, swap 1↔3 with both flipped}, so its orbit has 48 / 2 = 24 points.
    func testDefaultRunHasOrbit48AndDetectsControls() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["group_order"], .string("48"))
        XCTAssertEqual(report.metrics["orbit_size"], .int(48))
        XCTAssertEqual(report.metrics["twin_orbit_size"], .int(24))
        XCTAssertEqual(report.metrics["twin_d_min"], .double(0))
        guard case .double(let dMin)? = report.metrics["d_min"], case .double(let residual)? = report.metrics["max_residual"] else {
            return XCTFail("d_min or max_residual missing")
        }
        XCTAssertGreaterThan(dMin, 0)
        XCTAssertLessThanOrEqual(residual, 1e-13)
        XCTAssertEqual(report.controls.count, 3)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected }, "\(report.controls)")
    }

    /// (2,4,1): 2⁴·4! = 384, twin orbit 384 / 2 = 192.
    func testWiderLayerGives384() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 4, 1], samples: 50))
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["group_order"], .string("384"))
        XCTAssertEqual(report.metrics["orbit_size"], .int(384))
        XCTAssertEqual(report.metrics["twin_orbit_size"], .int(192))
    }

    /// (2,5,1): 2⁵·5! = 3840 is sampled; the twin control then uses the fixing element directly.
    func testLargeGroupIsSampledWithControlsDetected() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 5, 1], samples: 10))
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["group_order"], .string("3840"))
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
    }

    func testReLUIsRejected() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .relu))
        XCTAssertEqual(report.status, .error)
        XCTAssertTrue(report.refusal?.contains("outside its scope") ?? false, "\(report.error ?? "")")
    }
}
