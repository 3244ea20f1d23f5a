import CLapack

/// Solves the square system A x = b by LU with partial pivoting (LAPACK dgesv).
public func solve(_ a: Matrix, _ b: [Double]) throws -> [Double] {
    guard a.rows == a.cols, b.count == a.rows else {
        throw LinearAlgebraError.dimensionMismatch("solve needs a square matrix and a matching right-hand side")
    }
    guard a.storage.allSatisfy({ $0.isFinite }), b.allSatisfy({ $0.isFinite }) else {
        throw LinearAlgebraError.nonFinite("linear system")
    }
    var n = Int32(a.rows)
    if n == 0 { return [] }
    // Column-major A is the transpose of our row-major buffer.
    var columnMajor = a.transposed.storage
    var rhs = b
    var nrhs: Int32 = 1
    var lda = n, ldb = n
    var pivots = [Int32](repeating: 0, count: a.rows)
    var info: Int32 = 0
    dgesv_(&n, &nrhs, &columnMajor, &lda, &pivots, &rhs, &ldb, &info)
    if info > 0 { throw LinearAlgebraError.singularMatrix }
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesv", info: info) }
    return rhs
}

extension Matrix {
    /// Matrix product (BLAS dgemm).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.cols == rhs.rows, "product of \(lhs.rows)×\(lhs.cols) and \(rhs.rows)×\(rhs.cols)")
        var out = Matrix(rows: lhs.rows, cols: rhs.cols)
        if lhs.rows == 0 || rhs.cols == 0 || lhs.cols == 0 { return out }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(lhs.rows), Int32(rhs.cols), Int32(lhs.cols),
                    1, lhs.storage, Int32(lhs.cols), rhs.storage, Int32(rhs.cols), 0, &out.storage, Int32(rhs.cols))
        return out
    }

    /// Matrix–vector product.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(lhs.cols == rhs.count, "product of \(lhs.rows)×\(lhs.cols) and a vector of \(rhs.count)")
        return (0..<lhs.rows).map { i in
            var sum = 0.0
            for j in 0..<lhs.cols { sum += lhs[i, j] * rhs[j] }
            return sum
        }
    }
}
