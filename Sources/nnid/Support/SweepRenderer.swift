import ArgumentParser
import Claims
import Foundation
import KnowledgeBase

/// `nnid verify --sweep N`: runs `Sweep` per claim, records every run that ran (origin `sweep`, in batches:
/// `SweepRecorder`) and prints one row per claim with counts per status, refused grid points, the reasons
/// and the ids of the recorded runs.
enum SweepRenderer {
    struct Output: Encodable {
        var claim: String
        var runs: Int
        var passed: Int
        var failed: Int
        var inconclusive: Int
        var notApplicable: Int
        var error: Int
        var refused: Int
        var reasons: [String: Int]
        var firstFailure: String?
        var durationMs: Double
        /// The recorded runs' ids as inclusive [first, last] ranges (one unless another process wrote
        /// between two batches); empty when nothing was recorded.
        var runIDRanges: [ClosedRange<Int64>]

        var recorded: Int { runIDRanges.reduce(0) { $0 + $1.count } }

        enum CodingKeys: String, CodingKey {
            case claim, runs, passed, failed, inconclusive, error, refused, reasons, recorded
            case notApplicable = "not_applicable"
            case firstFailure = "first_failure"
            case durationMs = "duration_ms"
            case firstRunID = "first_run_id", lastRunID = "last_run_id", runIDRanges = "run_id_ranges"
        }

        // Written out so that every key is present, null when absent.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(claim, forKey: .claim)
            try c.encode(runs, forKey: .runs)
            try c.encode(passed, forKey: .passed)
            try c.encode(failed, forKey: .failed)
            try c.encode(inconclusive, forKey: .inconclusive)
            try c.encode(notApplicable, forKey: .notApplicable)
            try c.encode(error, forKey: .error)
            try c.encode(refused, forKey: .refused)
            try c.encode(reasons, forKey: .reasons)
            try c.encode(firstFailure, forKey: .firstFailure)
            try c.encode(durationMs, forKey: .durationMs)
            try c.encode(recorded, forKey: .recorded)
            try c.encode(runIDRanges.first?.lowerBound, forKey: .firstRunID)
            try c.encode(runIDRanges.last?.upperBound, forKey: .lastRunID)
            try c.encode(runIDRanges.map { [$0.lowerBound, $0.upperBound] }, forKey: .runIDRanges)
        }
    }

    static func run(_ claims: [ClaimDetail], seeds: Int, overrides: CheckParameters, format: OutputFormat,
                    session: ClaimSession) throws {
        let started = Date()
        let recorder = SweepRecorder(session: session)
        var rows: [Output] = []
        for (index, claim) in claims.enumerated() {
            Terminal.progress("[\(index + 1)/\(claims.count)] sweeping \(claim.id)")
            let defaults = (try? CheckParameters(defaults: claim.defaults)) ?? CheckParameters()
            let row = Sweep.run(checkID: claim.checkID, seeds: seeds, claimDefaults: defaults, base: overrides) {
                report, runStarted in recorder.add(report, claimID: claim.id, started: runStarted)
            }
            recorder.flush()
            rows.append(Output(claim: claim.id, runs: row.runs, passed: row.count(.passed), failed: row.count(.failed),
                               inconclusive: row.count(.inconclusive), notApplicable: row.count(.notApplicable),
                               error: row.count(.error), refused: row.refused, reasons: row.reasons,
                               firstFailure: row.firstFailure, durationMs: (row.durationMs * 10).rounded() / 10,
                               runIDRanges: recorder.runIDRanges(of: claim.id)))
        }
        Terminal.endProgress()
        let seconds = Date().timeIntervalSince(started)
        switch format {
        case .json:
            print((try? JSONOutput.string(rows)) ?? "[]")
        case .csv, .tsv:
            let headers = ["claim", "runs", "passed", "failed", "inconclusive", "not_applicable", "error", "refused", "reasons",
                           "recorded", "first_run_id", "last_run_id"]
            let cells = rows.map { r in [r.claim, String(r.runs), String(r.passed), String(r.failed),
                                         String(r.inconclusive), String(r.notApplicable), String(r.error),
                                         String(r.refused), reasonText(r.reasons), String(r.recorded),
                                         r.runIDRanges.first.map { String($0.lowerBound) } ?? "",
                                         r.runIDRanges.last.map { String($0.upperBound) } ?? ""] }
            print(format == .csv ? CSVRenderer.render(headers: headers, rows: cells)
                                 : TSVRenderer.render(headers: headers, rows: cells))
        case .table:
            print(TableRenderer.render(headers: ["claim", "runs", "passed", "failed", "inconcl.", "n/a", "error", "refused", "s"],
                                       rows: rows.map { r in [r.claim, String(r.runs), String(r.passed), String(r.failed),
                                                              String(r.inconclusive), String(r.notApplicable), String(r.error),
                                                              String(r.refused), MetricValue.format((r.durationMs / 100).rounded() / 10)] }))
            let total = rows.reduce(into: [0, 0, 0, 0, 0, 0, 0]) { t, r in
                for (i, v) in [r.runs, r.passed, r.failed, r.inconclusive, r.notApplicable, r.error, r.refused].enumerated() { t[i] += v }
            }
            print("total: \(total[0]) runs, \(total[1]) passed, \(total[2]) failed, \(total[3]) inconclusive, "
                  + "\(total[4]) not-applicable, \(total[5]) error, \(total[6]) refused; seeds 1..\(seeds); "
                  + "\(MetricValue.format((seconds * 10).rounded() / 10)) s")
            let recorded = rows.reduce(0) { $0 + $1.recorded }
            if recorded > 0 {
                print("recorded: \(recorded) runs in \(session.path) (`nnid history --origin sweep` lists them)")
            }
            let withReasons = rows.filter { !$0.reasons.isEmpty }
            if !withReasons.isEmpty { print("\nreasons (count × reason; digits shown as #):") }
            for r in withReasons {
                print("  \(r.claim):")
                for (reason, count) in r.reasons.sorted(by: { $0.value > $1.value }) { print("    \(count) × \(reason)") }
                if let first = r.firstFailure { print("    first failed/error run: nnid show \(r.claim) \(first)") }
            }
        }
        if rows.contains(where: { $0.failed > 0 || $0.error > 0 }) { throw ExitCode(ExitStatus.failure) }
    }

    static func reasonText(_ reasons: [String: Int]) -> String {
        reasons.sorted { $0.value > $1.value }.map { "\($0.value)× \($0.key)" }.joined(separator: "; ")
    }
}
