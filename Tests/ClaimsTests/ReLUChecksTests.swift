import XCTest
@testable import Claims

final class ReLUChecksTests: XCTestCase {
    /// det_net((2,3,1), seed 1, 200): P = 13, H = 3, R_Γ = P − H = 10 ⇒ identifiable (science.md §7.6).
    func testLocalIdentifiabilityDefaultIsIdentifiable() {
        let report = ClaimRegistry.run(checkID: "relu-local-identifiability")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["parameters"], .int(13))
        XCTAssertEqual(report.metrics["hidden_neurons"], .int(3))
        XCTAssertEqual(report.metrics["rank"], .int(10))
        XCTAssertEqual(report.metrics["rank_activation"], .int(10))
        XCTAssertEqual(report.metrics["verdict"], .string("identifiable"))
        XCTAssertNotNil(report.metrics["min_preactivation"])
        XCTAssertNotNil(report.metrics["gap"])
        XCTAssertEqual(report.controls.count, 3)
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
    }

    /// Too few samples for C_S: n·nL = 5 < P − H = 10, so the verdict cannot be "identifiable".
    func testLocalIdentifiabilityWithFewSamplesIsNotIdentifiable() {
        let report = ClaimRegistry.run(checkID: "relu-local-identifiability", overrides: CheckParameters(samples: 5))
        XCTAssertNotEqual(report.metrics["verdict"], .string("identifiable"))
        XCTAssertNotEqual(report.status, .failed, "\(report)")
    }

    /// science.md §6.4: R_Γ = P − H for θ and θ′ (10 for (2,3,1), 5 for (1,2,1)); too few samples is
    /// not-applicable (issue 8: `--samples 3` used to fail); deeper widths are refused.
    func testLocalVsGlobalFlipConstruction() {
        let report = ClaimRegistry.run(checkID: "relu-local-vs-global")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .ints([10, 10]))
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
        let line = ClaimRegistry.run(checkID: "relu-local-vs-global", overrides: CheckParameters(widths: [1, 2, 1], samples: 100))
        XCTAssertEqual(line.metrics["rank"], .ints([5, 5]), "\(line)")
        let few = ClaimRegistry.run(checkID: "relu-local-vs-global", overrides: CheckParameters(samples: 3))
        XCTAssertEqual(few.status, .notApplicable, "\(few)")
        XCTAssertNotNil(ClaimRegistry.run(checkID: "relu-local-vs-global", overrides: CheckParameters(widths: [2, 3, 3, 1])).refusal)
    }

    /// |𝒫| for (2,3,1) = 2·3 + 3 + 1 = 10 (science.md §6.2); (2,3,3,1): 18 + 9 + 3 + 1 = 31.
    func testPathLiftingCounts() {
        let report = ClaimRegistry.run(checkID: "relu-path-lifting")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["path_count"], .int(10))
        let deep = ClaimRegistry.run(checkID: "relu-path-lifting", overrides: CheckParameters(widths: [2, 3, 3, 1]))
        XCTAssertEqual(deep.metrics["path_count"], .int(31))
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
    }

    /// (2,2,2,1): P = 6 + 6 + 3 = 15 for tanh; the controls on (2,2,1) lose exactly H = 2: exp and ReLU
    /// rank 9 − 2 = 7. The global refit never yields a non-equivalent zero-residual tanh fit, and the ReLU
    /// flip start does (science.md §6.4).
    func testTanhExhaustiveness() {
        let report = ClaimRegistry.run(checkID: "tanh-type-exhaustiveness", overrides: CheckParameters(widths: [2, 2, 2, 1], samples: 60))
        XCTAssertNotEqual(report.status, .failed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(15))
        XCTAssertEqual(report.metrics["rank_exp"], .int(7))
        XCTAssertEqual(report.metrics["rank_relu"], .int(7))
        XCTAssertEqual(report.metrics["refit_starts"], .int(40))
        XCTAssertTrue(report.controls.allSatisfy { $0.detected }, "\(report.controls)")
        XCTAssertNotNil(ClaimRegistry.run(checkID: "tanh-type-exhaustiveness", overrides: CheckParameters(activation: .relu)).refusal)
    }
}
