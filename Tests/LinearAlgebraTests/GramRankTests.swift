import Foundation
import XCTest
@testable import LinearAlgebra

/// The pivoted Gram route (`.gramPivotedCholesky`) against numpy.linalg.matrix_rank. NumPy builds each
/// matrix (U·diag(s)·Vᵀ with orthonormal U, V from QR of Gaussian matrices, or with zero and duplicate
/// columns) and reports its rank and singular values; the expected values are NumPy's, not ours.
final class GramRankTests: XCTestCase {
    /// One case: shape, spectrum recipe and seed, built by `generator` in NumPy.
    private struct Case {
        var rows: Int, cols: Int, kind: String, seed: Int
        var json: [String: Any] { ["rows": rows, "cols": cols, "kind": kind, "seed": seed] }
    }

    /// Spectra, with s₁ = 1 and NumPy's tolerance t = max(m, n)·ε·s₁:
    /// - `deficient`: r = 3/4 of the smaller side, σ log-spaced from 1 to 1e-3, the rest exactly 0;
    /// - `kappa1e10`: full rank, σ log-spaced from 1 to 1e-10 (no gap; σ_min far above t);
    /// - `nearThreshold`: σ_r = 1000·t and σ_{r+1} = 0.01·t (a clean gap just above the tolerance);
    /// - `clustered`: σ_r = 2·t, σ_{r+1} = 0.5·t (ambiguous for any fast bound);
    /// - `zeroAndDuplicate`: Gaussian columns (rows when wide), every 7th zero and every 5th a copy of another.
    private static let generator = """
        out = []
        for c in data:
            m, n, kind = c["rows"], c["cols"], c["kind"]
            rng = np.random.default_rng(c["seed"])
            k = min(m, n)
            t = max(m, n) * np.finfo(float).eps
            if kind == "zeroAndDuplicate":  # on the columns of the tall orientation
                a = rng.standard_normal((max(m, n), k))
                for j in range(k):
                    if j % 7 == 3: a[:, j] = 0
                    elif j % 5 == 4: a[:, j] = a[:, (j * 3) % (j - 1)]
                if m < n: a = a.T
            else:
                r = 3 * k // 4
                if kind == "deficient": s = np.concatenate([np.logspace(0, -3, r), np.zeros(k - r)])
                elif kind == "kappa1e10": s = np.logspace(0, -10, k)
                elif kind == "nearThreshold": s = np.concatenate([np.logspace(0, -3, r - 1), [1000 * t], np.full(k - r, 0.01 * t)])
                else: s = np.concatenate([np.logspace(0, -3, r - 1), [2 * t], np.full(k - r, 0.5 * t)])
                u = np.linalg.qr(rng.standard_normal((m, k)))[0]
                v = np.linalg.qr(rng.standard_normal((n, k)))[0]
                a = (u * s) @ v.T
            out.append({"matrix": a.tolist(), "rank": int(np.linalg.matrix_rank(a)),
                        "sigma": np.linalg.svd(a, compute_uv=False).tolist()})
        print(json.dumps(out))
        """

    /// NumPy's matrices, ranks and singular values for the cases.
    private func numpy(_ cases: [Case]) throws -> [(matrix: Matrix, rank: Int, sigma: [Double])] {
        let results = try XCTUnwrap(NumPyOracle.run(Self.generator, input: cases.map(\.json)) as? [[String: Any]])
        return try zip(cases, results).map { c, result in
            let rows = try XCTUnwrap(result["matrix"] as? [[Any]])
            let storage = rows.flatMap(NumPyOracle.doubles)
            XCTAssertEqual(storage.count, c.rows * c.cols)
            return (Matrix(rows: c.rows, cols: c.cols, storage: storage), try XCTUnwrap(result["rank"] as? Int),
                    NumPyOracle.doubles(result["sigma"] ?? []))
        }
    }

    /// Rank-deficient (exact zeros in the spectrum, zero and duplicate columns) and full-rank square-ish
    /// matrices, tall and wide: the Gram route is taken, gives NumPy's rank, and its two numbers are valid
    /// bounds on NumPy's singular values with the margins to the tolerance.
    func testCertifiesDeficientAndFullRanksAsNumPy() throws {
        let cases = [Case(rows: 240, cols: 120, kind: "deficient", seed: 1),
                     Case(rows: 120, cols: 240, kind: "deficient", seed: 2),
                     Case(rows: 150, cols: 130, kind: "deficient", seed: 3),
                     Case(rows: 200, cols: 90, kind: "zeroAndDuplicate", seed: 4),
                     Case(rows: 90, cols: 200, kind: "zeroAndDuplicate", seed: 5)]
        let full = randomMatrix(150, 120, seed: 6)  // long < 2·short: the full-rank Cholesky is not tried first
        let fullRank = try NumPyOracle.run("print(int(np.linalg.matrix_rank(np.array(data))))",
                                           input: NumPyOracle.rows(full)) as? Int
        XCTAssertEqual(fullRank, 120)
        for (c, expected) in zip(cases, try numpy(cases)) {
            let fast = try fastNumericalRank(expected.matrix, minimumFastSize: 8)
            XCTAssertEqual(fast.method, .gramPivotedCholesky, "\(c.kind) \(c.rows)×\(c.cols)")
            XCTAssertEqual(fast.rank, expected.rank, "\(c.kind) \(c.rows)×\(c.cols)")
            XCTAssertLessThan(expected.rank, min(c.rows, c.cols), "the case is deficient")
            guard expected.rank < expected.sigma.count else { continue }
            // σ_{r+1} ≤ sigmaNext ≤ tolerance/4: a bound, up to rounding errors of the tolerance's size (here
            // σ_{r+1} is rounding noise, and NumPy's value of it errs by as much); sigmaLast ≥ 100·tolerance
            // and ≤ σ_r (up to the inverse iteration's overestimate of σ_min(A_S) ≤ σ_r).
            XCTAssertGreaterThanOrEqual(fast.sigmaNext, expected.sigma[expected.rank] - fast.tolerance)
            XCTAssertLessThanOrEqual(fast.sigmaNext, fast.tolerance / 4)
            XCTAssertGreaterThanOrEqual(fast.sigmaLast, 100 * fast.tolerance)
            XCTAssertLessThanOrEqual(fast.sigmaLast, expected.sigma[expected.rank - 1] * 1.05)
            XCTAssertEqual(fast.tolerance, expected.sigma[0] * Double(max(c.rows, c.cols)) * .ulpOfOne,
                           accuracy: 1e-3 * fast.tolerance)
        }
        let fast = try fastNumericalRank(full, minimumFastSize: 8)
        XCTAssertEqual(fast.method, .gramPivotedCholesky)
        XCTAssertEqual(fast.rank, fullRank)
        XCTAssertEqual(fast.sigmaNext, 0)
        XCTAssertEqual(fast.gap, .infinity)
    }

