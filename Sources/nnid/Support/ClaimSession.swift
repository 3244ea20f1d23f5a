import ArgumentParser
import Claims
import Foundation
import KnowledgeBase

/// Opens the knowledge base for the claim commands and runs checks with their stored defaults,
/// recording every run.
struct ClaimSession {
    let base: KnowledgeBase
    let path: String

    /// Opens an existing database; a missing or empty one gets an actionable message and exit status 1.
    init(database: DatabaseOptions, command: String) throws {
        path = database.path
        do {
            base = try KnowledgeBase(path: path, createIfMissing: false)
        } catch {
            Terminal.error("nnid \(command): error: \(error)")
            Terminal.error("nnid \(command): hint: run `nnid ingest` first to create \(path) from corpus/")
            throw ExitCode(ExitStatus.failure)
        }
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
            let hint = known.isEmpty ? " (the database has no claims: run `nnid ingest`)" : ""
            Terminal.error("nnid \(command): error: unknown claim '\(id)'\(hint)")
            throw ExitCode(ExitStatus.usage)
        }
        return detail
    }

    /// Runs the claim's check (user overrides over the card's defaults) and records the run.
    func verify(_ claim: ClaimDetail, overrides: CheckParameters) throws -> CheckReport {
        let started = Date()
        let report: CheckReport
        do {
            let defaults = try CheckParameters(defaults: claim.defaults)
            report = ClaimRegistry.run(checkID: claim.checkID, overrides: overrides, claimDefaults: defaults)
        } catch {
            report = ClaimRegistry.errorReport(checkID: claim.checkID, message: "invalid stored defaults: \(error)")
        }
        // A refusal ran nothing: there is no run to keep.
        if report.refusal == nil { try record(report, claimID: claim.id, started: started) }
        return report
    }

    private func record(_ report: CheckReport, claimID: String, started: Date) throws {
        let run = VerificationRun(
            claimID: claimID, checkID: report.check,
            parametersJSON: (try? JSONOutput.compact(report.parameters)) ?? "{}",
            status: RunStatus(rawValue: report.status.rawValue) ?? .error,
            metricsJSON: (try? JSONOutput.compact(report.metrics)) ?? "{}",
            controlsJSON: (try? JSONOutput.compact(report.controls)) ?? "[]",
            nnidVersion: NNIDVersion.string,
            startedAt: ISO8601DateFormatter().string(from: started),
            durationMilliseconds: Int(report.durationMs.rounded()))
        do {
            _ = try base.recordRun(run)
        } catch {
            Terminal.error("nnid: warning: could not record the run in \(path): \(error)")
        }
    }
}
