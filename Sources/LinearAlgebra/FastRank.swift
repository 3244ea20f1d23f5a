import CLapack

/// How a `RankEstimate` was obtained.
public enum RankMethod: String, Sendable, Codable, Equatable {
    /// All singular values (dgesdd).
    case svd
    /// Column-pivoted QR A·P = Q·R, confirmed near the threshold: σ_{r+1} ≤ ‖R₂₂‖₂ (a bound) and
    /// σ_r ≥ σ_min(R₁₁) (estimated by inverse iteration), each with a safety margin to the tolerance. The
    /// pivots come from dgeqp3 for matrices that fit in cache, otherwise block by block from a random sketch
    /// (BLAS-3, `randomizedPivotedQR`); both bounds hold for any column order.
    case pivotedQR
    /// Full rank certified by a Cholesky factorisation of the smaller Gram matrix shifted by tolerance² plus
    /// the rounding-error bounds of forming and factoring it (it proves full rank only, never a deficit).
    case gramCholesky
    /// The rank, deficient or full, from a pivoted Cholesky factorisation (dpstrf) of the Gram matrix shifted
    /// by (100·tolerance)² plus the rounding-error bounds, which picks r independent columns S and proves
    /// σ_r ≥ σ_min(A_S) ≥ 100·tolerance; then σ_{r+1} ≤ ‖A_N − A_S·X‖ ≤ tolerance / 4, the residual of the
    /// other columns formed in A-space with X refined by corrected semi-normal equations (GramRank.swift).
    case gramPivotedCholesky
    /// The fast path was inconclusive near the threshold: all singular values of the triangular factor R.
    case svdFallback
}

/// `numericalRank` for large matrices: the same rank and NumPy tolerance, obtained without a full SVD
/// when the spectrum near the threshold is unambiguous (see `RankMethod`). Matrices whose smaller side is
/// below `minimumFastSize` go straight to the SVD. `rankAtMost`, when the caller knows a bound below
/// min(m, n) (e.g. P − H for a ReLU network's Jacobian), skips the full-rank Gram certificate, which can only
/// prove full rank; the result does not depend on it, only the time does.
public func fastNumericalRank(_ matrix: Matrix, minimumFastSize: Int = 64, rankAtMost: Int? = nil) throws -> RankEstimate {
    try fastNumericalRank(matrix, minimumFastSize: minimumFastSize, rankAtMost: rankAtMost,
                          dgeqp3Entries: cacheResidentEntries, gramRouteEntries: gramRouteEntries)
}

/// As above without the pivoted Gram route: matrices of at most `dgeqp3Entries` entries take dgeqp3, larger
/// ones the sketch-pivoted QR.
func fastNumericalRank(_ matrix: Matrix, minimumFastSize: Int, rankAtMost: Int?, dgeqp3Entries: Int) throws
    -> RankEstimate {
    try fastNumericalRank(matrix, minimumFastSize: minimumFastSize, rankAtMost: rankAtMost,
                          dgeqp3Entries: dgeqp3Entries, gramRouteEntries: 0)
}

/// As above; matrices of at most `gramRouteEntries` entries first try the pivoted Gram route.
func fastNumericalRank(_ matrix: Matrix, minimumFastSize: Int, rankAtMost: Int?, dgeqp3Entries: Int,
                       gramRouteEntries: Int) throws -> RankEstimate {
    try matrix.requireFinite()
    // dgeqp3 on a cache-resident matrix is bound by its BLAS-2 norm updates, which a second thread slows
    // down: 14 ms on one thread against 18 ms on two at 611 × 600 (9 runs each, load average 3.6).
    let cacheResident = matrix.rows * matrix.cols <= dgeqp3Entries
    return try withBLASThreads(rows: matrix.rows, cols: matrix.cols, oneThread: cacheResident) {
        try fastRankOnCurrentThreads(matrix, minimumFastSize: minimumFastSize,
                                     tryFullRankGram: (rankAtMost ?? .max) >= min(matrix.rows, matrix.cols),
                                     dgeqp3Entries: dgeqp3Entries, gramRouteEntries: gramRouteEntries)
    }
}

/// Matrices up to this many entries try the pivoted Gram route before QR. Beyond, its failure would cost
/// too much: at 5000 × 4110 (a (20,50,50,10) ReLU Jacobian) dsyrk and dpstrf take about one dgeqrf, and the
/// shift's contraction there (0.26) leaves the refinement to QR anyway.
let gramRouteEntries = 1 << 22

