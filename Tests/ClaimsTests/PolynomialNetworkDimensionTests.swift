import Networks
import XCTest
@testable import Claims

final class PolynomialNetworkDimensionTests: XCTestCase {
    /// Theory: min(P − H, d_L · C(d₀ + D − 1, D)) with D = r^{L−1}.
    /// (3,3,1) t³: P − H = 12 − 3 = 9, C(5,3) = 10 → 9. (2,3,2) t³: 12 − 3 = 9, 2·C(4,3) = 8 → 8.
    /// (3,4,2) t²: 20 − 4 = 16, 2·C(4,2) = 12 → 12. (2,2,2,1) t²: 10 − 4 = 6, C(5,4) = 5 → 5.
    /// The quadratic (3,2,1) control: Σ c_i (w_i·x)² is a symmetric 3×3 matrix of rank ≤ 2, a variety of
    /// dimension 2·3 − C(2,2) = 5.
    func testRanksMatchTheExpectedDimension() {
        for (widths, activation, expected) in [([3, 3, 1], Activation.cube, 9), ([2, 3, 2], .cube, 8), ([3, 4, 2], .square, 12), ([2, 2, 2, 1], .square, 5)] {
            let report = runNewKindCheck("polynomial-network-dimension", CheckParameters(widths: widths, activation: activation, seed: 1))
            XCTAssertEqual(intMetric(report, "expected_dimension"), expected, "\(widths)")
            XCTAssertEqual(intMetric(report, "rank"), expected, "\(widths)")
            XCTAssertEqual(intMetric(report, "quadratic_321_rank"), 5)
        }
    }

    func testRefusesNonMonomialActivations() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: "polynomial-network-dimension", overrides: CheckParameters(activation: .tanh)).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: "polynomial-network-dimension", overrides: CheckParameters(activation: .cubicPlusLinear)).refusal)
    }
}
