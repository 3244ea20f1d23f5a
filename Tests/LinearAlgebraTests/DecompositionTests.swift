import XCTest
@testable import LinearAlgebra

final class DecompositionTests: XCTestCase {
    private let fixed = Matrix([[4, 1, -2, 0.5], [1, 3, 0, -1], [-2, 0, 5, 2], [0.5, -1, 2, 6], [1, 1, 1, 1]])

    func testArithmeticAndNormsByHand() throws {
        let a = Matrix([[1, -2], [3, 4]]), b = Matrix([[0.5, 1], [-1, 2]])
        XCTAssertEqual((a + b).storage, [1.5, -1, 2, 6])
        XCTAssertEqual(try a.subtracting(b).storage, [0.5, -3, 4, 2])
        XCTAssertEqual((2 * a).storage, [2, -4, 6, 8])
        XCTAssertEqual((-a).storage, [-1, 2, -3, -4])
        XCTAssertEqual(a.frobeniusNorm, 30.0.squareRoot(), accuracy: 1e-15)  // 1 + 4 + 9 + 16
        XCTAssertEqual(a.maxNorm, 4)
        XCTAssertEqual(Matrix([[3e200, 4e200]]).frobeniusNorm, 5e200, accuracy: 1e186)  // no overflow
        XCTAssertThrowsError(try a.adding(Matrix(rows: 2, cols: 3))) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
    }

    /// Singular values of a fixed 5×4 matrix against numpy.linalg.svd; U·diag(s)·Vᵀ reproduces it and U, V
    /// have orthonormal columns.
    func testThinSVDMatchesNumPyAndReconstructs() throws {
        let (u, s, vt) = try svd(fixed)
        XCTAssertEqual(u.rows, 5); XCTAssertEqual(u.cols, 4); XCTAssertEqual(vt.rows, 4); XCTAssertEqual(vt.cols, 4)
        let expected = NumPyOracle.doubles(try NumPyOracle.run(
            "print(json.dumps(np.linalg.svd(np.array(data), compute_uv=False).tolist()))", input: NumPyOracle.rows(fixed)))
        assertClose(s, expected, tolerance: 1e-13)
        var scaledU = u
        for i in 0..<u.rows { for j in 0..<u.cols { scaledU[i, j] *= s[j] } }
        assertClose((scaledU * vt).storage, fixed.storage, tolerance: 1e-13, "reconstruction")
        assertClose((u.transposed * u).storage, Matrix.identity(4).storage, tolerance: 1e-14, "UᵀU")
        assertClose((vt * vt.transposed).storage, Matrix.identity(4).storage, tolerance: 1e-14, "VᵀV")
        // A wide matrix gives U 2×2 and Vᵀ 2×3.
        let (uw, sw, vtw) = try svd(Matrix([[3, 0, 0], [0, 0, 2]]))
        XCTAssertEqual([uw.rows, uw.cols, vtw.rows, vtw.cols], [2, 2, 2, 3])
        assertClose(sw, [3, 2], tolerance: 1e-15)
    }

    /// [[1,2,3],[2,4,6]] has rank 1; its null space is 2-dimensional and orthogonal to (1,2,3).
    func testNullSpace() throws {
        let a = Matrix([[1, 2, 3], [2, 4, 6]])
        let basis = try nullSpace(a)
        XCTAssertEqual(basis.rows, 3); XCTAssertEqual(basis.cols, 2)
        XCTAssertLessThan((a * basis).maxAbs, 1e-14)
        assertClose((basis.transposed * basis).storage, Matrix.identity(2).storage, tolerance: 1e-14)
        XCTAssertEqual(try nullSpace(Matrix.identity(3)).cols, 0)
    }

