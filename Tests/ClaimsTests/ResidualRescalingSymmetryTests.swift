import Networks
import XCTest
@testable import Claims

final class ResidualRescalingSymmetryTests: XCTestCase {
    /// Theory for widths 4,3,3,3,3 (n₀ = 4, d = 3, two blocks of 3, readout 3):
    /// P = 3·4 + 3 + 2·(3·3 + 3 + 3·3) + 3·3 + 3 = 69; deficit d + Σ m_k = 3 + 6 = 9, rank 60; the plain-MLP
    /// count with H = d·(K + 1) + Σ m_k = 15 would give 54.
    func testDeficitCountsOneRescalingPerStreamCoordinate() {
        let report = runNewKindCheck("residual-rescaling-symmetry")
        XCTAssertEqual(intMetric(report, "parameters"), 69)
        XCTAssertEqual(intMetric(report, "predicted_deficit"), 9)
        XCTAssertEqual(intMetric(report, "rank"), 60)
        XCTAssertEqual(intMetric(report, "plain_mlp_rank_bound"), 54)
    }

    func testOneBlockAndSeveralSeeds() {
        for seed in UInt64(1)...4 {
            // 3,3,3,3: P = 12 + 21 + 12 = 45, deficit 6.
            let report = runNewKindCheck("residual-rescaling-symmetry", CheckParameters(widths: [3, 3, 3, 3], seed: seed))
            XCTAssertEqual(intMetric(report, "rank"), 45 - 6, "seed \(seed)")
        }
    }

    func testRefusesNarrowReadoutAndSmoothActivations() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: "residual-rescaling-symmetry", overrides: CheckParameters(widths: [3, 3, 3, 1])).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: "residual-rescaling-symmetry", overrides: CheckParameters(activation: .tanh)).refusal)
    }
}
