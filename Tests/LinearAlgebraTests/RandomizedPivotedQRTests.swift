import XCTest
@testable import LinearAlgebra

/// The sketch-pivoted blocked QR behind `fastNumericalRank` (HQRRP scheme): it must be a QR of a column
/// permutation of A, reveal the rank on its diagonal, and give NumPy's rank through `fastNumericalRank`.
final class RandomizedPivotedQRTests: XCTestCase {
    /// A column-major tall copy of a row-major matrix (rows ≥ cols).
    private func columnMajor(_ a: Matrix) -> ColumnMajorMatrix {
        ColumnMajorMatrix(rows: a.rows, cols: a.cols, data: a.transposed.storage)
    }

    /// `fastNumericalRank` with the sketch-pivoted QR even for these small (fast in debug) matrices.
    private func sketchedRank(_ a: Matrix) throws -> RankEstimate {
        try fastNumericalRank(a, minimumFastSize: 8, rankAtMost: nil, dgeqp3Entries: 0)
    }

    /// R has the singular values of A (orthogonal Q, permutation P), for several block sizes.
    func testTriangleKeepsTheSingularValues() throws {
        let a = randomMatrix(90, 70, seed: 3)
        let expected = try singularValues(a)
        for block in [1, 8, 32, 70, 100] {
            let r = try randomizedPivotedQR(columnMajor(a), blockSize: block).upperTriangle()
            let got = try singularValues(r)
            XCTAssertEqual(got.count, expected.count)
            for (x, y) in zip(got, expected) { XCTAssertEqual(x, y, accuracy: 1e-12 * expected[0], "block \(block)") }
        }
    }

    /// A product of random 120×r and r×100 factors has rank r: the first r diagonal entries of R are of the
    /// size of A's singular values, the rest at rounding level (the rank is revealed across block borders).
    func testDiagonalRevealsTheRankOfAProduct() throws {
        for (r, block) in [(5, 8), (37, 8), (64, 32), (99, 32)] {
            let a = randomMatrix(120, r, seed: 40) * randomMatrix(r, 100, seed: 41)
            let sigma = try singularValues(a)
            let factor = try randomizedPivotedQR(columnMajor(a), blockSize: block)
            let diagonal = (0..<100).map { abs(factor[$0, $0]) }
            let tiny = 1e-12 * sigma[0]
            XCTAssertGreaterThan(diagonal[0..<r].min() ?? 0, 1e-3 * sigma[r - 1], "r = \(r): signal entries")
            XCTAssertLessThan(diagonal[r...].max() ?? 0, tiny, "r = \(r): trailing entries")
        }
    }

    /// Against numpy.linalg.matrix_rank on products of random factors, tall and wide, deficient and full,
    /// including ranks at and next to the block size of 32; the fast path must not need the SVD fallback.
    func testFastRankMatchesNumPyOnProductsOfRandomFactors() throws {
        let cases: [(m: Int, n: Int, r: Int)] = [(150, 100, 1), (150, 100, 31), (150, 100, 32), (150, 100, 33),
                                                 (150, 100, 99), (150, 100, 100), (100, 150, 64), (210, 90, 70),
                                                 (90, 210, 89)]
        let matrices = cases.enumerated().map { index, c in
            randomMatrix(c.m, c.r, seed: UInt64(500 + index)) * randomMatrix(c.r, c.n, seed: UInt64(600 + index))
        }
        let ranks = try NumPyOracle.run("print(json.dumps([int(np.linalg.matrix_rank(np.array(m))) for m in data]))",
                                        input: matrices.map(NumPyOracle.rows)) as? [Int]
        XCTAssertEqual(ranks, cases.map(\.r), "NumPy sees the constructed ranks")
        for (c, a) in zip(cases, matrices) {
            let fast = try sketchedRank(a)
            XCTAssertEqual(fast.rank, c.r, "case \(c) by \(fast.method)")
            XCTAssertTrue([RankMethod.pivotedQR, .gramCholesky].contains(fast.method), "case \(c): \(fast.method)")
            XCTAssertFalse(fast.isIllConditioned, "case \(c)")
        }
    }

