import CLapack
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The LAPACK steps of the sketch-pivoted QR (RandomizedPivotedQR.swift), each on raw column-major storage,
// with their scratch buffers allocated once per factorisation rather than once per block.

/// A LAPACK workspace reused across calls; grown after each workspace query as needed.
struct Workspace {
    var buffer = [Double](repeating: 0, count: 1)

    mutating func ensure(_ count: Int) {
        let needed = max(1, count)
        if buffer.count < needed { buffer = [Double](repeating: 0, count: needed) }
    }
}

/// The phases of the sketch-pivoted QR, in the order they run (nnid-bench jacobian-rank --phases).
public enum SketchQRPhase: String, CaseIterable, Sendable {
    case sketch, pivotChoice = "pivot_choice", permutation, panel, trailingUpdate = "trailing_update"
    case sketchUpdate = "sketch_update", unpivotedTail = "unpivoted_tail"
}

/// Wall-clock seconds per phase; only built when a caller asks for a profile, so a plain factorisation
/// reads no clock.
final class PhaseTimer {
    private(set) var seconds = [Double](repeating: 0, count: SketchQRPhase.allCases.count)

    func measure<T>(_ phase: SketchQRPhase, _ body: () throws -> T) rethrows -> T {
        let start = monotonicSeconds()
        defer { seconds[SketchQRPhase.allCases.firstIndex(of: phase)!] += monotonicSeconds() - start }
        return try body()
    }
}

/// CLOCK_MONOTONIC in seconds (nanosecond resolution).
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + 1e-9 * Double(now.tv_nsec)
}

/// `body` timed under `phase` when a timer is given, run untimed otherwise.
func timed<T>(_ phase: SketchQRPhase, _ timer: PhaseTimer?, _ body: () throws -> T) rethrows -> T {
    guard let timer else { return try body() }
    return try timer.measure(phase, body)
}

/// `body` with OpenBLAS on one thread (restored afterwards): for the small calls of each block, where
/// starting and synchronising a second thread costs more than it computes.
func onOneBLASThread<T>(_ body: () throws -> T) rethrows -> T {
    try withBLASThreads(rows: 0, cols: 0, oneThread: true, body)
}

/// Chooses the pivots of each block by dgeqp3 on a copy of the remaining sketch columns; the copy, the
/// pivot list and LAPACK's workspace are sized once for the first (largest) call.
struct SketchPivotChooser {
    let sketchRows: Int
    private var copy: [Double], pivots: [Int32], tau: [Double]
    private var work = Workspace()
    // label → current position and back, relative to the block start (reused by `swapIntoPlace`).
    private var position: [Int], label: [Int]

    init(sketchRows: Int, columns: Int) {
        self.sketchRows = sketchRows
        copy = [Double](repeating: 0, count: sketchRows * columns)
        pivots = [Int32](repeating: 0, count: columns)
        tau = [Double](repeating: 0, count: min(sketchRows, columns))
        position = [Int](repeating: 0, count: columns)
        label = [Int](repeating: 0, count: columns)
    }

    /// Runs dgeqp3 on sketch columns k..<n (`y` points at column k); the order is read by `swapIntoPlace`.
    mutating func rankColumns(sketch y: UnsafePointer<Double>, candidates: Int) throws {
        let s = sketchRows
        copy.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: y, count: s * candidates) }
        for i in 0..<candidates { pivots[i] = 0 }  // 0: free to move (dgeqp3 reads jpvt as input too)
        var rows = Int32(s), cols = Int32(candidates), lda = Int32(s), info: Int32 = 0, lwork: Int32 = -1
        var query = 0.0
        dgeqp3_(&rows, &cols, &copy, &lda, &pivots, &tau, &query, &lwork, &info)
        work.ensure(Int(query))
        lwork = Int32(work.buffer.count)
        dgeqp3_(&rows, &cols, &copy, &lda, &pivots, &tau, &work.buffer, &lwork, &info)
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqp3", info: info) }
    }

    /// Swaps the first `count` chosen columns, in order, into positions k..<k+count of the matrix (m rows,
    /// `a` at column k), of the sketch (`y` at column k) and of `order` (original column indices).
    mutating func swapIntoPlace(count: Int, candidates: Int, matrix a: UnsafeMutablePointer<Double>, rows m: Int,
                                sketch y: UnsafeMutablePointer<Double>, order: UnsafeMutablePointer<Int>) {
        let s = sketchRows
        for i in 0..<candidates { (position[i], label[i]) = (i, i) }
        for i in 0..<count {
            let chosen = Int(pivots[i]) - 1
            let from = position[chosen]
            guard from != i else { continue }
            cblas_dswap(Int32(m), a + i * m, 1, a + from * m, 1)
            cblas_dswap(Int32(s), y + i * s, 1, y + from * s, 1)
            (order[i], order[from]) = (order[from], order[i])
            let displaced = label[i]
            (label[i], label[from]) = (chosen, displaced)
            (position[chosen], position[displaced]) = (i, from)
        }
    }
}

/// dgeqrt3 of a rows × cols panel (rows ≥ cols) in place: R above the diagonal, the reflectors V below,
/// and the cols × cols factor T of the block reflector I − V·T·Vᵀ in `t` (leading dimension `ldt`). The
/// recursion is BLAS-3 throughout, where dgeqrf on a panel this narrow runs the BLAS-2 dgeqr2.
func factorPanel(_ a: UnsafeMutablePointer<Double>, rows: Int, cols: Int, lda: Int,
                 t: UnsafeMutablePointer<Double>, ldt: Int) throws {
    var m = Int32(rows), n = Int32(cols), ld = Int32(lda), ldT = Int32(ldt), info: Int32 = 0
    dgeqrt3_(&m, &n, a, &ld, t, &ldT, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqrt3", info: info) }
}

/// C ← Hᵀ·C for the block reflector H = I − V·T·Vᵀ of a `factorPanel` panel, in one dlarfb call. (dormqr
/// would rebuild T with the BLAS-2 dlarft, and for k ≤ 32 reflectors falls back to the BLAS-2 dorm2r.)
func applyPanelTransposed(reflectors v: UnsafePointer<Double>, rows: Int, count: Int, lda: Int,
                          t: UnsafePointer<Double>, ldt: Int, to c: UnsafeMutablePointer<Double>, cols: Int,
                          work: inout Workspace) {
    work.ensure(cols * count)
    var side = Int8(UInt8(ascii: "L")), trans = Int8(UInt8(ascii: "T"))
    var direct = Int8(UInt8(ascii: "F")), storev = Int8(UInt8(ascii: "C"))
    var m = Int32(rows), n = Int32(cols), k = Int32(count), ld = Int32(lda), ldT = Int32(ldt)
    var ldWork = Int32(max(1, cols))
    dlarfb_(&side, &trans, &direct, &storev, &m, &n, &k, v, &ld, t, &ldT, c, &ld, &work.buffer, &ldWork)
}

/// dgeqrf of a rows × cols block (rows ≥ cols) in place, its scalar factors in `tau`.
func householderQR(_ a: UnsafeMutablePointer<Double>, rows: Int, cols: Int, lda: Int,
                   tau: UnsafeMutablePointer<Double>, work: inout Workspace) throws {
    var m = Int32(rows), n = Int32(cols), ld = Int32(lda), info: Int32 = 0, lwork: Int32 = -1
    var query = 0.0
    dgeqrf_(&m, &n, a, &ld, tau, &query, &lwork, &info)
    work.ensure(Int(query))
    lwork = Int32(work.buffer.count)
    dgeqrf_(&m, &n, a, &ld, tau, &work.buffer, &lwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqrf", info: info) }
}
