import ArgumentParser
import Foundation
import KnowledgeBase

/// `nnid history`: the recorded verification runs; `--run ID` (or `nnid run ID`) shows one in full.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded verification runs, newest first, or show one run in full.",
        discussion: HelpText.reflow("""
            Every run of `nnid show`, `nnid verify` and `verify --sweep` is recorded with its claim, parameters,
            status, metrics, assertions, controls, notes, origin (show, verify or sweep), nnid version, start
            time and duration. `nnid analyze` records its analysis too (origin analyze, check
            network-analysis, no claim: claim_id is null) when the database already exists: parameters name
            the network and sample files with their SHA-256, metrics hold the verdict, rank, max_rank, gap and
            group order. `--run ID` prints one run in full; the run id is in the `run_id` key of
            `show`/`verify`/`analyze --format json` and in the first column here.

            JSON (--format json): an array of objects with id, claim_id, check_id, origin, parameters,
            status, metrics, assertions, controls, notes, nnid_version, started_at and duration_ms
            (parameters, metrics, assertions, controls and notes as JSON). CSV and TSV columns carry the
            same names: id, claim_id, check_id, origin, status, started_at, duration_ms, nnid_version,
            parameters.

            Examples:
              nnid history
              nnid history relu-local-identifiability --origin verify --format json
              nnid history --origin analyze
              nnid history --run 17
            """))

    @Argument(help: "Only runs of this claim.", completion: Completions.claimIDs)
    var claim: String?

    @Option(name: .customLong("run"), help: "Show this run in full (its id from the listing or from run_id).")
    var runID: Int64?

    @Option(name: .long, help: "Only runs started by this command: show, verify, analyze or sweep.")
    var origin: RunOrigin?

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let session = try ClaimSession(database: database, command: "history")
        if let runID {
            try RunPage.print(id: runID, session: session, output: output, command: "history")
            return
        }
        if let claim { _ = try session.claim(claim, command: "history") }
        var runs: [VerificationRun]
        do {
            runs = try session.base.runs(claimID: claim, origin: origin)
        } catch {
            Terminal.error("nnid history: error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        runs.sort { ($0.id ?? 0) > ($1.id ?? 0) }
        let total = runs.count
        runs = output.limited(runs)
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(runs.map(HistoryEntry.init)))
        case .csv, .tsv:
            output.printRows(headers: ["id", "claim_id", "check_id", "origin", "status", "started_at", "duration_ms",
                                       "nnid_version", "parameters"], rows: runs.map(Self.row))
        case .table:
            print(TableRenderer.render(headers: ["id", "claim", "check", "origin", "status", "started", "ms",
                                                 "version", "parameters"], rows: runs.map(Self.row)))
            print("\(total) run\(total == 1 ? "" : "s")" + (total > runs.count ? " (showing \(runs.count))" : ""))
        }
    }

    static func row(_ run: VerificationRun) -> [String] {
        [run.id.map(String.init) ?? "", run.claimID ?? "", run.checkID, run.origin.rawValue, run.status.rawValue,
         run.startedAt, String(run.durationMilliseconds), run.nnidVersion, run.parametersJSON]
    }
}

extension RunOrigin: ExpressibleByArgument {}

/// `nnid run ID`: one recorded run in full (the same as `nnid history --run ID`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Show one recorded verification run in full.",
        discussion: HelpText.reflow("""
            Same as `nnid history --run ID`. JSON (--format json): one object with the keys of
            `nnid history --format json`.

            Example:
              nnid run 17
            """))

    @Argument(help: "The run id (from `nnid history` or the run_id of show/verify JSON).")
    var id: Int64

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let session = try ClaimSession(database: database, command: "run")
        try RunPage.print(id: id, session: session, output: output, command: "run")
    }
}

