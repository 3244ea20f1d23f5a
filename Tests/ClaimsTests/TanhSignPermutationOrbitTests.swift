import TestSupport
import XCTest
@testable import Claims
import Networks

final class TanhSignPermutationOrbitTests: XCTestCase {
    private let id = "tanh-sign-permutation-orbit"

    /// (2,2,3,1): |G| = (2²·2!)(2³·3!) = 8·48 = 384; the (1,2,2,1) construction has |G| = 64 and, with the
    /// simultaneous swap of both layers fixing θ, an orbit of 32; a whole-unit twin halves 384 to 192.
    func testDefaultRunCountsFullOrbitAndDetectsBothControls() {
        let report = ClaimRegistry.run(checkID: id)
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["group_order"], .int(384))
        XCTAssertEqual(report.metrics["orbit_size"], .int(384))
        XCTAssertEqual(report.metrics["construction_group_order"], .int(64))
        XCTAssertEqual(report.metrics["construction_orbit_size"], .int(32))
        XCTAssertEqual(report.metrics["construction_identical_unit_pairs"], .int(0))
        XCTAssertEqual(report.metrics["twin_orbit_size"], .int(192))
        XCTAssertTrue(report.controls.allSatisfy { $0.detected && $0.refutes != nil }, "\(report.controls)")
    }

    func testNonOddActivationAndHugeGroupsAreRefused() {
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(activation: .logistic)).refusal)
        XCTAssertNotNil(ClaimRegistry.run(checkID: id, overrides: CheckParameters(widths: [2, 6, 1])).refusal)
    }

    /// Independent oracle: Python enumerates the signed-permutation group of the (1,2,2,1) construction and
    /// counts distinct parameter vectors.
    func testConstructionOrbitMatchesPython() throws {
        let net = try TanhSignPermutationOrbitCheck.construction()
        let program = """
        import itertools
        W1, b1, W2, b2, W3, b3 = data
        elements = [(p, s) for p in itertools.permutations(range(2)) for s in itertools.product([1, -1], repeat=2)]
        points = set()
        for (p1, s1) in elements:
            for (p2, s2) in elements:
                nW1 = [[s1[i] * W1[p1[i]][0]] for i in range(2)]
                nb1 = [s1[i] * b1[p1[i]] for i in range(2)]
                nW2 = [[s2[i] * W2[p2[i]][p1[j]] * s1[j] for j in range(2)] for i in range(2)]
                nb2 = [s2[i] * b2[p2[i]] for i in range(2)]
                nW3 = [[W3[0][p2[j]] * s2[j] for j in range(2)]]
                points.add(tuple(sum(nW1, []) + nb1 + sum(nW2, []) + nb2 + sum(nW3, []) + b3))
        print(json.dumps(len(points)))
        """
        let input: [Any] = [(0..<2).map { net.weights[0].row($0) }, net.biases[0],
                            (0..<2).map { net.weights[1].row($0) }, net.biases[1],
                            [net.weights[2].row(0)], net.biases[2]]
        let count = try PythonOracle.json(program, input: input, modules: []) as? Int
        XCTAssertEqual(count, 32)
        XCTAssertEqual(try net.orbit(under: .signedPermutations).points.count, count)
    }
}
