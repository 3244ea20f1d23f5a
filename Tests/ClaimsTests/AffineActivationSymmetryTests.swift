import Foundation
import TestSupport
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
        // Controls: logistic flip without bias correction, λ = 3 on tanh, and t³+t (rank ≤ 10 < 13).
        XCTAssertEqual(report.controls.count, 3)
        guard case .int(let cubic)? = report.metrics["t3+t_rank"] else { return XCTFail("t3+t_rank") }
        XCTAssertLessThanOrEqual(cubic, 10)
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

    /// Independent oracle: numpy redraws det_net((2,3,1), seed 1, 200) with SplitMix64, builds the batch
    /// Jacobian of a one-hidden-layer net by hand and takes numpy's default matrix_rank.
    func testRanksAgreeWithNumpy() throws {
        let script = """
        import numpy as np
        M = (1 << 64) - 1
        state = 1
        def unit():
            global state
            state = (state + 0x9E3779B97F4A7C15) & M
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            return ((z ^ (z >> 31)) >> 11) * 2.0 ** -53
        p = [2 * unit() - 1 for _ in range(13)]
        W1 = np.array(p[0:6]).reshape(3, 2); b1 = np.array(p[6:9]); W2 = np.array(p[9:12])
        X = np.array([4 * unit() - 2 for _ in range(400)]).reshape(200, 2)
        s = lambda t: 1 / (1 + np.exp(-t))
        acts = {"tanh": (np.tanh, lambda t: 1 - np.tanh(t) ** 2), "logistic": (s, lambda t: s(t) * (1 - s(t))),
                "softplus": (lambda t: np.log1p(np.exp(t)), s), "exp": (np.exp, np.exp),
                "relu": (lambda t: np.maximum(t, 0), lambda t: (t > 0) * 1.0)}
        out = []
        for name, (f, df) in acts.items():
            Z = X @ W1.T + b1
            D = df(Z) * W2
            J = np.hstack([(D[:, :, None] * X[:, None, :]).reshape(200, 6), D, f(Z), np.ones((200, 1))])
            out.append(f"{name}={np.linalg.matrix_rank(J)}")
        print(" ".join(out))
        """
        let output = try PythonOracle.run(script, modules: ["numpy"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let report = ClaimRegistry.run(checkID: id)
        for pair in output.split(separator: " ") {
            let parts = pair.split(separator: "=")
            XCTAssertEqual(parts.count, 2, output)
            guard parts.count == 2, let rank = Int(parts[1]) else { continue }
            XCTAssertEqual(report.metrics["\(parts[0])_rank"], .int(rank), String(pair))
        }
        XCTAssertEqual(output.split(separator: " ").count, 5, output)
    }
}
