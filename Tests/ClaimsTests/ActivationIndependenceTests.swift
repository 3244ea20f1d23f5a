import TestSupport
import XCTest
@testable import Claims
import Networks

final class ActivationIndependenceTests: XCTestCase {
    private let id = "activation-independence-property"

    /// 6 functions plus the constant: rank 7 for tanh; a cubic spans polynomials of degree ≤ 3: rank 4; a pair
    /// replaced by its symmetric image leaves 6 independent functions.
    func testDefaultRun() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(7))
        XCTAssertEqual(report.metrics["cubic_rank"], .int(4))
        XCTAssertEqual(report.metrics["symmetric_pair_rank"], .int(6))
        XCTAssertEqual(report.controls.count, 2)
        XCTAssertTrue(report.controls.allSatisfy(\.detected))
    }

    func testArctanAndLogisticPassWithEightFunctions() {
        for activation in [Activation.arctan, .logistic] {
            let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [1, 8, 1], activation: activation))
            XCTAssertNotEqual(report.status, .failed, "\(activation): \(report)")
            XCTAssertEqual(report.metrics["cubic_rank"], .int(4))
        }
    }

    func testOutOfScopeParametersAreRefused() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .relu)).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [1, 3, 1])).refusal)
    }

    /// Independent oracle: numpy's matrix_rank of tanh(a t + b) for fixed, hand-picked pairs plus the constant,
    /// and of the same pairs under t ↦ t³ + t.
    func testNumpyAgreesOnTheDimensionsOfBothFamilies() throws {
        let script = """
        import numpy as np
        t = np.linspace(-5, 5, 401)
        pairs = [(1.0, 0.0), (0.6, 0.9), (-1.3, 0.4), (1.8, -1.1), (0.4, -1.6), (-0.8, -0.7)]
        for f in (np.tanh, lambda z: z**3 + z):
            M = np.column_stack([f(a * t + b) for a, b in pairs] + [np.ones_like(t)])
            print(np.linalg.matrix_rank(M))
        """
        let ranks = try PythonOracle.run(script, modules: ["numpy"]).split(separator: "\n").compactMap { Int($0) }
        XCTAssertEqual(ranks, [7, 4])
    }
}
