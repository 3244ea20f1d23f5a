import ArgumentParser
import KnowledgeBase

/// `nnid history`: the recorded verification runs.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List recorded verification runs, newest first.",
        discussion: """
            Every run of `nnid show` and `nnid verify` is recorded with its claim, parameters, status, metrics,
            controls, nnid version, start time and duration.

            JSON (--format json): an array of objects with id, claim_id, check_id, parameters, status, metrics,
            controls, nnid_version, started_at and duration_ms (parameters, metrics and controls as JSON).

            Examples:
              nnid history
              nnid history relu-local-identifiability --format json
            """)

    @Argument(help: "Only runs of this claim.")
    var claim: String?

    @Option(name: .long, help: "Show at most this many runs.")
    var limit: Int?

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("invalid --limit \(limit): must be a positive integer") }
    }

    func run() throws {
        let session = try ClaimSession(database: database, command: "history")
        if let claim { _ = try session.claim(claim, command: "history") }
        var runs: [VerificationRun]
        do {
            runs = try session.base.runs(claimID: claim)
        } catch {
            Terminal.error("nnid history: error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        runs.sort { ($0.id ?? 0) > ($1.id ?? 0) }
        if let limit { runs = Array(runs.prefix(limit)) }
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(runs.map(HistoryEntry.init)))
        case .csv:
            print(CSVRenderer.render(headers: ["id", "claim", "status", "started_at", "duration_ms", "version", "parameters"],
                                     rows: runs.map(row)))
        case .table:
            print(TableRenderer.render(headers: ["id", "claim", "status", "started", "ms", "version", "parameters"],
                                       rows: runs.map(row)))
            print("\(runs.count) run\(runs.count == 1 ? "" : "s")")
        }
    }

    private func row(_ run: VerificationRun) -> [String] {
        [run.id.map(String.init) ?? "", run.claimID ?? "", run.status.rawValue, run.startedAt,
         String(run.durationMilliseconds), run.nnidVersion, run.parametersJSON]
    }
}

/// A run with its JSON columns decoded, so `history --format json` nests objects instead of strings.
struct HistoryEntry: Encodable {
    var run: VerificationRun

    init(_ run: VerificationRun) { self.run = run }

    enum CodingKeys: String, CodingKey {
        case id, claimID = "claim_id", checkID = "check_id", parameters, status, metrics, controls
        case nnidVersion = "nnid_version", startedAt = "started_at", durationMilliseconds = "duration_ms"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run.id, forKey: .id)
        try c.encode(run.claimID, forKey: .claimID)
        try c.encode(run.checkID, forKey: .checkID)
        try c.encode(RawJSON(run.parametersJSON), forKey: .parameters)
        try c.encode(run.status, forKey: .status)
        try c.encode(RawJSON(run.metricsJSON), forKey: .metrics)
        try c.encode(RawJSON(run.controlsJSON), forKey: .controls)
        try c.encode(run.nnidVersion, forKey: .nnidVersion)
        try c.encode(run.startedAt, forKey: .startedAt)
        try c.encode(run.durationMilliseconds, forKey: .durationMilliseconds)
    }
}
