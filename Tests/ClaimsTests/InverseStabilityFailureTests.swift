import Networks
import Foundation
import XCTest
@testable import Claims

final class InverseStabilityFailureTests: XCTestCase {
    /// Theory: sup distance a_n = n^{−1/2}; every realising parameter has norm ≥ 2√(a_n n) = 2 n^{1/4}.
    func testDistancesFollowTheFormulas() {
        let report = runNewKindCheck("inverse-stability-failure")
        for (n, name) in [(100.0, "100"), (10_000.0, "10000"), (1_000_000.0, "1000000")] {
            XCTAssertEqual(doubleMetric(report, "sup_distance_n\(name)") ?? 0, 1 / n.squareRoot(), accuracy: 1e-9 / n.squareRoot())
            XCTAssertEqual(doubleMetric(report, "parameter_lower_bound_n\(name)") ?? 0, 2 * pow(n, 0.25), accuracy: 1e-9)
            XCTAssertGreaterThanOrEqual(doubleMetric(report, "balanced_norm_n\(name)") ?? 0, 2 * pow(n, 0.25))
        }
        XCTAssertLessThanOrEqual(doubleMetric(report, "affine_max_ratio") ?? 9, 5.0.squareRoot())
    }

    func testRefusesOtherArchitectures() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: "inverse-stability-failure", overrides: CheckParameters(widths: [2, 3, 1])).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: "inverse-stability-failure", overrides: CheckParameters(activation: .tanh)).refusal)
    }
}
