import XCTest
import Synchronization
@testable import Claims

/// `ClaimRegistry.run(batch:workers:)` (used by `nnid verify`): on several threads the reports are those of
/// lone runs, in the order of the jobs.
final class BatchRunTests: XCTestCase {
    private func withoutTimes(_ report: CheckReport) -> CheckReport {
        var report = report
        report.durationMs = 0
        return report
    }

    func testConcurrentReportsEqualLoneRunsInJobOrder() {
        // A slower check first, so the quick ones finish before it; an unknown id and a refusal too.
        var jobs = ["tanh-irreducible-uniqueness", "linear-gl-symmetry", "hidden-unit-permutation",
                    "relu-positive-rescaling", "no-such-check", "relu-path-lifting", "odd-activation-sign-flip"]
            .map { CheckJob(checkID: $0) }
        jobs.append(CheckJob(checkID: "relu-local-identifiability", overrides: CheckParameters(widths: [2, 3, 1], maxMemory: 1)))
        let lone = jobs.map { withoutTimes(ClaimRegistry.run(checkID: $0.checkID, overrides: $0.overrides)) }
        XCTAssertEqual(lone[4].status, .error, "unknown check")
        XCTAssertNotNil(lone[7].refusal, "over the memory budget: refused")
        XCTAssertTrue(lone.filter { $0.check != "no-such-check" && $0.refusal == nil }.allSatisfy { $0.status == .passed })
        for workers in [1, 2, 4] {
            let batch = ClaimRegistry.run(batch: jobs, workers: workers).map { withoutTimes($0.report) }
            XCTAssertEqual(batch.map(\.check), jobs.map(\.checkID), "workers \(workers)")
            XCTAssertEqual(batch, lone, "workers \(workers)")
        }
    }

    func testUserSizesRunOneCheckAtATime() {
        XCTAssertEqual(ClaimRegistry.workers(for: CheckParameters(widths: [2, 3, 1])), 1)
        XCTAssertEqual(ClaimRegistry.workers(for: CheckParameters(samples: 10)), 1)
        XCTAssertEqual(ClaimRegistry.workers(for: CheckParameters(maxMemory: 1 << 30)), 1)
        XCTAssertEqual(ClaimRegistry.workers(for: CheckParameters(seed: 7)), ClaimRegistry.defaultWorkers)
    }

    func testEveryJobIsReportedFinishedOnce() {
        let jobs = ["linear-gl-symmetry", "hidden-unit-permutation", "relu-path-lifting"].map { CheckJob(checkID: $0) }
        let seen = Mutex<[Int]>([])
        let results = ClaimRegistry.run(batch: jobs, workers: 2) { done, _ in seen.withLock { $0.append(done) } }
        XCTAssertEqual(results.count, 3)
        XCTAssertEqual(seen.withLock { $0.sorted() }, [1, 2, 3])
        XCTAssertTrue(ClaimRegistry.run(batch: [], workers: 2).isEmpty)
    }
}
