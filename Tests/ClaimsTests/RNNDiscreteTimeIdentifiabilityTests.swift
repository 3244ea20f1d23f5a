import TestSupport
import XCTest
@testable import Claims
import LinearAlgebra
import Networks

final class RNNDiscreteTimeIdentifiabilityTests: XCTestCase {
    private let id = "rnn-discrete-time-identifiability"

    /// (m, n, p) = (1, 3, 1): P = n + n² + nm + pn = 18; |G| = 2³·3! = 48; the linear model keeps n(m+p) = 6.
    func testDefaultRun() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["parameters"], .int(18))
        XCTAssertEqual(report.metrics["rank"], .int(18))
        XCTAssertEqual(report.metrics["group_order"], .int(48))
        XCTAssertEqual(report.metrics["linear_rank"], .int(6))
        XCTAssertEqual(report.controls.count, 3)
        XCTAssertTrue(report.controls.allSatisfy(\.detected))
    }

    func testNonOddActivationIsRefused() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .logistic)).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [1, 3, 3, 1])).refusal)
    }

    /// Independent oracle: Python simulates x⁺ = Dx + tanh(Ax + Bu), y = Cx and takes central differences;
    /// they must match the forward-mode Jacobian.
    func testJacobianMatchesPythonCentralDifferences() throws {
        var rng = SplitMix64(seed: 5)
        let (n, m, p) = (2, 1, 2)
        let count = DiagonalRecurrentNet.parameterCount(stateSize: n, inputSize: m, outputSize: p)
        let theta = (0..<count).map { _ in 2 * rng.nextUnit() - 1 }
        let net = try DiagonalRecurrentNet(stateSize: n, inputSize: m, outputSize: p, activation: .tanh, parameters: theta)
        let sequence = Matrix(rows: 5, cols: 1, storage: (0..<5).map { _ in 2 * rng.nextUnit() - 1 })
        let jacobian = try net.outputJacobian([sequence])
        let program = """
        import math
        theta, u, n, m, p = data["theta"], data["u"], data["n"], data["m"], data["p"]
        def outputs(th):
            D = th[:n]; A = th[n:n + n*n]; B = th[n + n*n:n + n*n + n*m]; C = th[n + n*n + n*m:]
            x = [0.0] * n; out = []
            for ut in u:
                z = [sum(A[i*n + j] * x[j] for j in range(n)) + sum(B[i*m + j] * ut[j] for j in range(m)) for i in range(n)]
                x = [D[i] * x[i] + math.tanh(z[i]) for i in range(n)]
                out += [sum(C[k*n + j] * x[j] for j in range(n)) for k in range(p)]
            return out
        h = 1e-6; cols = []
        for q in range(len(theta)):
            up = list(theta); up[q] += h; down = list(theta); down[q] -= h
            cols.append([(a - b) / (2 * h) for a, b in zip(outputs(up), outputs(down))])
        print(json.dumps([[cols[q][r] for q in range(len(theta))] for r in range(len(cols[0]))]))
        """
        let input: [String: Any] = ["theta": theta, "u": (0..<5).map { [sequence[$0, 0]] }, "n": n, "m": m, "p": p]
        guard let rows = try PythonOracle.json(program, input: input, modules: []) as? [[Double]] else { return XCTFail("no rows") }
        XCTAssertEqual(rows.count, jacobian.rows)
        for (r, row) in rows.enumerated() {
            for (q, value) in row.enumerated() { XCTAssertEqual(jacobian[r, q], value, accuracy: 1e-7, "row \(r) column \(q)") }
        }
    }
}
