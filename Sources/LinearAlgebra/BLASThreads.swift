#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// OpenBLAS threads small problems too. On a busy machine the second thread is often not scheduled when a
// parallel region starts, and a tiny factorisation then waits for it far longer than it computes (NumPy's
// matrix_rank of a 600 × 181 matrix took 3 s with 2 threads and 0.08 s with one at load average 17; see
// benchmarks/RESULTS.md). Below `singleThreadedWork` we therefore run LAPACK on one thread. The entry
// points are looked up at run time because the CLapack shim does not declare them and another BLAS
// (without them) must still work: then nothing changes.

private typealias ThreadCountGetter = @convention(c) () -> Int32
private typealias ThreadCountSetter = @convention(c) (Int32) -> Void

private func symbol(_ name: String) -> UnsafeMutableRawPointer? {
    #if canImport(Darwin)
    dlsym(UnsafeMutableRawPointer(bitPattern: -2), name)  // RTLD_DEFAULT
    #else
    dlsym(nil, name)  // a null handle is glibc's RTLD_DEFAULT: search the whole process
    #endif
}

private let getThreadCount: ThreadCountGetter? = symbol("openblas_get_num_threads")
    .map { unsafeBitCast($0, to: ThreadCountGetter.self) }
private let setThreadCount: ThreadCountSetter? = symbol("openblas_set_num_threads")
    .map { unsafeBitCast($0, to: ThreadCountSetter.self) }

/// m·n·min(m, n) of the largest matrix below which a factorisation runs on one thread: about 2·10⁷ flops,
/// a few milliseconds on one core, where a second thread cannot win back its start-up and barrier costs.
let singleThreadedWork = 1 << 25

/// Runs `body` with OpenBLAS on one thread when an m × n factorisation is small (see above), or whenever
/// `oneThread` says so; restores the previous count afterwards. nnid calls LAPACK from one thread at a time,
/// so the global setting is safe.
func withBLASThreads<T>(rows m: Int, cols n: Int, oneThread: Bool = false, _ body: () throws -> T) rethrows -> T {
    let work = m.multipliedReportingOverflow(by: n).partialValue.multipliedReportingOverflow(by: min(m, n))
    let small = oneThread || (!work.overflow && work.partialValue < singleThreadedWork)
    guard small, let get = getThreadCount, let set = setThreadCount else { return try body() }
    let previous = get()
    guard previous > 1 else { return try body() }
    set(1)
    defer { set(previous) }
    return try body()
}

/// Puts OpenBLAS on one thread for the rest of the process (a run of many small factorisations, such as
/// the checks of `nnid show`/`verify`); `OPENBLAS_NUM_THREADS` set by the user wins. No-op for other BLAS.
public func useOneBLASThreadUnlessConfigured() {
    guard getenv("OPENBLAS_NUM_THREADS") == nil, let set = setThreadCount else { return }
    set(1)
}
