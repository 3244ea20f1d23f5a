import ArgumentParser
import Claims
import KnowledgeBase
import LinearAlgebra

/// `nnid verify`: re-run the checks of some or all claims and record every run.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-run the checks of claims; every run is recorded.",
        discussion: HelpText.reflow("""
            Select claims by id, with --all, or with --architecture and --activation. --activation both selects
            the claims about that activation (a claim tagged `any` matches every activation) and runs their
            checks on networks with it; with claim ids it only sets the checks' activation. --widths, --seed
            and --samples override each claim's stored defaults. Progress goes to stderr when it is a
            terminal.

            JSON (--format json): an array of check reports, each with "claim", "run_id" and "started_at"
            added: claim, check, status (as below), parameters, metrics, assertions, controls (name, expected,
            observed, detected), notes, duration_ms, error (README, "JSON contracts", lists every key).

            Status: passed | failed | inconclusive | not-applicable | error (README, "Check outcomes").
            Exit status: 0 every check passed, was inconclusive or not-applicable; 1 a check failed or could
            not run; 2 usage error (unknown claim, bad parameters, parameters a check refuses as outside its
            scope, an estimate over --max-memory).

            --sweep N runs each selected claim over seeds 1..N and its grid of widths, activations and
            sample counts, and prints one row per claim: runs and counts per status, refused grid points,
            and the reasons for every non-passed outcome. Exit status 1 if any run failed or errored. Every
            run that ran is recorded with origin sweep (refused grid points ran nothing and are only
            counted), in batches of 500 per transaction; JSON and CSV rows add recorded, first_run_id,
            last_run_id (and, in JSON, run_id_ranges: [first, last] pairs). `nnid history --origin sweep`
            lists the runs.

            Examples:
              nnid verify --all
              nnid verify relu-local-identifiability --widths 2,5,1 --samples 60
              nnid verify --architecture mlp --activation relu --format json
              nnid verify hidden-unit-permutation --activation logistic
            """))

    @Argument(help: "Claim ids to verify.", completion: Completions.claimIDs)
    var claims: [String] = []

    @Flag(name: .long, help: "Verify every claim.")
    var all = false

    @Option(name: .long, help: "Only claims about this architecture: mlp, cnn, rnn, residual or attention.",
            completion: Completions.architectures)
    var architecture: String?

    @Option(name: .long, help: "Only claims about this activation, checked on networks with it (tanh, relu, ...).", completion: Completions.activations)
    var activation: String?

    @Option(name: .long, help: ArgumentHelp("Run each claim over seeds 1..N and its parameter grid; print a table of outcomes.", valueName: "N"))
    var sweep: Int?

    @OptionGroup var check: CheckOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        try ClaimFilters.validateArchitecture(architecture)
        if claims.isEmpty && !all && architecture == nil && activation == nil {
            throw ValidationError("name claims to verify, or use --all, --architecture or --activation")
        }
        _ = try check.parameters(activation: activation)
        if let sweep, sweep < 1 || sweep > 10_000 {
            throw ValidationError("--sweep takes a number of seeds between 1 and 10000, got \(sweep)")
        }
    }

    func run() throws {
        let overrides = try check.parameters(activation: activation)
        // Checks factor many small matrices: OpenBLAS threads cost more in synchronisation than they save.
        useOneBLASThreadUnlessConfigured()
        let session = try ClaimSession(database: database, command: "verify", recordsRuns: true)
        var selected: [ClaimDetail]
        if claims.isEmpty {
            do {
                let (architectureTag, activationTags) = try ClaimFilters.tags(architecture: architecture,
                                                                              activation: activation)
                selected = try session.base.claimDetails(architecture: architectureTag, activationTags: activationTags)
            } catch {
                Terminal.error("nnid verify: error: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            guard !selected.isEmpty else {
                Terminal.error("nnid verify: error: no claims match (run `nnid ingest` if the database is empty)")
                throw ExitCode(ExitStatus.failure)
            }
        } else {
            selected = try claims.map { try session.claim($0, command: "verify") }
        }
        // --limit on verify bounds the work, not only the rows: the first N selected claims are run.
        selected = output.limited(selected)
        if let sweep {
            try SweepRenderer.run(selected, seeds: sweep, overrides: overrides, format: output.resolved,
                                  session: session)
            return
        }
        // The checks are independent: they run on every core (ClaimRegistry.workers(for:)), and their
        // reports are recorded and printed in the order of `selected`.
        let recorded = try session.verify(selected, overrides: overrides, origin: .verify,
                                          workers: ClaimRegistry.workers(for: overrides)) { done, count in
            Terminal.progress("[\(done)/\(count)] checks done")
        }
        Terminal.endProgress()
        let results = zip(selected, recorded).map { VerifyResult(claim: $0.id, recorded: $1) }
        render(results)
        let refusals = results.filter { $0.report.refusal != nil }
        for refused in refusals { Terminal.error("nnid verify: error: \(refused.claim): \(refused.report.refusal ?? "")") }
        if !refusals.isEmpty { throw ExitCode(ExitStatus.usage) }
        if results.contains(where: { $0.report.status.exitCode != 0 }) {
            throw ExitCode(ExitStatus.failure)
        }
    }

    private func render(_ results: [VerifyResult]) {
        switch output.resolved {
        case .json:
            print((try? JSONOutput.string(results)) ?? "[]")
        case .csv, .tsv:
            output.printRows(headers: ["claim", "status", "controls_detected", "duration_ms", "run_id", "summary"],
                             rows: results.map { [$0.claim, $0.report.status.rawValue, controls($0.report),
                                                  MetricValue.format($0.report.durationMs),
                                                  $0.runID.map(String.init) ?? "", summary($0.report)] })
        case .table:
            print(TableRenderer.render(headers: ["claim", "status", "controls", "ms", "key numbers"],
                                       rows: results.map { [$0.claim, ReportRenderer.statusLabel($0.report.status),
                                                            controls($0.report), ReportSummary.number($0.report.durationMs),
                                                            summary($0.report)] }))
            let counts = Dictionary(grouping: results, by: { $0.report.status }).mapValues(\.count)
            let total = results.reduce(0.0) { $0 + $1.report.durationMs }
            print(CheckStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
                  + " in \(ReportSummary.number(total)) ms")
        }
    }

    private func controls(_ report: CheckReport) -> String {
        "\(report.controls.filter(\.detected).count)/\(report.controls.count)"
    }

    /// The numbers a reader looks for first: ranks, residuals, verdicts, group orders.
    private func summary(_ report: CheckReport) -> String {
        if let refusal = report.refusal { return "refused: \(refusal)" }
        if let error = report.error { return error }
        if report.status == .notApplicable, let why = report.notApplicable.first { return "not applicable: \(why)" }
        return ReportSummary.keyResult(report) ?? ""
    }
}

/// One element of `nnid verify --format json`: the report with the claim id, the recorded run's id
/// (`run_id`, null when it could not be recorded) and its `started_at` added.
struct VerifyResult: Encodable {
    var claim: String
    var report: CheckReport
    var runID: Int64?
    var startedAt: String

    init(claim: String, recorded: RecordedReport) {
        self.claim = claim
        report = recorded.report
        runID = recorded.runID
        startedAt = recorded.startedAt
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(claim, forKey: DynamicKey("claim"))
        try container.encode(runID, forKey: DynamicKey("run_id"))
        try container.encode(startedAt, forKey: DynamicKey("started_at"))
        // Documented keys are always present: `error` is null when the check ran.
        try ReportOutput(report: report).encode(to: encoder)
    }
}

/// A string coding key, for adding a field to another type's keyed container.
struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
