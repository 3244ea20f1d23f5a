import XCTest
@testable import Claims

final class TanhIrreducibleUniquenessTests: XCTestCase {
    private let id = "tanh-irreducible-uniqueness"

    /// (2,3,1): P = 13, orbit 2³·3! = 48. Reducible variants of unit 3 (science.md §4.1), by hand:
    /// twin (w₃,b₃) = −(w₁,b₁): ∂f/∂(w₃,b₃) ∥ ∂f/∂(w₁,b₁) and ∂f/∂c₃ ∥ ∂f/∂c₁, so the rank is that of the
    /// reduced (2,2,1) net, 9; constant unit (w₃ = 0): ∂f/∂b₃, ∂f/∂c₃ and the output bias are all constant,
    /// 13 − 2 = 11; zero outgoing weight (c₃ = 0): ∂f/∂w₃ and ∂f/∂b₃ vanish, 13 − 3 = 10.
    func testDefaultRunMatchesHandComputedRanks() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(13))
        XCTAssertEqual(report.metrics["group_order"], .string("48"))
        XCTAssertEqual(report.metrics["twin_rank"], .int(9))
        XCTAssertEqual(report.metrics["constant_unit_rank"], .int(11))
        XCTAssertEqual(report.metrics["zero_outgoing_rank"], .int(10))
        for kind in ["twin", "constant_unit", "zero_outgoing"] {
            XCTAssertEqual(report.metrics["\(kind)_reduced_hidden"], .int(2), kind)
            XCTAssertEqual(report.metrics["\(kind)_reduced_rank"], .int(9), kind)
            guard case .double(let r)? = report.metrics["\(kind)_reduction_residual"] else { return XCTFail(kind) }
            XCTAssertLessThanOrEqual(r, 1e-12)
        }
        guard case .double(let spread)? = report.metrics["canonical_spread"] else { return XCTFail("canonical_spread") }
        XCTAssertLessThanOrEqual(spread, 1e-12)
        XCTAssertEqual(report.controls.count, 4)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected }, "\(report.controls)")
        // Global: every zero-residual refit is a signed permutation of the target (canonical distance tiny).
        guard case .int(let zero)? = report.metrics["refit_zero_residual"], case .int(let equivalent)? = report.metrics["refit_equivalent"],
              case .double(let distance)? = report.metrics["refit_max_canonical_distance"] else { return XCTFail("refit metrics") }
        XCTAssertGreaterThan(zero, 0)
        XCTAssertEqual(equivalent, zero)
        XCTAssertLessThanOrEqual(distance, 1e-5)
    }

    /// Issue 8: `--samples 10` (n·nL < P = 13) failed; the full-rank equality is then not asserted.
    func testFewSamplesDoNotFail() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(samples: 10))
        XCTAssertNotEqual(report.status, .failed, "\(report)")
        XCTAssertEqual(report.metrics["rank_asserted"], .bool(false))
    }

    /// (2,4,1): P = 17, orbit 2⁴·4! = 384; twin → reduced (2,3,1) rank 13, constant 15, zero outgoing 14.
    func testWiderLayerGivesTheoreticalNumbers() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 4, 1], samples: 60))
        XCTAssertNotEqual(report.status, .failed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(17))
        XCTAssertEqual(report.metrics["group_order"], .string("384"))
        XCTAssertEqual(report.metrics["twin_rank"], .int(13))
        XCTAssertEqual(report.metrics["constant_unit_rank"], .int(15))
        XCTAssertEqual(report.metrics["zero_outgoing_rank"], .int(14))
        XCTAssertEqual(report.metrics["twin_reduced_rank"], .int(13))
    }

    func testNonTanhOrDeepNetsAreRejected() {
        let logistic = ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .logistic))
        XCTAssertEqual(logistic.status, .error)
        XCTAssertNotNil(logistic.refusal)
        let deep = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 3, 3, 1]))
        XCTAssertEqual(deep.status, .error)
        XCTAssertTrue(deep.error?.contains("one hidden layer") ?? false, "\(deep.error ?? "")")
    }
}
