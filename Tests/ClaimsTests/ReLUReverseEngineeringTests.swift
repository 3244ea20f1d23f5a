import TestSupport
import XCTest
@testable import Claims
import LinearAlgebra
import Networks

final class ReLUReverseEngineeringTests: XCTestCase {
    private let id = "relu-reverse-engineering"

    func testDefaultRunRecoversTheNetToTwentyBits() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["hyperplanes_found"], .int(4))
        XCTAssertEqual(report.metrics["twin_hyperplanes_found"], .int(3))
        guard case .double(let bits)? = report.metrics["bits"] else { return XCTFail("bits missing") }
        XCTAssertGreaterThanOrEqual(bits, 20)
    }

    func testSingleUnitNetSkipsTheTwinControl() {
        let report = ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 1, 1]))
        XCTAssertNotEqual(report.status, .failed, "\(report)")
        XCTAssertTrue(report.controls.allSatisfy { $0.skipped != nil }, "\(report.controls)")
    }

    /// Independent oracle: numpy normalises the rows (w_i, b_i)/‖w_i‖ of a hand-written net and fixes their
    /// sign; KinkRecovery, which only queries f, must find the same hyperplanes.
    func testKinkRecoveryFindsNumpysNormalisedHyperplanes() throws {
        let w = [[1.0, 0.5], [-0.3, 1.2], [0.8, -0.9]], b = [0.2, -0.4, 0.1]
        let net = try MLP(weights: [Matrix(w), Matrix([[1.0, -0.7, 0.6]])], biases: [b, [0.05]], activation: .relu)
        var recovery = KinkRecovery(dimension: 2, radius: 2, seed: 11) { x in net.trace(x).post[net.depth][0] }
        let found = recovery.recover(lines: 24).sorted { $0.offset < $1.offset }
        let program = """
        import numpy as np
        W, b = np.array(data["w"]), np.array(data["b"])
        rows = []
        for wi, bi in zip(W, b):
            v = np.append(wi, bi) / np.linalg.norm(wi)
            lead = v[np.nonzero(np.abs(v) > 1e-9)[0][0]]
            rows.append((v * np.sign(lead)).tolist())
        print(json.dumps(sorted(rows, key=lambda r: r[-1])))
        """
        guard let expected = try PythonOracle.json(program, input: ["w": w, "b": b], modules: ["numpy"]) as? [[Double]] else {
            return XCTFail("no rows")
        }
        XCTAssertEqual(found.count, 3)
        for (plane, row) in zip(found, expected) {
            for (a, e) in zip(plane.normal + [plane.offset], row) { XCTAssertEqual(a, e, accuracy: 1e-7) }
        }
    }
}
