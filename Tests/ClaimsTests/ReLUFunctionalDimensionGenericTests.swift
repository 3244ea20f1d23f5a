import TestSupport
import XCTest
@testable import Claims
import Networks

final class ReLUFunctionalDimensionGenericTests: XCTestCase {
    private let id = "relu-functional-dimension-generic"

    /// (2,3,2,1): P = 9 + 8 + 3 = 20, H = 5 → P − H = 15; (2,1,2,1): P = 10, H = 3 → 7.
    func testDefaultRun() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["expected_rank"], .int(15))
        XCTAssertEqual(report.metrics["rank"], .int(15))
        XCTAssertEqual(report.metrics["ranks_above_bound"], .int(0))
        XCTAssertEqual(report.metrics["narrow_bound"], .int(7))
        XCTAssertEqual(report.metrics["narrow_max_rank"], .int(7))
    }

    func testWidthOneLayersAreOutsideTheTheorem() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 1, 2, 1])).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [1, 3, 3, 1])).refusal)
    }

    /// Independent oracle for the control: numpy's own batch Jacobian of random (2,1,2,1) ReLU nets reaches
    /// rank 7 = P − H, so the width condition of the theorem is not necessary.
    func testNumpyFindsRankPMinusHForTheNarrowArchitecture() throws {
        let script = """
        import numpy as np
        widths = (2, 1, 2, 1)
        def jac(params, X):
            Ws, bs, o = [], [], 0
            for l in range(1, len(widths)):
                r, c = widths[l], widths[l - 1]
                Ws.append(params[o:o + r * c].reshape(r, c)); o += r * c
                bs.append(params[o:o + r]); o += r
            rows = []
            for x in X:
                hs, zs, h = [x], [], x
                for l, (W, b) in enumerate(zip(Ws, bs)):
                    z = W @ h + b; zs.append(z)
                    h = z if l == len(Ws) - 1 else np.maximum(z, 0); hs.append(h)
                d, g = np.ones(1), []
                for l in reversed(range(len(Ws))):
                    if l < len(Ws) - 1: d = d * (zs[l] > 0)
                    g = [np.outer(d, hs[l]).ravel(), d] + g
                    d = Ws[l].T @ d
                rows.append(np.concatenate(g))
            return np.array(rows)
        rng = np.random.default_rng(3)
        print(max(np.linalg.matrix_rank(jac(rng.uniform(-1, 1, 10), rng.uniform(-2, 2, (200, 2)))) for _ in range(40)))
        """
        let rank = Int(try PythonOracle.run(script, modules: ["numpy"]).trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(rank, 7)
    }
}
