import CLapack

/// Errors from the LAPACK-backed routines.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    case nonFinite(String)
    case lapackFailure(routine: String, info: Int32)
    case dimensionMismatch(String)
    /// The matrix is singular (exactly, or to working precision) where an invertible one is needed.
    case singularMatrix
    /// An argument outside the routine's domain (e.g. a modulus that is not a prime).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .nonFinite(let what): return "\(what) contains NaN or infinite entries"
        case .lapackFailure(let routine, let info): return "LAPACK \(routine) failed (info = \(info))"
        case .dimensionMismatch(let what): return "dimension mismatch: \(what)"
        case .singularMatrix: return "the matrix is singular"
        case .invalidArgument(let what): return what
        }
    }
}

/// Singular values in decreasing order (LAPACK dgesdd, values only).
public func singularValues(_ matrix: Matrix) throws -> [Double] {
    try withBLASThreads(rows: matrix.rows, cols: matrix.cols) { try singularValuesOnCurrentThreads(matrix) }
}

private func singularValuesOnCurrentThreads(_ matrix: Matrix) throws -> [Double] {
    guard matrix.storage.allSatisfy({ $0.isFinite }) else { throw LinearAlgebraError.nonFinite("matrix") }
    let m = Int32(matrix.rows), n = Int32(matrix.cols)
    if m == 0 || n == 0 { return [] }
    // LAPACK is column-major: the row-major m×n buffer is the column-major n×m transpose,
    // which has the same singular values.
    var a = matrix.storage
    var rows = n, cols = m
    var lda = max(1, rows)
    var s = [Double](repeating: 0, count: Int(min(m, n)))
    var jobz = Int8(UInt8(ascii: "N"))
    var one: Int32 = 1
    var dummyU = [Double](repeating: 0, count: 1)
    var dummyVT = [Double](repeating: 0, count: 1)
    var ldu: Int32 = 1
    var iwork = [Int32](repeating: 0, count: 8 * Int(min(m, n)))
    var info: Int32 = 0
    var lwork: Int32 = -1
    var query = [Double](repeating: 0, count: 1)
    dgesdd_(&jobz, &rows, &cols, &a, &lda, &s, &dummyU, &ldu, &dummyVT, &one, &query, &lwork, &iwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesdd", info: info) }
    lwork = Int32(query[0])
    var work = [Double](repeating: 0, count: Int(lwork))
    dgesdd_(&jobz, &rows, &cols, &a, &lda, &s, &dummyU, &ldu, &dummyVT, &one, &work, &lwork, &iwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesdd", info: info) }
    return s
}

/// A numerical rank with the evidence behind it.
public struct RankEstimate: Sendable, Equatable, Codable {
    public var rank: Int
    /// Threshold used: s₁ · max(m, n) · ε (the NumPy default).
    public var tolerance: Double
    /// s_r (the smallest singular value counted), 0 when rank is 0.
    public var sigmaLast: Double
    /// s_{r+1} (the largest singular value not counted), 0 when the rank is full.
    public var sigmaNext: Double
    /// s_r / s_{r+1}; infinity when the rank is full or s_{r+1} = 0.
    public var gap: Double
    /// All singular values (decreasing) for `.svd` and `.svdFallback`; empty for the fast paths, which
    /// compute only the quantities near the threshold.
    public var singularValues: [Double]
    /// How the rank was obtained (`numericalRank` always uses `.svd`).
    public var method: RankMethod = .svd

    /// Gaps below this make the rank ill-conditioned (science.md §0.3 item 3).
    public static let cleanGap = 1e6

    public var isIllConditioned: Bool { gap < RankEstimate.cleanGap }
}

/// Numerical rank with the NumPy default tolerance, reported with the singular-value gap.
public func numericalRank(_ matrix: Matrix) throws -> RankEstimate {
    rankEstimate(singularValues: try singularValues(matrix), rows: matrix.rows, cols: matrix.cols)
}

/// The NumPy-default rank and gap from singular values of an m × n matrix.
func rankEstimate(singularValues s: [Double], rows: Int, cols: Int) -> RankEstimate {
    let tolerance = numpyTolerance(largestSingularValue: s.first ?? 0, rows: rows, cols: cols)
    let rank = s.filter { $0 > tolerance }.count
    let last = rank > 0 ? s[rank - 1] : 0
    let next = rank < s.count ? s[rank] : 0
    let gap = next > 0 ? last / next : Double.infinity
    return RankEstimate(rank: rank, tolerance: tolerance, sigmaLast: last, sigmaNext: next, gap: gap,
                        singularValues: s)
}

/// s₁ · max(m, n) · ε, the default threshold of `numpy.linalg.matrix_rank`.
public func numpyTolerance(largestSingularValue: Double, rows: Int, cols: Int) -> Double {
    largestSingularValue * Double(max(rows, cols)) * Double.ulpOfOne
}