private func fastRankOnCurrentThreads(_ matrix: Matrix, minimumFastSize: Int, tryFullRankGram: Bool,
                                      dgeqp3Entries: Int, gramRouteEntries: Int) throws -> RankEstimate {
    let (m, n) = (matrix.rows, matrix.cols)
    let (short, long) = (min(m, n), max(m, n))
    if short < max(1, minimumFastSize) { return try numericalRank(matrix) }
    let fullRankFirst = tryFullRankGram && long >= 2 * short
    let pivotedGram = long * short <= gramRouteEntries
    if fullRankFirst || pivotedGram, var gram = GramMatrix(matrix) {
        if fullRankFirst, let certified = gramCholeskyFullRank(&gram, preserving: pivotedGram) { return certified }
        if pivotedGram, let certified = try gramPivotedRank(matrix, gram: consume gram) { return certified }
    }

    // Row-major A read column-major is Aᵀ: that is the tall orientation when n ≥ m.
    let tall = ColumnMajorMatrix(rows: long, cols: short, data: m <= n ? matrix.storage : matrix.transposed.storage)
    // dgeqp3 while the matrix fits in cache (there its BLAS-2 norm updates cost no more than dgeqrf's
    // instructions; callgrind, 600 × 181); beyond, the BLAS-3 sketch-pivoted QR (RandomizedPivotedQR.swift).
    let factor = long * short <= dgeqp3Entries ? try pivotedQR(tall)
        : try randomizedPivotedQR(tall, blockSize: short >= 1024 ? 64 : 32)
    if var estimate = try confirmedRank(factor, rows: m, cols: n) {
        estimate.method = .pivotedQR
        return estimate
    }
    var estimate = rankEstimate(singularValues: try singularValues(factor.upperTriangle()), rows: m, cols: n)
    estimate.method = .svdFallback
    return estimate
}

/// Matrices up to this many entries (4 MiB, within this machine's L2 of both cores and far inside L3) take
/// dgeqp3 rather than the sketch-pivoted QR. At 611 × 600 (the R_A matrix of a (5,10,10,1) ReLU net,
/// 2.9 MiB) dgeqp3 costs the instructions of dgeqrf (100 M each, callgrind, one thread) while the
/// sketch-pivoted QR's block updates cost 184 M; its BLAS-3 advantage only pays out of cache.
let cacheResidentEntries = 1 << 19

/// Safety margins between the confirmation quantities and the tolerance.
let lowerMargin = 100.0, upperMargin = 4.0

/// The rank from the pivoted-QR factor when both sides of the threshold are confirmed; nil when ambiguous.
private func confirmedRank(_ r: ColumnMajorMatrix, rows m: Int, cols n: Int) throws -> RankEstimate? {
    let size = r.cols
    let largest = max(powerIterationNorm(r), abs(r[0, 0]))
    let tolerance = numpyTolerance(largestSingularValue: largest, rows: m, cols: n)
    var rank = 0
    while rank < size && abs(r[rank, rank]) > tolerance { rank += 1 }

    // σ_{r+1}(A) ≤ ‖R₂₂‖₂ ≤ ‖R₂₂‖_F; the exact 2-norm (small SVD) only when the Frobenius bound is not enough.
    var sigmaNext = 0.0
    if rank < size {
        let trailing = r.block(from: rank)
        sigmaNext = trailing.frobeniusNorm
        if sigmaNext > tolerance / upperMargin && size - rank <= 512 {
            sigmaNext = try singularValues(trailing).first ?? 0
        }
        guard sigmaNext <= tolerance / upperMargin else { return nil }
    }
    // σ_r(A) ≥ σ_min(R₁₁).
    var sigmaLast = 0.0
    if rank > 0 {
        sigmaLast = smallestSingularValueOfTriangle(r, size: rank)
        guard sigmaLast.isFinite, sigmaLast >= lowerMargin * tolerance else { return nil }
    }
    return RankEstimate(rank: rank, tolerance: tolerance, sigmaLast: sigmaLast, sigmaNext: sigmaNext,
                        gap: sigmaNext > 0 ? sigmaLast / sigmaNext : .infinity, singularValues: [])
}
