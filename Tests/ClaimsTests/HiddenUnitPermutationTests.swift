import XCTest
@testable import Claims
import Networks

final class HiddenUnitPermutationTests: XCTestCase {
    private let id = "hidden-unit-permutation"

    /// (2,3,1): S_3 has 3! = 6 elements and a generic draw has 3 distinct units, so the orbit has 6 points.
    func testDefaultRunHasGroupOrderSixAndDetectsControls() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["group_order"], .string("6"))
        XCTAssertEqual(report.metrics["orbit_size"], .int(6))
        XCTAssertEqual(report.metrics["elements_checked"], .int(6))
        // Both families are checked: tanh (given) and relu (second).
        XCTAssertEqual(report.metrics["second_activation"], .string("relu"))
        for key in ["residual_tanh", "residual_relu", "max_residual"] {
            guard case .double(let r)? = report.metrics[key] else { return XCTFail("\(key) missing") }
            XCTAssertLessThanOrEqual(r, 1e-13)
        }
        XCTAssertEqual(report.controls.count, 2)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected }, "\(report.controls)")
    }

    /// (2,4,1): 4! = 24; deep (2,3,3,1): 3!·3! = 36.
    func testOverriddenWidthsGiveFactorialOrders() {
        let wide = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 4, 1]))
        XCTAssertEqual(wide.status, .passed, "\(wide)")
        XCTAssertEqual(wide.metrics["group_order"], .string("24"))
        XCTAssertEqual(wide.metrics["orbit_size"], .int(24))
        let deep = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 3, 3, 1], activation: .relu))
        XCTAssertEqual(deep.status, .passed, "\(deep)")
        XCTAssertEqual(deep.metrics["group_order"], .string("36"))
        XCTAssertEqual(deep.metrics["orbit_size"], .int(36))
        XCTAssertEqual(deep.metrics["second_activation"], .string("tanh"))
    }

    /// (2,7,1): 7! = 5040 > 720, so 720 elements are sampled and the orbit is not enumerated.
    func testLargeGroupIsSampled() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 7, 1], samples: 10))
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["group_order"], .string("5040"))
        XCTAssertEqual(report.metrics["elements_checked"], .int(720))
        XCTAssertNil(report.metrics["orbit_size"])
    }

    /// No hidden layer with two units: there is nothing to permute.
    func testWidthsWithoutPermutableLayerAreAnError() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 1, 1]))
        // Width-1 hidden layers: the group is trivial (order 1), the row-only control cannot apply.
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["group_order"], .string("1"))
        XCTAssertNotNil(report.controls.first { $0.skipped != nil })
        let none = ClaimRegistry.run(checkID: "hidden-unit-permutation", overrides: CheckParameters(widths: [1, 1]))
        XCTAssertTrue(none.refusal?.contains("hidden layer") ?? false, "\(none)")
    }

    func testElementEnumerationCountsTheGroup() throws {
        let all = try HiddenLayerElements(widths: [2, 3, 1], signed: true, cap: 720, seed: 1)
        XCTAssertTrue(all.isWholeGroup)
        XCTAssertEqual(all.elements.count, 48)
        XCTAssertEqual(Set(all.elements).count, 48)
        let sampled = try HiddenLayerElements(widths: [2, 8, 1], signed: false, cap: 50, seed: 1)
        XCTAssertFalse(sampled.isWholeGroup)
        XCTAssertEqual(sampled.elements.count, 50)
        for element in sampled.elements {
            XCTAssertEqual(element[0].permutation.sorted(), Array(0..<8))
            XCTAssertFalse(element[0].flipped.contains(true))
        }
    }

    /// The registry lists the checks in the order of the claims issue (ids not yet written are skipped).
    func testRegistryFollowsTheIssueOrder() {
        let issueOrder = ["linear-gl-symmetry", "hidden-unit-permutation", "odd-activation-sign-flip",
                          "affine-activation-symmetry", "tanh-irreducible-uniqueness", "tanh-type-exhaustiveness",
                          "relu-positive-rescaling", "relu-path-lifting", "relu-local-identifiability",
                          "relu-local-vs-global", "rnn-function-determines-form", "cnn-channel-symmetry",
                          "functional-dimension-bound",
                          // breadth issue, claims 1-7 and 13
                          "relu-global-identifiability", "relu-shallow-symmetries", "relu-functional-dimension-generic",
                          "relu-reverse-engineering", "tanh-reducible-equivalence", "activation-independence-property",
                          "rnn-discrete-time-identifiability", "tanh-sign-permutation-orbit",
                          // breadth issue, claims 8-12
                          "normalization-scale-invariance", "attention-head-symmetry",
                          "residual-rescaling-symmetry", "polynomial-network-dimension", "inverse-stability-failure",
                          // breadth issue, claim 14
                          "extraction-expand-and-cluster"]
        let registered = ClaimRegistry.all.map(\.id)
        XCTAssertEqual(registered, issueOrder.filter { registered.contains($0) })
        XCTAssertEqual(Set(registered).count, registered.count)
    }
}
