import Foundation

/// Checks factor many small matrices; OpenBLAS's worker threads then cost more in synchronisation than
/// they save (on a busy 2-core machine most of a check's wall time went to `sched_yield`). `show` and
/// `verify` ask OpenBLAS for one thread, when it is the BLAS in use; `OPENBLAS_NUM_THREADS` set by the
/// user wins.
enum BLASThreads {
    static func useOneThreadForChecks() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil,
              let symbol = dlsym(nil, "openblas_set_num_threads") else { return }
        typealias SetThreads = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: SetThreads.self)(1)
    }
}
