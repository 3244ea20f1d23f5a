import CLapack
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Column-pivoted QR at the speed of blocked (BLAS-3) QR: the pivots of each block of b columns are chosen
// by dgeqp3 on a small (b + p) × n random sketch Y = G·A instead of on A itself, then the block is factored
// and the rest of A updated with Householder blocks, as dgeqrf does. After each block the sketch of the
// remaining columns is downdated, not recomputed. This is the scheme of Martinsson, Quintana-Ortí, Heavner
// and van de Geijn ("HQRRP", SIAM J. Sci. Comput. 39(2), 2017); the code here is our own.
//
// Why it is safe for a rank decision: `confirmedRank` uses σ_{r+1} ≤ ‖R₂₂‖₂ and σ_r ≥ σ_min(R₁₁), which
// hold for A·P = Q·R with ANY column order. Pivots chosen badly (an unlucky sketch) can only make that
// confirmation fail, and then the caller falls back to the singular values of R.

/// A reproducible Gaussian matrix (Box–Muller on a fixed 64-bit linear congruential stream).
func gaussianSketch(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [Double] {
    var state = seed
    func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) * 0x1.0p-53  // in (0, 1): the logarithm below stays finite
    }
    var out = [Double](repeating: 0, count: count)
    var i = 0
    while i < count {
        let radius = (-2 * log(uniform())).squareRoot(), angle = 2 * Double.pi * uniform()
        out[i] = radius * cos(angle)
        if i + 1 < count { out[i + 1] = radius * sin(angle) }
        i += 2
    }
    return out
}

/// The factorisation A·P = Q·R of `sketchPivotedQR`: R in the upper triangle of `factor`, below it the
/// Householder vectors v_i (unit first entry implied) with Q = H₁⋯H_n, H_i = I − τ_i·v_i·v_iᵀ, and
/// column j of A·P is column `columnOrder[j]` of A.
struct SketchPivotedQR {
    var factor: ColumnMajorMatrix
    var tau: [Double]
    var columnOrder: [Int]
}

/// A·P = Q·R for a tall column-major A (rows ≥ cols) with randomized block pivoting; R is left in the upper
/// triangle (below it: reflectors, not needed by callers). `blockSize` columns are pivoted at a time.
func randomizedPivotedQR(_ a: ColumnMajorMatrix, blockSize: Int, oversampling: Int = 8) throws -> ColumnMajorMatrix {
    try sketchPivotedQR(a, blockSize: blockSize, oversampling: oversampling).factor
}

