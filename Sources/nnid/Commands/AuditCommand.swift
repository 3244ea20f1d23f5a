import ArgumentParser
import Claims
import Foundation
import KnowledgeBase

/// `nnid audit`: how far to trust the base — anomalies, gaps and unconfirmed facts.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Report data-quality problems: anachronistic citations, duplicates, unverified facts, claim gaps.",
        discussion: HelpText.reflow("""
            Errors (exit status 1):
            - anachronistic-citation: a citing work older than the cited one by more than --tolerance years
              (default 1, for preprints cited before their version of record).
            - claim-without-source: a claim no work states.
            - claim-without-check: a claim whose check nnid cannot run.
            - deduction-contradiction: a fact derived both true and false on an architecture of the
              consistency grid (every kind × registry activation × width patterns).
            - claim-without-machine-form, claim-never-applies: a claim without a deduction: block, or one
              that applies nowhere on the grid.

            Warnings (exit status 0 when there are only warnings):
            - probable-duplicate: same normalized title, near-identical titles by the same first author, or
              an arXiv DOI on one work and the same arXiv id on another.
            - edge-to-stub: edges touching a work known only from a reference.
            - unverified-work, unverified-edge, unverified-claim: facts not yet confirmed in a primary source
              or by the curated corpus (records imported from your own files are unverified; an edge is
              verified when one of its sources is).
            - check-without-claim: a check in the checks table no claim uses.

            Acknowledged (exit status 0): a finding about a known anomaly the corpus records on purpose
            (status `acknowledged` in corpus/citations.csv, e.g. the MaRDI page's Mat01 -> VB21); it is
            still listed, with severity "acknowledged", but is not an error.

            JSON (--format json): an array of {"severity", "kind", "subject", "message"}, errors first,
            then acknowledged findings, then warnings. CSV and TSV: the same four columns with a header.

            Exit status: 0 no errors (the shipped corpus audits clean), 1 errors found (or the database
            cannot be read), 2 usage error.

            Example:
              nnid audit --format json | jq '.[] | select(.severity == "error")'
            """))

    @Option(name: .long, help: "Years a citing work may predate the cited one (preprints).")
    var tolerance = 1

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if tolerance < 0 { throw ValidationError("--tolerance must be 0 or more") }
    }

    func run() throws {
        let findings: [AuditFinding]
        do {
            let kb = try database.openForReading()
            let checks = Set(ClaimRegistry.all.map(\.id))
            findings = try kb.audit(AuditOptions(preprintToleranceYears: tolerance, executableChecks: checks))
        } catch {
            throw Terminal.failure("audit", error)
        }
        let shown = output.limited(findings)
        let rows = shown.map { [$0.severity.rawValue, $0.kind.rawValue, $0.subject, $0.message] }
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(shown))
        case .csv, .tsv:
            output.printRows(headers: ["severity", "kind", "subject", "message"], rows: rows)
        case .table:
            if findings.isEmpty {
                print("no findings: the base is clean")
            } else {
                print(TableRenderer.render(headers: ["severity", "kind", "subject", "message"], rows: rows))
            }
            let count = { (s: AuditSeverity) in findings.filter { $0.severity == s }.count }
            let errors = count(.error), acknowledged = count(.acknowledged), warnings = count(.warning)
            print("\(errors) error\(errors == 1 ? "" : "s"), \(acknowledged) acknowledged, "
                  + "\(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.failure) }
    }
}