    /// Where the Gram certificate cannot hold — κ = 1e10 (σ_min² below the rounding of G), a gap just above
    /// the tolerance, σ clustered at it — the route declines and QR (or the SVD of R) gives NumPy's rank.
    func testFallsBackWhenTheCertificateCannotHold() throws {
        let cases = [Case(rows: 200, cols: 100, kind: "kappa1e10", seed: 11),
                     Case(rows: 100, cols: 200, kind: "kappa1e10", seed: 12),
                     Case(rows: 200, cols: 100, kind: "nearThreshold", seed: 13),
                     Case(rows: 200, cols: 100, kind: "clustered", seed: 14)]
        let expectedMethods: [RankMethod] = [.pivotedQR, .pivotedQR, .pivotedQR, .svdFallback]
        for ((c, expected), method) in zip(zip(cases, try numpy(cases)), expectedMethods) {
            let fast = try fastNumericalRank(expected.matrix, minimumFastSize: 8)
            XCTAssertEqual(fast.rank, expected.rank, "\(c.kind) \(c.rows)×\(c.cols) by \(fast.method)")
            XCTAssertEqual(fast.method, method, "\(c.kind) \(c.rows)×\(c.cols)")
        }
    }

    /// A ReLU-like caller bound (`rankAtMost` below the smaller side) still takes the Gram route, and
    /// matrices above `gramRouteEntries` entries skip it.
    func testDispatch() throws {
        let a = randomMatrix(160, 60, seed: 21) * randomMatrix(60, 100, seed: 22)
        let bounded = try fastNumericalRank(a, minimumFastSize: 8, rankAtMost: 90)
        XCTAssertEqual(bounded.method, .gramPivotedCholesky)
        XCTAssertEqual(bounded.rank, 60)
        let withoutRoute = try fastNumericalRank(a, minimumFastSize: 8, rankAtMost: 90,
                                                 dgeqp3Entries: cacheResidentEntries, gramRouteEntries: 0)
        XCTAssertEqual(withoutRoute.method, .pivotedQR)
        XCTAssertEqual(withoutRoute.rank, 60)
        XCTAssertLessThan(gramRouteEntries, 5000 * 4110, "the (20,50,50,10)×500 Jacobian keeps the QR path")
        XCTAssertGreaterThanOrEqual(gramRouteEntries, 2000 * 1415, "the (10,30,30,5)×400 Jacobian tries the route")
    }

    /// The shift correction: G_SS·Y = C solved through the factor of G_SS − s·I matches a direct solve.
    func testShiftedSolverSolvesTheUnshiftedSystem() throws {
        let (size, shift) = (6, 0.05)
        let b = randomMatrix(10, size, seed: 31)
        var g = [Double](repeating: 0, count: size * size)
        for i in 0..<size { for j in 0..<size { for k in 0..<10 { g[i + j * size] += b[k, i] * b[k, j] } } }
        // Upper Cholesky factor U of G − s·I by the textbook recurrence (column-major, U[i + j·size]).
        var factor = [Double](repeating: 0, count: size * size)
        for j in 0..<size {
            for i in 0...j {
                var sum = g[i + j * size] - (i == j ? shift : 0)
                for k in 0..<i { sum -= factor[k + i * size] * factor[k + j * size] }
                factor[i + j * size] = i == j ? sum.squareRoot() : sum / factor[i + i * size]
            }
        }
        XCTAssertTrue(factor.allSatisfy(\.isFinite), "G − s·I is positive definite")
        let smallest = smallestSingularValueOfTriangle(ColumnMajorMatrix(rows: size, cols: size, data: factor),
                                                       size: size)
        let solver = ShiftedGramSolver(factor: factor, size: size, rank: size, shift: shift,
                                       contraction: shift / (smallest * smallest))
        let c = (0..<size).map { Double($0) - 2.5 }
        var y = c
        solver.applyShiftedInverse(&y, columns: 1)
        y = solver.correctShift(y, columns: 1)
        let direct = try solve(Matrix(rows: size, cols: size, storage: g), c)
        assertClose(y, direct, tolerance: 1e-7 * (direct.map(abs).max() ?? 1))
    }
}
