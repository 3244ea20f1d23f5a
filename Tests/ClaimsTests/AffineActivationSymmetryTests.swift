import XCTest
@testable import Claims
import Networks

final class AffineActivationSymmetryTests: XCTestCase {
    private let id = "affine-activation-symmetry"

    /// (2,3,1): P = 3·3 + 4 = 13, H = 3. Finite symmetry groups (tanh, logistic, softplus) keep rank 13;
    /// continuous families (exp shift, ReLU rescaling) lose one rank per hidden unit: 10.
    func testDefaultRunGivesPForFiniteAndPMinusHForContinuousFamilies() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(13))
        XCTAssertEqual(report.metrics["expected_rank"], .int(13))
        for (family, rank) in [("tanh", 13), ("logistic", 13), ("softplus", 13), ("exp", 10), ("relu", 10)] {
            XCTAssertEqual(report.metrics["\(family)_rank"], .int(rank), family)
            XCTAssertEqual(report.metrics["\(family)_expected_rank"], .int(rank), family)
        }
        guard case .double(let residual)? = report.metrics["max_residual"] else { return XCTFail("max_residual missing") }
        XCTAssertLessThanOrEqual(residual, 1e-13)
        XCTAssertEqual(report.controls.count, 2)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected }, "\(report.controls)")
    }

    /// (2,4,1) with ReLU as the reported activation: P = 17, H = 4 → rank 13; tanh keeps 17.
    func testOverrideReportsTheGivenActivation() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 4, 1], activation: .relu))
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(13))
        XCTAssertEqual(report.metrics["expected_rank"], .int(13))
        XCTAssertEqual(report.metrics["tanh_rank"], .int(17))
        XCTAssertEqual(report.metrics["exp_rank"], .int(13))
    }

    /// Leaky ReLU joins the panel as another continuous family: (2,3,1) → 13 − 3 = 10.
    func testLeakyReLUIsAContinuousFamily() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .leakyReLU(alpha: 0.1)))
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(10))
    }

    /// Square and linear have larger symmetry groups of their own; the claim does not cover them.
    func testSquareAndLinearAreRejected() {
        for activation in [Activation.square, .linear] {
            let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: activation))
            XCTAssertEqual(report.status, .error, "\(activation)")
        }
    }
}
