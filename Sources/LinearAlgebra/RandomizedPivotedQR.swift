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

/// A LAPACK workspace reused across calls; grown after each workspace query as needed.
private struct Workspace {
    var buffer = [Double](repeating: 0, count: 1)

    mutating func ensure(_ query: Double) {
        let needed = max(1, Int(query))
        if buffer.count < needed { buffer = [Double](repeating: 0, count: needed) }
    }
}

/// A·P = Q·R for a tall column-major A (rows ≥ cols) with randomized block pivoting; R is left in the upper
/// triangle (below it: reflectors, not needed by callers). `blockSize` columns are pivoted at a time.
///
/// Once a block ends with a diagonal entry at or below max|r_ii|·max(m, n)·ε (a lower bound for NumPy's
/// tolerance), the numerical rank has been passed; the remaining columns are factored without pivoting,
/// because ‖R₂₂‖ beyond that point does not depend on their order (it is the norm of the trailing matrix).
func randomizedPivotedQR(_ a: ColumnMajorMatrix, blockSize: Int, oversampling: Int = 8) throws -> ColumnMajorMatrix {
    precondition(a.rows >= a.cols, "randomizedPivotedQR expects a tall matrix")
    var out = a
    let (m, n) = (a.rows, a.cols)
    if n == 0 { return out }
    let block = max(1, min(blockSize, n))
    let sketchRows = block + oversampling
    let gaussian = gaussianSketch(count: sketchRows * m)
    var sketch = [Double](repeating: 0, count: sketchRows * n)
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(sketchRows), Int32(n), Int32(m), 1, gaussian,
                Int32(sketchRows), out.data, Int32(m), 0, &sketch, Int32(sketchRows))
    var tau = [Double](repeating: 0, count: n)
    var work = Workspace()
    let rankUnit = Double(max(m, n)) * Double.ulpOfOne
    var largestDiagonal = 0.0

    try out.data.withUnsafeMutableBufferPointer { matrixBuffer in
        try sketch.withUnsafeMutableBufferPointer { sketchBuffer in
            try tau.withUnsafeMutableBufferPointer { tauBuffer in
                let (a, y, t) = (matrixBuffer.baseAddress!, sketchBuffer.baseAddress!, tauBuffer.baseAddress!)
                var k = 0
                while k < n {
                    let width = min(block, n - k)
                    try moveSketchPivots(sketch: y, sketchRows: sketchRows, matrix: a, rows: m, from: k,
                                         to: n, count: width, work: &work)
                    try householderQR(a + k + k * m, rows: m - k, cols: width, lda: m, tau: t + k, work: &work)
                    var smallest = Double.infinity
                    for i in k..<(k + width) {
                        let d = abs(a[i + i * m])
                        smallest = min(smallest, d)
                        largestDiagonal = max(largestDiagonal, d)
                    }
                    let trailing = n - k - width
                    if trailing > 0 {
                        try applyTransposedQ(reflectors: a + k + k * m, rows: m - k, count: width, lda: m, tau: t + k,
                                             to: a + k + (k + width) * m, cols: trailing, work: &work)
                    }
                    let pastRank = !(smallest > largestDiagonal * rankUnit)  // also true for NaN
                    if trailing > 0 && !pastRank {
                        // Y₂ ← Y₂ − Y₁·R₁₁⁻¹·R₁₂: the sketch G·Q of the updated trailing rows (see the paper).
                        cblas_dtrsm(CblasColMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit,
                                    Int32(sketchRows), Int32(width), 1, a + k + k * m, Int32(m), y + k * sketchRows,
                                    Int32(sketchRows))
                        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(sketchRows), Int32(trailing),
                                    Int32(width), -1, y + k * sketchRows, Int32(sketchRows), a + k + (k + width) * m,
                                    Int32(m), 1, y + (k + width) * sketchRows, Int32(sketchRows))
                    }
                    k += width
                    if pastRank { break }
                }
                if k < n {
                    try householderQR(a + k + k * m, rows: m - k, cols: n - k, lda: m, tau: t + k, work: &work)
                }
            }
        }
    }
    return out
}

/// Chooses `count` pivots among columns from..<to by dgeqp3 on the sketch and swaps them, in that order,
/// into positions from..<from+count of both the sketch and the matrix (whole columns).
private func moveSketchPivots(sketch y: UnsafeMutablePointer<Double>, sketchRows s: Int,
                              matrix a: UnsafeMutablePointer<Double>, rows m: Int, from k: Int, to n: Int,
                              count: Int, work: inout Workspace) throws {
    let candidates = n - k
    var copy = Array(UnsafeBufferPointer(start: y + k * s, count: s * candidates))
    var pivots = [Int32](repeating: 0, count: candidates)
    var tau = [Double](repeating: 0, count: min(s, candidates))
    var rows = Int32(s), cols = Int32(candidates), lda = Int32(s), info: Int32 = 0, lwork: Int32 = -1
    var query = 0.0
    dgeqp3_(&rows, &cols, &copy, &lda, &pivots, &tau, &query, &lwork, &info)
    work.ensure(query)
    lwork = Int32(work.buffer.count)
    dgeqp3_(&rows, &cols, &copy, &lda, &pivots, &tau, &work.buffer, &lwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqp3", info: info) }
    // label → current position and back, relative to k; labels are the positions when dgeqp3 ran.
    var position = Array(0..<candidates), label = Array(0..<candidates)
    for i in 0..<count {
        let chosen = Int(pivots[i]) - 1
        let from = position[chosen]
        guard from != i else { continue }
        cblas_dswap(Int32(m), a + (k + i) * m, 1, a + (k + from) * m, 1)
        cblas_dswap(Int32(s), y + (k + i) * s, 1, y + (k + from) * s, 1)
        let displaced = label[i]
        (label[i], label[from]) = (chosen, displaced)
        (position[chosen], position[displaced]) = (i, from)
    }
}

/// dgeqrf of a rows × cols block (rows ≥ cols) in place.
private func householderQR(_ a: UnsafeMutablePointer<Double>, rows: Int, cols: Int, lda: Int,
                           tau: UnsafeMutablePointer<Double>, work: inout Workspace) throws {
    var m = Int32(rows), n = Int32(cols), ld = Int32(lda), info: Int32 = 0, lwork: Int32 = -1
    var query = 0.0
    dgeqrf_(&m, &n, a, &ld, tau, &query, &lwork, &info)
    work.ensure(query)
    lwork = Int32(work.buffer.count)
    dgeqrf_(&m, &n, a, &ld, tau, &work.buffer, &lwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqrf", info: info) }
}

/// C ← Qᵀ·C for the `count` reflectors of a dgeqrf block (dormqr: blocked, BLAS-3).
private func applyTransposedQ(reflectors v: UnsafeMutablePointer<Double>, rows: Int, count: Int, lda: Int,
                              tau: UnsafeMutablePointer<Double>, to c: UnsafeMutablePointer<Double>, cols: Int,
                              work: inout Workspace) throws {
    var side = Int8(UInt8(ascii: "L")), trans = Int8(UInt8(ascii: "T"))
    var m = Int32(rows), n = Int32(cols), k = Int32(count), ld = Int32(lda), info: Int32 = 0, lwork: Int32 = -1
    var query = 0.0
    dormqr_(&side, &trans, &m, &n, &k, v, &ld, tau, c, &ld, &query, &lwork, &info)
    work.ensure(query)
    lwork = Int32(work.buffer.count)
    dormqr_(&side, &trans, &m, &n, &k, v, &ld, tau, c, &ld, &work.buffer, &lwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dormqr", info: info) }
}