/// The full page of one run: header, parameters, metrics, assertions, controls and notes.
enum RunPage {
    static func print(id: Int64, session: ClaimSession, output: FormatOptions, command: String) throws {
        let found: VerificationRun?
        do {
            found = try session.base.run(id: id)
        } catch {
            Terminal.error("nnid \(command): error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        guard let run = found else {
            let newest = (try? session.base.runs().last?.id) ?? nil
            let hint = newest.map { " (run ids go from 1 to \($0); `nnid history` lists them)" }
                ?? " (no runs are recorded yet; `nnid verify --all` makes some)"
            Terminal.error("nnid \(command): error: no run with id \(id)\(hint)")
            throw ExitCode(ExitStatus.usage)
        }
        if output.resolved == .json {
            Swift.print(try JSONOutput.string(HistoryEntry(run)))
            return
        }
        Swift.print(text(run))
    }

    static func text(_ run: VerificationRun) -> String {
        let id = run.id.map(String.init) ?? "?"
        let header = "run \(id): \(subject(of: run)) — \(run.status.rawValue)"
        let origin = "  origin \(run.origin.rawValue), started \(run.startedAt), \(run.durationMilliseconds) ms, "
        var lines: [String] = [header, origin + "nnid \(run.nnidVersion), check \(run.checkID)"]
        lines += section("parameters", RawJSON(run.parametersJSON).value)
        lines += section("metrics", RawJSON(run.metricsJSON).value)
        lines += section("assertions", RawJSON(run.assertionsJSON).value)
        lines += section("controls", RawJSON(run.controlsJSON).value)
        lines += section("notes", RawJSON(run.notesJSON).value)
        return lines.joined(separator: "\n")
    }

    /// What the run was about: its claim, or for an analysis (no claim) the network file and the verdict.
    static func subject(of run: VerificationRun) -> String {
        if let claim = run.claimID { return claim }
        guard run.origin == .analyze, case .object(let parameters) = RawJSON(run.parametersJSON).value,
              case .string(let network)? = parameters["network"] else { return run.checkID }
        var verdict = ""
        if case .object(let metrics) = RawJSON(run.metricsJSON).value, case .string(let v)? = metrics["verdict"] {
            verdict = ", verdict \(v)"
        }
        return "analysis of \(TerminalText.escape(network))\(verdict)"
    }

    /// A JSON object as "key = value" lines, an array of objects one element per line.
    private static func section(_ title: String, _ value: JSONValue) -> [String] {
        switch value {
        case .object(let fields) where !fields.isEmpty:
            return ["", title + ":"] + fields.keys.sorted().map { "  \($0) = \(fields[$0].map(compact) ?? "")" }
        case .array(let items) where !items.isEmpty:
            return ["", title + ":"] + items.map { "  - " + compact($0) }
        default:
            return []
        }
    }

    private static func compact(_ value: JSONValue) -> String {
        switch value {
        case .object(let fields):
            return fields.keys.sorted().map { "\($0): \(fields[$0].map(compact) ?? "")" }.joined(separator: "; ")
        case .array(let items): return items.map(compact).joined(separator: ", ")
        default:
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            let data = (try? encoder.encode(value)) ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            return text.hasPrefix("\"") ? String(text.dropFirst().dropLast()) : text
        }
    }
}

/// A run with its JSON columns decoded, so `history --format json` nests objects instead of strings.
struct HistoryEntry: Encodable {
    var run: VerificationRun

    init(_ run: VerificationRun) { self.run = run }

    enum CodingKeys: String, CodingKey {
        case id, claimID = "claim_id", checkID = "check_id", origin, parameters, status, metrics, assertions, controls
        case notes, nnidVersion = "nnid_version", startedAt = "started_at", durationMilliseconds = "duration_ms"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run.id, forKey: .id)
        try c.encode(run.claimID, forKey: .claimID)
        try c.encode(run.checkID, forKey: .checkID)
        try c.encode(run.origin, forKey: .origin)
        try c.encode(RawJSON(run.parametersJSON), forKey: .parameters)
        try c.encode(run.status, forKey: .status)
        try c.encode(RawJSON(run.metricsJSON), forKey: .metrics)
        try c.encode(RawJSON(run.assertionsJSON), forKey: .assertions)
        try c.encode(RawJSON(run.controlsJSON), forKey: .controls)
        try c.encode(RawJSON(run.notesJSON), forKey: .notes)
        try c.encode(run.nnidVersion, forKey: .nnidVersion)
        try c.encode(run.startedAt, forKey: .startedAt)
        try c.encode(run.durationMilliseconds, forKey: .durationMilliseconds)
    }
}
