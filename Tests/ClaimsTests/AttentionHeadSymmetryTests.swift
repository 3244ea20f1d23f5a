import Networks
import XCTest
@testable import Claims

final class AttentionHeadSymmetryTests: XCTestCase {
    /// Theory: the GL(d_k) × GL(d_v) action of each head is free for generic weights with d_k ≤ d and
    /// d_v ≤ min(d, d_out), so the deficit is Σ_h (d_k² + d_v²); without softmax one scale per head more.
    func testDeficitIsTheSumOfSquaredHeadWidths() {
        for (widths, heads, dk, dv) in [([4, 2, 2, 2, 4], 2, 2, 2), ([4, 1, 2, 2, 4], 1, 2, 2), ([5, 2, 3, 2, 3], 2, 3, 2)] {
            let report = runNewKindCheck("attention-head-symmetry", CheckParameters(widths: widths, seed: 3, samples: 12))
            let formula = heads * (dk * dk + dv * dv)
            XCTAssertEqual(intMetric(report, "predicted_deficit"), formula)
            XCTAssertEqual(intMetric(report, "deficit"), formula, "\(widths)")
            XCTAssertEqual(intMetric(report, "lightning_deficit"), formula + heads, "\(widths)")
            XCTAssertEqual(intMetric(report, "parameters"), heads * (2 * widths[0] * dk + widths[0] * dv + dv * widths[4]))
        }
    }

    func testDefaultRunPreservesOutputsAndDetectsTheWrongCompensation() {
        let report = runNewKindCheck("attention-head-symmetry")
        XCTAssertLessThan(doubleMetric(report, "gl_residual") ?? 1, 1e-11)
        XCTAssertGreaterThan(doubleMetric(report, "wrong_value_compensation_residual") ?? 0, 1e-6)
    }

    func testRefusesWidthsOutsideTheFormula() {
        let report = ClaimRegistry.run(checkID: "attention-head-symmetry", overrides: CheckParameters(widths: [2, 1, 3, 1, 2]))
        XCTAssertNotNil(report.refusal)
        let shape = ClaimRegistry.run(checkID: "attention-head-symmetry", overrides: CheckParameters(widths: [4, 2, 1]))
        XCTAssertNotNil(shape.refusal)
    }
}