/// The whole factorisation (see `SketchPivotedQR`); `timer`, when given, collects the time of each phase.
///
/// Each block: dgeqp3 on the sketch picks `blockSize` pivots, whole columns are swapped into place, the
/// panel is factored by the recursive dgeqrt3 (which also returns T of its block reflector) and the
/// trailing matrix updated by one dlarfb with that T. Once a block ends with a diagonal entry at or below
/// max|r_ii|·max(m, n)·ε (a lower bound for NumPy's tolerance), the numerical rank has been passed; the
/// remaining columns are factored by dgeqrf without pivoting, because ‖R₂₂‖ beyond that point does not
/// depend on their order (it is the norm of the trailing matrix).
///
/// Only the trailing update (and the first sketch and the tail, single large calls) use all BLAS threads:
/// the sketch pivoting, the swaps, the panel and the sketch downdate are many small calls that a second
/// OpenBLAS thread slows down (benchmarks/notes.md, round 5 — hqrrp15).
func sketchPivotedQR(_ a: ColumnMajorMatrix, blockSize: Int, oversampling: Int = 8,
                     timer: PhaseTimer? = nil) throws -> SketchPivotedQR {
    precondition(a.rows >= a.cols, "randomizedPivotedQR expects a tall matrix")
    var result = SketchPivotedQR(factor: a, tau: [Double](repeating: 0, count: a.cols), columnOrder: Array(0..<a.cols))
    let (m, n) = (a.rows, a.cols)
    if n == 0 { return result }
    let block = max(1, min(blockSize, n))
    let sketchRows = block + oversampling
    var sketch = [Double](repeating: 0, count: sketchRows * n)
    timed(.sketch, timer) {
        let gaussian = gaussianSketch(count: sketchRows * m)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(sketchRows), Int32(n), Int32(m), 1, gaussian,
                    Int32(sketchRows), result.factor.data, Int32(m), 0, &sketch, Int32(sketchRows))
    }
    var chooser = SketchPivotChooser(sketchRows: sketchRows, columns: n)
    var blockReflector = [Double](repeating: 0, count: block * block)  // T of the current panel
    var work = Workspace()
    let rankUnit = Double(max(m, n)) * Double.ulpOfOne
    var largestDiagonal = 0.0

    try result.factor.data.withUnsafeMutableBufferPointer { matrixBuffer in
        try sketch.withUnsafeMutableBufferPointer { sketchBuffer in
            try result.tau.withUnsafeMutableBufferPointer { tauBuffer in
                try result.columnOrder.withUnsafeMutableBufferPointer { orderBuffer in
                    try blockReflector.withUnsafeMutableBufferPointer { tBuffer in
                        let (a, y, tau) = (matrixBuffer.baseAddress!, sketchBuffer.baseAddress!, tauBuffer.baseAddress!)
                        let (order, t) = (orderBuffer.baseAddress!, tBuffer.baseAddress!)
                        var k = 0
                        while k < n {
                            let width = min(block, n - k), trailing = n - k - width
                            let (panel, sketchBlock) = (a + k + k * m, y + k * sketchRows)
                            try onOneBLASThread {
                                try timed(.pivotChoice, timer) {
                                    try chooser.rankColumns(sketch: sketchBlock, candidates: n - k)
                                }
                                timed(.permutation, timer) {
                                    chooser.swapIntoPlace(count: width, candidates: n - k, matrix: a + k * m, rows: m,
                                                          sketch: sketchBlock, order: order + k)
                                }
                                try timed(.panel, timer) {
                                    try factorPanel(panel, rows: m - k, cols: width, lda: m, t: t, ldt: block)
                                }
                            }
                            var smallest = Double.infinity
                            for i in 0..<width {
                                tau[k + i] = t[i + i * block]  // dgeqrt3 leaves τ_i on the diagonal of T
                                let d = abs(panel[i + i * m])
                                smallest = min(smallest, d)
                                largestDiagonal = max(largestDiagonal, d)
                            }
                            if trailing > 0 {
                                timed(.trailingUpdate, timer) {
                                    applyPanelTransposed(reflectors: panel, rows: m - k, count: width, lda: m, t: t,
                                                         ldt: block, to: panel + width * m, cols: trailing, work: &work)
                                }
                            }
                            let pastRank = !(smallest > largestDiagonal * rankUnit)  // also true for NaN
                            if trailing > 0 && !pastRank {
                                onOneBLASThread {
                                    timed(.sketchUpdate, timer) {
                                        downdateSketch(sketchBlock, sketchRows: sketchRows, width: width,
                                                       trailing: trailing, panel: panel, lda: m)
                                    }
                                }
                            }
                            k += width
                            if pastRank { break }
                        }
                        if k < n {
                            try timed(.unpivotedTail, timer) {
                                try householderQR(a + k + k * m, rows: m - k, cols: n - k, lda: m, tau: tau + k,
                                                  work: &work)
                            }
                        }
                    }
                }
            }
        }
    }
    return result
}

/// Y₂ ← Y₂ − Y₁·R₁₁⁻¹·R₁₂: the sketch G·Q of the updated trailing rows (Martinsson et al., section 4), at
/// the cost of a small triangular solve and product instead of a new sketch of the trailing matrix.
private func downdateSketch(_ y: UnsafeMutablePointer<Double>, sketchRows s: Int, width: Int, trailing: Int,
                            panel r: UnsafePointer<Double>, lda m: Int) {
    cblas_dtrsm(CblasColMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(s), Int32(width), 1, r,
                Int32(m), y, Int32(s))
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(s), Int32(trailing), Int32(width), -1, y, Int32(s),
                r + width * m, Int32(m), 1, y + width * s, Int32(s))
}

/// For benchmarks (nnid-bench jacobian-rank --phases): the sketch-pivoted QR of `matrix` in the tall
/// orientation `fastNumericalRank` factors, with the wall time of each phase in `SketchQRPhase` order and the
/// total. BLAS threads are left as the caller set them.
public func sketchPivotedQRPhaseTimes(_ matrix: Matrix, blockSize: Int) throws
    -> (phases: [(phase: SketchQRPhase, seconds: Double)], total: Double) {
    try matrix.requireFinite()
    let (m, n) = (matrix.rows, matrix.cols)
    let tall = ColumnMajorMatrix(rows: max(m, n), cols: min(m, n), data: m <= n ? matrix.storage : matrix.transposed.storage)
    let timer = PhaseTimer()
    let start = monotonicSeconds()
    _ = try sketchPivotedQR(tall, blockSize: blockSize, timer: timer)
    let total = monotonicSeconds() - start
    return (Array(zip(SketchQRPhase.allCases, timer.seconds)).map { (phase: $0.0, seconds: $0.1) }, total)
}
