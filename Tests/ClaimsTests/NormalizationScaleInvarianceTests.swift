import Networks
import XCTest
@testable import Claims

final class NormalizationScaleInvarianceTests: XCTestCase {
    /// Theory for widths (3,4,1): P = 3·4 + 2·4 + (4 + 1) = 25 for batch and layer norm (no pre-norm bias),
    /// 3·4 + 4 + 4 + 5 = 25 for weight norm. Deficits: one per unit (4) for batch and weight norm; for layer
    /// norm 1 (scale) + 3 (adding one vector to every row) = 4.
    func testRanksDropByThePredictedCounts() {
        let report = runNewKindCheck("normalization-scale-invariance")
        for mode in ["batch", "layer", "weight"] {
            XCTAssertEqual(intMetric(report, "\(mode)_parameters"), 25)
            XCTAssertEqual(intMetric(report, "\(mode)_rank"), 21, mode)
            XCTAssertLessThan(doubleMetric(report, "\(mode)_gradient_cosine") ?? 1, 1e-10)
        }
    }

    /// Deeper: (2,3,3,1) has P = 6 + 6 + 9 + 6 + 4 = 31 (batch/layer); batch deficit 6, layer deficit (1 + 2) + (1 + 3) = 7.
    func testDeeperNetworkCounts() {
        let report = runNewKindCheck("normalization-scale-invariance", CheckParameters(widths: [2, 3, 3, 1], seed: 1, samples: 60))
        XCTAssertEqual(intMetric(report, "batch_rank"), 31 - 6)
        XCTAssertEqual(intMetric(report, "layer_rank"), 31 - 7)
        XCTAssertEqual(intMetric(report, "weight_rank"), 31 - 6)
    }

    func testRefusesReLUAndTwoUnitLayers() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: "normalization-scale-invariance", overrides: CheckParameters(activation: .relu)).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: "normalization-scale-invariance", overrides: CheckParameters(widths: [3, 2, 1])).refusal)
    }
}
