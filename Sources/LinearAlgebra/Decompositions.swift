import CLapack

// Row-major storage of an m × n matrix is, read by LAPACK, the column-major n × m transpose. The
// routines below use that instead of copying: e.g. the SVD of Aᵀ gives the SVD of A with U and Vᵀ swapped.

/// The thin SVD A = U · diag(s) · Vᵀ (LAPACK dgesdd, jobz 'S'): U is m × k, Vᵀ is k × n, k = min(m, n),
/// singular values decreasing.
public func svd(_ matrix: Matrix) throws -> (u: Matrix, s: [Double], vt: Matrix) {
    try fullOrThinSVD(matrix, full: false)
}

/// An orthonormal basis of the null space {x : A x = 0} as the columns of an n × (n − r) matrix, where r is
/// the NumPy-default numerical rank (see `numericalRank`).
public func nullSpace(_ matrix: Matrix) throws -> Matrix {
    let (_, s, vt) = try fullOrThinSVD(matrix, full: true)
    let rank = rankEstimate(singularValues: s, rows: matrix.rows, cols: matrix.cols).rank
    let n = matrix.cols
    var basis = Matrix(rows: n, cols: n - rank)
    for c in 0..<(n - rank) {
        for i in 0..<n { basis[i, c] = vt[rank + c, i] }
    }
    return basis
}

/// The 2-norm condition number s₁ / s_min (s_min the min(m, n)-th singular value); ∞ when s_min = 0.
public func conditionNumber(_ matrix: Matrix) throws -> Double {
    let s = try singularValues(matrix)
    guard let largest = s.first, let smallest = s.last else { return 0 }
    return smallest > 0 ? largest / smallest : Double.infinity
}

/// The inverse of a square matrix (LAPACK dgesv with the identity as right-hand side).
public func inverse(_ matrix: Matrix) throws -> Matrix {
    guard matrix.rows == matrix.cols else {
        throw LinearAlgebraError.dimensionMismatch("inverse of a non-square \(matrix.shape) matrix")
    }
    try matrix.requireFinite()
    var n = Int32(matrix.rows)
    if n == 0 { return matrix }
    // dgesv on the column-major view Aᵀ returns (Aᵀ)⁻¹ column-major, which read row-major is A⁻¹.
    var a = matrix.storage
    var result = Matrix.identity(matrix.rows).storage
    var lda = n, ldb = n
    var pivots = [Int32](repeating: 0, count: matrix.rows)
    var info: Int32 = 0
    dgesv_(&n, &n, &a, &lda, &pivots, &result, &ldb, &info)
    if info > 0 { throw LinearAlgebraError.singularMatrix }
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesv", info: info) }
    guard result.allSatisfy({ $0.isFinite }) else { throw LinearAlgebraError.singularMatrix }
    return Matrix(rows: matrix.rows, cols: matrix.cols, storage: result)
}

/// A minimum-norm least-squares solution with the effective rank and singular values dgelsd used.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// The x minimising ‖A x − b‖₂ of least norm.
    public var solution: [Double]
    /// Effective rank: singular values above rcond · s₁.
    public var rank: Int
    public var singularValues: [Double]
    /// ‖A x − b‖₂².
    public var residualSumOfSquares: Double
}

