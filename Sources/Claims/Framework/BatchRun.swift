import Dispatch
import Foundation
import Synchronization

/// One check to run in a batch: the claim's check id, the user's overrides and the claim's stored defaults.
public struct CheckJob: Sendable {
    public var checkID: String
    public var overrides: CheckParameters
    public var claimDefaults: CheckParameters

    public init(checkID: String, overrides: CheckParameters = CheckParameters(),
                claimDefaults: CheckParameters = CheckParameters()) {
        self.checkID = checkID
        self.overrides = overrides
        self.claimDefaults = claimDefaults
    }
}

/// A finished job of a batch: its report and when it started.
public struct BatchResult: Sendable {
    public var report: CheckReport
    public var started: Date
}

extension ClaimRegistry {
    /// Runs independent checks on up to `workers` threads and returns their results in the order of `jobs`,
    /// whatever order they finish in. Checks share no mutable state and draw their inputs from their own
    /// parameters, so each report is the one a lone run would give (durations aside). `finished` is called
    /// once per job, from the worker that ran it, with the number of jobs done so far.
    public static func run(batch jobs: [CheckJob], workers: Int,
                           finished: @Sendable (_ done: Int, _ job: CheckJob) -> Void = { _, _ in })
        -> [BatchResult]
    {
        let threads = max(1, min(workers, jobs.count))
        if threads == 1 {
            return jobs.enumerated().map { index, job in
                let result = runTimed(job)
                finished(index + 1, job)
                return result
            }
        }
        // Each worker takes the next job not yet started, so one long check does not hold back the rest.
        let state = Mutex<(next: Int, done: Int, results: [BatchResult?])>(
            (0, 0, Array(repeating: nil, count: jobs.count)))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let index: Int? = state.withLock { s in
                    guard s.next < jobs.count else { return nil }
                    defer { s.next += 1 }
                    return s.next
                }
                guard let index else { return }
                let result = runTimed(jobs[index])
                let done = state.withLock { s in
                    s.results[index] = result
                    s.done += 1
                    return s.done
                }
                finished(done, jobs[index])
            }
        }
        return state.withLock { $0.results.compactMap { $0 } }
    }

    /// How many checks to run at once by default: one per core, but one when OpenBLAS may use several
    /// threads (OPENBLAS_NUM_THREADS above 1), because its thread count is a process-wide setting that
    /// changes the rounding of LAPACK results and that concurrent small factorisations would race on.
    public static var defaultWorkers: Int {
        if let value = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"], value != "1" { return 1 }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    /// Workers for a batch run with these user overrides: `defaultWorkers` at the claims' own (small) sizes;
    /// one at a time when the user sets sizes or the memory budget, since each check may then use up to the
    /// whole budget and several at once could exceed it together.
    public static func workers(for overrides: CheckParameters) -> Int {
        overrides.widths == nil && overrides.samples == nil && overrides.maxMemory == nil ? defaultWorkers : 1
    }

    private static func runTimed(_ job: CheckJob) -> BatchResult {
        let started = Date()
        let report = run(checkID: job.checkID, overrides: job.overrides, claimDefaults: job.claimDefaults)
        return BatchResult(report: report, started: started)
    }
}
