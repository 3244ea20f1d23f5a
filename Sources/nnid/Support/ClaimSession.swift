import ArgumentParser
import Claims
import Foundation
import KnowledgeBase

/// Opens the knowledge base for the claim commands and runs checks with their stored defaults,
/// recording every run.
struct ClaimSession {
    let base: KnowledgeBase
    let path: String
    /// False when the database could only be opened read-only: runs are then reported, not recorded.
    let recording: Bool

    /// Opens an existing database: for writing when the command records runs (falling back to reading,
    /// with a warning, when the database is read-only), else read-only. A missing or empty one gets an
    /// actionable message; each database problem its own exit status.
    init(database: DatabaseOptions, command: String, recordsRuns: Bool = false) throws {
        path = database.path
        do {
            do {
                base = recordsRuns ? try database.openForWriting(createIfMissing: false) : try database.openForReading()
            } catch .readOnlyDatabase(_, let reason) where recordsRuns {
                Terminal.error("nnid \(command): warning: \(reason): this run will not be recorded in \(path)")
                base = try database.openForReading()
            }
        } catch {
            // The error says what to do (e.g. "run `nnid ingest` first"); one line, no second hint.
            throw Terminal.failure(command, error)
        }
        recording = base.isWritable
    }

    func claim(_ id: String, command: String) throws -> ClaimDetail {
        let detail: ClaimDetail?
        do {
            detail = try base.claim(id: id)
        } catch {
            Terminal.error("nnid \(command): error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        guard let detail else {
            let known = (try? base.claims().map(\.id)) ?? []
            let hint = known.isEmpty ? " (the database has no claims: run `nnid ingest`)" : " (`nnid claims` lists them)"
            throw Suggestions.unknown("claim", id, among: known, command: command, extra: hint)
        }
        return detail
    }

    /// Runs the claim's check (user overrides over the card's defaults) and records the run.
    func verify(_ claim: ClaimDetail, overrides: CheckParameters, origin: RunOrigin) throws -> RecordedReport {
        try verify([claim], overrides: overrides, origin: origin, workers: 1)[0]
    }

    /// Runs the checks of `claims` on up to `workers` threads (they are independent) and records the runs in
    /// the order of `claims`, so the history and the output do not depend on which check finished first.
    func verify(_ claims: [ClaimDetail], overrides: CheckParameters, origin: RunOrigin, workers: Int,
                finished: @Sendable (_ done: Int, _ claimCount: Int) -> Void = { _, _ in }) throws -> [RecordedReport]
    {
        var jobs: [CheckJob?] = []
        var invalid: [Int: CheckReport] = [:]
        for (index, claim) in claims.enumerated() {
            do {
                jobs.append(CheckJob(checkID: claim.checkID, overrides: overrides,
                                     claimDefaults: try CheckParameters(defaults: claim.defaults)))
            } catch {
                jobs.append(nil)
                invalid[index] = ClaimRegistry.errorReport(checkID: claim.checkID,
                                                           message: "invalid stored defaults: \(error)")
            }
        }
        let count = claims.count
        var results = ClaimRegistry.run(batch: jobs.compactMap { $0 }, workers: workers) { done, _ in
            finished(done, count)
        }.makeIterator()
        let formatter = ISO8601DateFormatter()
        return claims.indices.map { index in
            let (report, started) = invalid[index].map { ($0, Date()) }
                ?? results.next().map { ($0.report, $0.started) } ?? (ClaimRegistry.errorReport(
                    checkID: claims[index].checkID, message: "the check did not run"), Date())
            let startedAt = formatter.string(from: started)
            // A refusal ran nothing: there is no run to keep.
            let runID = report.refusal == nil
                ? record(report, claimID: claims[index].id, startedAt: startedAt, origin: origin) : nil
            return RecordedReport(report: report, runID: runID, startedAt: startedAt)
        }
    }

    /// Stores the run; a database that cannot take it costs a warning, not the report.
    private func record(_ report: CheckReport, claimID: String, startedAt: String, origin: RunOrigin) -> Int64? {
        let run = VerificationRun(report: report, claimID: claimID, startedAt: startedAt, origin: origin)
        guard recording else { return nil }
        do {
            return try base.recordRun(run)
        } catch {
            Terminal.error("nnid: warning: could not record the run in \(path): \(error)")
            return nil
        }
    }
}

/// A check's report with the id and start time of its recorded run.
struct RecordedReport {
    var report: CheckReport
    /// nil when the database could not record the run (a warning was printed).
    var runID: Int64?
    var startedAt: String
}

extension VerificationRun {
    /// The record of one check report: everything the report measured, as JSON columns.
    init(report: CheckReport, claimID: String, startedAt: String, origin: RunOrigin) {
        self.init(
            claimID: claimID, checkID: report.check,
            parametersJSON: (try? JSONOutput.compact(report.parameters)) ?? "{}",
            status: RunStatus(rawValue: report.status.rawValue) ?? .error,
            metricsJSON: (try? JSONOutput.compact(report.metrics)) ?? "{}",
            controlsJSON: (try? JSONOutput.compact(report.controls)) ?? "[]",
            nnidVersion: NNIDVersion.string,
            startedAt: startedAt,
            durationMilliseconds: Int(report.durationMs.rounded()),
            origin: origin,
            assertionsJSON: (try? JSONOutput.compact(report.assertions)) ?? "[]",
            notesJSON: (try? JSONOutput.compact(report.notes)) ?? "[]")
    }
}
