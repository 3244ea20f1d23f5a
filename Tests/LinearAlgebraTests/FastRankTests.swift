import XCTest
@testable import LinearAlgebra

/// `fastNumericalRank` must return the SVD rank. `minimumFastSize` is lowered so that small (fast in debug)
/// matrices exercise the pivoted-QR and Gram paths.
final class FastRankTests: XCTestCase {
    /// Products of random m×r and r×n matrices have rank r (generically); various shapes and r.
    func testAgreesWithSVDOnRandomLowRankProducts() throws {
        let cases: [(m: Int, n: Int, r: Int)] = [(60, 50, 1), (60, 50, 17), (60, 50, 50), (50, 60, 30),
                                                 (45, 45, 44), (120, 40, 25), (40, 120, 40), (40, 130, 12)]
        for (index, c) in cases.enumerated() {
            let a = randomMatrix(c.m, c.r, seed: UInt64(10 + index)) * randomMatrix(c.r, c.n, seed: UInt64(100 + index))
            let reference = try numericalRank(a)
            let fast = try fastNumericalRank(a, minimumFastSize: 8)
            XCTAssertEqual(reference.rank, c.r, "SVD rank of case \(c)")
            XCTAssertEqual(fast.rank, c.r, "fast rank of case \(c) by \(fast.method)")
            XCTAssertNotEqual(fast.method, .svd, "case \(c) should take a fast path")
            // The fast paths take s₁ from a short power iteration (a lower bound, documented to ~1e-3).
            XCTAssertEqual(fast.tolerance, reference.tolerance, accuracy: 1e-2 * reference.tolerance)
            XCTAssertLessThanOrEqual(fast.tolerance, reference.tolerance * (1 + 1e-12))
            XCTAssertFalse(fast.isIllConditioned, "case \(c): a random product has a clean gap")
        }
    }

    /// The strongly rectangular full-rank case is certified through the Gram matrix.
    func testGramPathCertifiesFullRank() throws {
        let wide = randomMatrix(30, 200, seed: 5)
        let fast = try fastNumericalRank(wide, minimumFastSize: 8)
        XCTAssertEqual(fast.method, .gramCholesky)
        XCTAssertEqual(fast.rank, 30)
        let smallest = try singularValues(wide).last ?? 0
        // sigmaLast estimates σ_min by inverse iteration: never below it, and within 10% here.
        XCTAssertGreaterThanOrEqual(fast.sigmaLast, smallest * (1 - 1e-9))
        XCTAssertLessThan(fast.sigmaLast, 1.1 * smallest)
    }

    /// A = U·diag(s)·Vᵀ with orthonormal U, V and prescribed s: a tiny singular value above the NumPy
    /// tolerance counts, one below it does not; near the tolerance the fast path must fall back to the SVD.
    func testKnownTinySingularValues() throws {
        let size = 40
        let u = try svd(randomMatrix(size, size, seed: 1)).u, v = try svd(randomMatrix(size, size, seed: 2)).u
        func build(_ s: [Double]) -> Matrix {
            var scaled = u
            for i in 0..<size { for j in 0..<size { scaled[i, j] *= s[j] } }
            return scaled * v.transposed
        }
        let tolerance = Double(size) * Double.ulpOfOne  // s₁ = 1: about 8.9e-15
        var spectrum = (0..<size).map { 1 / Double($0 + 1) }
        spectrum[size - 1] = 1e-9  // counted: rank 40
        XCTAssertEqual(try fastNumericalRank(build(spectrum), minimumFastSize: 8).rank, 40)
        spectrum[size - 1] = 0  // dropped: rank 39; rounding leaves σ₄₀ ≈ 1e-16 < tolerance
        var fast = try fastNumericalRank(build(spectrum), minimumFastSize: 8)
        XCTAssertEqual(fast.rank, 39)
        XCTAssertEqual(fast.rank, try numericalRank(build(spectrum)).rank)
        spectrum[size - 2] = 5 * tolerance  // just above the threshold: ambiguous for QR, decided by the SVD
        fast = try fastNumericalRank(build(spectrum), minimumFastSize: 8)
        let reference = try numericalRank(build(spectrum))
        XCTAssertEqual(fast.method, .svdFallback)
        XCTAssertEqual(fast.rank, reference.rank)
        XCTAssertEqual(reference.rank, 39)
        XCTAssertTrue(fast.isIllConditioned)
    }

    /// The rank of a rank-3 matrix of the fixed seeds against numpy.linalg.matrix_rank.
    func testMatchesNumPyMatrixRank() throws {
        let a = randomMatrix(70, 3, seed: 9) * randomMatrix(3, 50, seed: 10)
        let b = randomMatrix(70, 50, seed: 11)
        let ranks = try NumPyOracle.run("print(json.dumps([int(np.linalg.matrix_rank(np.array(m))) for m in data]))",
                                        input: [NumPyOracle.rows(a), NumPyOracle.rows(b)]) as? [Int]
        XCTAssertEqual(ranks, [3, 50])
        XCTAssertEqual(try fastNumericalRank(a, minimumFastSize: 8).rank, ranks?[0])
        XCTAssertEqual(try fastNumericalRank(b, minimumFastSize: 8).rank, ranks?[1])
    }

    func testSmallMatricesUseTheSVDAndZeroMatrixHasRankZero() throws {
        XCTAssertEqual(try fastNumericalRank(Matrix.identity(5)).method, .svd)
        let zero = try fastNumericalRank(Matrix(rows: 30, cols: 20), minimumFastSize: 8)
        XCTAssertEqual(zero.rank, 0)
    }
}