    /// Near-deficient: singular values spread over eleven decades down to σ_r = 1e-11 (well above the
    /// tolerance ≈ 3e-14), then σ_{r+1} = 1e-15 (below it); and a second matrix with σ_{r+1} = 0.5·tolerance
    /// and σ_r = 3·tolerance, which QR bounds cannot separate. Both ranks must be NumPy's.
    func testNearDeficientSpectraMatchNumPy() throws {
        let (rows, cols, rank) = (130, 110, 80)
        let u = try svd(randomMatrix(rows, cols, seed: 7)).u, v = try svd(randomMatrix(cols, cols, seed: 8)).u
        func build(_ s: [Double]) -> Matrix {
            var scaled = u
            for i in 0..<rows { for j in 0..<cols { scaled[i, j] *= s[j] } }
            return scaled * v.transposed
        }
        var graded = (0..<cols).map { $0 < rank ? pow(10, -11 * Double($0) / Double(rank - 1)) : 1e-15 }
        let clean = build(graded)
        let tolerance = Double(rows) * Double.ulpOfOne
        graded[rank - 1] = 3 * tolerance
        graded[rank] = 0.5 * tolerance
        let ambiguous = build(graded)
        let ranks = try NumPyOracle.run("print(json.dumps([int(np.linalg.matrix_rank(np.array(m))) for m in data]))",
                                        input: [NumPyOracle.rows(clean), NumPyOracle.rows(ambiguous)]) as? [Int]
        XCTAssertEqual(ranks, [rank, rank])
        let first = try sketchedRank(clean)
        XCTAssertEqual(first.rank, rank, "graded spectrum by \(first.method)")
        let second = try sketchedRank(ambiguous)
        XCTAssertEqual(second.rank, rank)
        XCTAssertEqual(second.method, .svdFallback, "a gap of 6 cannot be confirmed with the QR margins")
        XCTAssertTrue(second.isIllConditioned)
    }
    /// A·P = Q·R to backward-error level, checked by NumPy from the stored Householder vectors and τ alone
    /// (Q rebuilt reflector by reflector, independent of the block reflectors T that produced them): the
    /// block sizes fastNumericalRank uses, m < 2n, rank-deficient inputs (the unpivoted tail after the rank),
    /// n not a multiple of the block, and a square matrix.
    func testFactorIsAQRFactorOfThePermutedMatrix() throws {
        let cases: [(m: Int, n: Int, rank: Int, block: Int)] = [(300, 250, 250, 64), (260, 203, 120, 32),
                                                                (200, 200, 200, 64), (150, 97, 97, 8),
                                                                (400, 130, 70, 64), (90, 70, 33, 128)]
        var payload: [[String: Any]] = []
        for (index, c) in cases.enumerated() {
            let a = c.rank == c.n ? randomMatrix(c.m, c.n, seed: UInt64(900 + index))
                : randomMatrix(c.m, c.rank, seed: UInt64(900 + index)) * randomMatrix(c.rank, c.n, seed: UInt64(950 + index))
            let qr = try sketchPivotedQR(columnMajor(a), blockSize: c.block)
            XCTAssertEqual(qr.columnOrder.sorted(), Array(0..<c.n), "case \(c): a permutation")
            payload.append(["a": NumPyOracle.rows(a), "factor": qr.factor.data, "tau": qr.tau, "order": qr.columnOrder])
        }
        let program = """
        out = []
        for case in data:
            a = np.array(case["a"]); m, n = a.shape
            f = np.array(case["factor"]).reshape(n, m).T  # column-major storage
            tau = np.array(case["tau"])
            x = np.vstack([np.triu(f[:n, :]), np.zeros((m - n, n))])
            worst = 0.0
            for i in reversed(range(n)):  # Q·[R; 0] = H_1 ⋯ H_n [R; 0]
                v = np.concatenate([np.zeros(i), [1.0], f[i + 1:, i]])
                x -= tau[i] * np.outer(v, v @ x)
                if tau[i] != 0: worst = max(worst, abs(tau[i] * (v @ v) - 2))  # H_i orthogonal
            residual = np.linalg.norm(a[:, case["order"]] - x) / np.linalg.norm(a)
            out.append([float(residual), float(worst)])
        print(json.dumps(out))
        """
        let results = try NumPyOracle.run(program, input: payload) as? [[Double]]
        XCTAssertEqual(results?.count, cases.count)
        for (c, result) in zip(cases, results ?? []) {
            let bound = 2 * Double(c.n) * Double.ulpOfOne
            XCTAssertLessThanOrEqual(result[0], bound, "case \(c): ‖AP − QR‖_F / ‖A‖_F")
            XCTAssertLessThanOrEqual(result[1], bound, "case \(c): τ_i·v_iᵀv_i = 2")
            print("A·P = Q·R case \(c): relative residual \(result[0]), reflector defect \(result[1])")
        }
    }
}
