import LinearAlgebra
import TestSupport
import XCTest
@testable import Networks

/// R_Γ against NumPy: an independent Python implementation of SplitMix64, det_net, the ReLU batch Jacobian
/// (its own backpropagation) and numpy.linalg.matrix_rank (science.md §0.3 items 1, 2, 5).
final class ReLUNumPyCrossCheckTests: XCTestCase {
    private static let script = """
    import numpy as np
    M = (1 << 64) - 1
    def stream(seed):
        s = seed
        while True:
            s = (s + 0x9E3779B97F4A7C15) & M
            z = s
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            yield ((z ^ (z >> 31)) >> 11) * 2.0 ** -53
    def det_net(widths, seed, n):
        g = stream(seed); layers = []
        for a, b in zip(widths[:-1], widths[1:]):
            W = np.array([2 * next(g) - 1 for _ in range(a * b)]).reshape(b, a)
            c = np.array([2 * next(g) - 1 for _ in range(b)])
            layers.append((W, c))
        X = np.array([4 * next(g) - 2 for _ in range(n * widths[0])]).reshape(n, widths[0])
        return layers, X
    def jacobian(layers, X):
        rows = []
        for x in X:
            hs, masks = [x], []
            for W, c in layers[:-1]:
                z = W @ hs[-1] + c
                masks.append((z > 0).astype(float)); hs.append(np.maximum(z, 0))
            for k in range(layers[-1][0].shape[0]):
                d = np.zeros(layers[-1][0].shape[0]); d[k] = 1.0
                blocks = []
                for l in range(len(layers) - 1, -1, -1):
                    blocks.append(np.concatenate([np.outer(d, hs[l]).ravel(), d]))
                    if l > 0: d = (layers[l][0].T @ d) * masks[l - 1]
                rows.append(np.concatenate(blocks[::-1]))
        return np.array(rows)
    for widths, seed, n in CASES:
        layers, X = det_net(widths, seed, n)
        print(np.linalg.matrix_rank(jacobian(layers, X)))
    """

    func testJacobianRankAgreesWithNumPy() throws {
        let cases: [([Int], UInt64, Int)] = [
            ([2, 3, 1], 1, 200), ([2, 3, 1], 1, 5), ([2, 5, 1], 7, 9), ([2, 3, 3, 1], 2, 100), ([3, 3, 3, 2], 3, 60),
        ]
        let literal = cases.map { "(\($0.0), \($0.1), \($0.2))" }.joined(separator: ", ")
        let output = try PythonOracle.run("CASES = [\(literal)]\n" + Self.script, modules: ["numpy"])
        let numpyRanks = output.split(separator: "\n").compactMap { Int($0) }
        XCTAssertEqual(numpyRanks.count, cases.count, "python printed: \(output)")
        for (index, (widths, seed, n)) in cases.enumerated() where index < numpyRanks.count {
            let draw = try detNet(widths: widths, activation: .relu, seed: seed, samples: n)
            let report = try draw.network.localIdentifiability(inputs: draw.inputs)
            XCTAssertEqual(report.rGamma, numpyRanks[index], "\(widths) seed \(seed) n \(n)")
            XCTAssertLessThanOrEqual(report.rGamma, report.rankBound)
        }
        XCTAssertEqual(numpyRanks.first, 10, "det_net((2,3,1), 1, 200) has R_Γ = P − H = 10 (science.md §7.6)")
    }
}