/// Minimum-norm least squares min ‖A x − b‖₂ (LAPACK dgelsd). `rcond` defaults to ε · max(m, n), the
/// default of `numpy.linalg.lstsq`.
public func leastSquares(_ a: Matrix, _ b: [Double], rcond: Double? = nil) throws -> LeastSquaresSolution {
    guard b.count == a.rows else {
        throw LinearAlgebraError.dimensionMismatch("least squares with a \(a.shape) matrix and \(b.count) right-hand values")
    }
    try a.requireFinite()
    guard b.allSatisfy({ $0.isFinite }) else { throw LinearAlgebraError.nonFinite("right-hand side") }
    var m = Int32(a.rows), n = Int32(a.cols)
    if m == 0 || n == 0 {
        return LeastSquaresSolution(solution: Array(repeating: 0, count: a.cols), rank: 0, singularValues: [],
                                    residualSumOfSquares: b.reduce(0) { $0 + $1 * $1 })
    }
    var columnMajor = a.transposed.storage
    var ldb = max(m, n)
    var rhs = b + Array(repeating: 0, count: Int(ldb) - a.rows)
    var nrhs: Int32 = 1
    var lda = m
    var s = [Double](repeating: 0, count: Int(min(m, n)))
    var threshold = rcond ?? Double.ulpOfOne * Double(max(m, n))
    var rank: Int32 = 0
    var info: Int32 = 0
    var lwork: Int32 = -1
    var query = [Double](repeating: 0, count: 1)
    var iworkQuery: [Int32] = [0]
    dgelsd_(&m, &n, &nrhs, &columnMajor, &lda, &rhs, &ldb, &s, &threshold, &rank, &query, &lwork, &iworkQuery, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgelsd", info: info) }
    lwork = Int32(query[0])
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery[0])))
    dgelsd_(&m, &n, &nrhs, &columnMajor, &lda, &rhs, &ldb, &s, &threshold, &rank, &work, &lwork, &iwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgelsd", info: info) }
    let x = Array(rhs.prefix(a.cols))
    let residual = zip(a * x, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return LeastSquaresSolution(solution: x, rank: Int(rank), singularValues: s, residualSumOfSquares: residual)
}

/// dgesdd on the transposed view; `full` gives square U and Vᵀ (needed for null spaces of wide matrices).
func fullOrThinSVD(_ matrix: Matrix, full: Bool) throws -> (u: Matrix, s: [Double], vt: Matrix) {
    try matrix.requireFinite()
    return try withBLASThreads(rows: matrix.rows, cols: matrix.cols) { try fullOrThinSVDOnCurrentThreads(matrix, full: full) }
}

private func fullOrThinSVDOnCurrentThreads(_ matrix: Matrix, full: Bool) throws -> (u: Matrix, s: [Double], vt: Matrix) {
    let m = matrix.rows, n = matrix.cols, k = min(m, n)
    if k == 0 {
        return (Matrix(rows: m, cols: full ? m : 0), [], Matrix.identity(n).rowsPrefix(full ? n : 0))
    }
    // LAPACK sees B = Aᵀ (n × m). B = U_B S V_Bᵀ, so A = V_B S U_Bᵀ: our U is V_B and our Vᵀ is U_Bᵀ.
    var b = matrix.storage
    var rowsB = Int32(n), colsB = Int32(m)
    var ldb = rowsB
    let uCols = full ? n : k, vtRows = full ? m : k
    var uB = [Double](repeating: 0, count: n * uCols)
    var vtB = [Double](repeating: 0, count: vtRows * m)
    var lduB = Int32(n), ldvtB = Int32(vtRows)
    var s = [Double](repeating: 0, count: k)
    var jobz = Int8(UInt8(ascii: full ? "A" : "S"))
    var iwork = [Int32](repeating: 0, count: 8 * k)
    var info: Int32 = 0
    var lwork: Int32 = -1
    var query = [Double](repeating: 0, count: 1)
    dgesdd_(&jobz, &rowsB, &colsB, &b, &ldb, &s, &uB, &lduB, &vtB, &ldvtB, &query, &lwork, &iwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesdd", info: info) }
    lwork = Int32(query[0])
    var work = [Double](repeating: 0, count: Int(lwork))
    dgesdd_(&jobz, &rowsB, &colsB, &b, &ldb, &s, &uB, &lduB, &vtB, &ldvtB, &work, &lwork, &iwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesdd", info: info) }
    // Column-major V_Bᵀ (vtRows × m) read row-major is V_B (m × vtRows) = our U; likewise U_B gives our Vᵀ.
    return (Matrix(rows: m, cols: vtRows, storage: vtB), s, Matrix(rows: uCols, cols: n, storage: uB))
}

extension Matrix {
    /// The first `count` rows.
    func rowsPrefix(_ count: Int) -> Matrix {
        Matrix(rows: count, cols: cols, storage: Array(storage.prefix(count * cols)))
    }
}