    /// inverse([[4,7],[2,6]]) = [[0.6,−0.7],[−0.2,0.4]] by hand (det 10); a 4×4 inverse against NumPy.
    func testInverse() throws {
        assertClose(try inverse(Matrix([[4, 7], [2, 6]])).storage, [0.6, -0.7, -0.2, 0.4], tolerance: 1e-15)
        let square4 = Matrix([[5, 1, -2, 0.5], [1, 4, 0, -1], [-2, 0, 6, 2], [0.5, -1, 2, 7]])
        let expected = NumPyOracle.doubles(try NumPyOracle.run(
            "print(json.dumps(np.linalg.inv(np.array(data)).ravel().tolist()))", input: NumPyOracle.rows(square4)))
        assertClose(try inverse(square4).storage, expected, tolerance: 1e-13)
        XCTAssertThrowsError(try inverse(Matrix([[1, 2], [2, 4]]))) { XCTAssertEqual($0 as? LinearAlgebraError, .singularMatrix) }
        XCTAssertThrowsError(try inverse(Matrix(rows: 2, cols: 3))) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
    }

    /// cond([[1,0],[0,1e-3]]) = 1000 by hand; the fixed matrix against numpy.linalg.cond.
    func testConditionNumber() throws {
        XCTAssertEqual(try conditionNumber(Matrix([[1, 0], [0, 1e-3]])), 1000, accuracy: 1e-9)
        XCTAssertEqual(try conditionNumber(Matrix([[1, 0], [0, 0]])), .infinity)  // s_min exactly 0
        XCTAssertGreaterThan(try conditionNumber(Matrix([[1, 1], [1, 1]])), 1e15)  // singular up to rounding
        let expected = try NumPyOracle.run("print(json.dumps(float(np.linalg.cond(np.array(data)))))", input: NumPyOracle.rows(fixed))
        XCTAssertEqual(try conditionNumber(fixed), (expected as? NSNumber)?.doubleValue ?? .nan, accuracy: 1e-12)
    }

    /// Least squares against numpy.linalg.lstsq (tall, full rank) and a rank-deficient case (minimum norm).
    func testLeastSquaresMatchesNumPy() throws {
        let b = [1.0, -2, 0.5, 3, 2]
        let result = try leastSquares(fixed, b)
        let oracle = try NumPyOracle.run("""
            x, res, rank, s = np.linalg.lstsq(np.array(data["a"]), np.array(data["b"]), rcond=None)
            print(json.dumps({"x": x.tolist(), "rank": int(rank), "res": float(res[0]) if len(res) else 0.0}))
            """, input: ["a": NumPyOracle.rows(fixed), "b": b]) as? [String: Any] ?? [:]
        assertClose(result.solution, NumPyOracle.doubles(oracle["x"] ?? []), tolerance: 1e-13)
        XCTAssertEqual(result.rank, oracle["rank"] as? Int)
        XCTAssertEqual(result.residualSumOfSquares, (oracle["res"] as? NSNumber)?.doubleValue ?? .nan, accuracy: 1e-12)
        // x + y = 2 (twice): the minimum-norm solution is (1, 1) by hand, rank 1.
        let deficient = try leastSquares(Matrix([[1, 1], [2, 2]]), [2, 4])
        assertClose(deficient.solution, [1, 1], tolerance: 1e-14)
        XCTAssertEqual(deficient.rank, 1)
    }

    func testErrorPathsAreTyped() {
        let nan = Matrix([[1, .nan], [0, 1]])
        for operation in [{ _ = try svd(nan) }, { _ = try inverse(nan) }, { _ = try leastSquares(nan, [1, 2]) },
                          { _ = try conditionNumber(nan) }, { _ = try fastNumericalRank(nan) }] as [() throws -> Void] {
            XCTAssertThrowsError(try operation()) { XCTAssertEqual($0 as? LinearAlgebraError, .nonFinite("matrix")) }
        }
        XCTAssertThrowsError(try leastSquares(Matrix.identity(2), [1, 2, 3])) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try leastSquares(Matrix.identity(2), [1, .infinity]))
    }
}
