import ArgumentParser
import Claims
import KnowledgeBase
import LinearAlgebra

/// `nnid show CLAIM`: the statement, its sources and a live verification run.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a claim: statement, hypotheses, tags, the works stating it, and a live verification run.",
        discussion: HelpText.reflow("""
            The check runs live on deterministic inputs (the claim's stored defaults, overridden by --widths,
            --activation, --seed, --samples) and the run is recorded (see `nnid history`).

            JSON (--format json): {"claim": {...}, "citations": [...], "verification": {...}, "run_id",
            "started_at"}; the last three are null with --no-run.

            Status: passed | failed | inconclusive | not-applicable | error (see README, "Check outcomes").
            Exit status: 0 shown (check passed, inconclusive or not-applicable), 1 the check failed or errored,
            2 unknown claim, bad parameters, parameters outside the claim's scope, or an estimate over
            --max-memory (the sentence says what the check accepts).

            Examples:
              nnid show relu-local-identifiability
              nnid show relu-local-identifiability --widths 2,5,1 --samples 40 --json
              nnid show linear-gl-symmetry --no-run
            """))

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The claim id (see `nnid claims`), or a work key.", completion: Completions.claimIDs)
    var claim: String

    @Flag(name: .long, help: "Do not run the check.")
    var noRun = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Same as --format json.")
    var json = false

    @OptionGroup var check: CheckOptions
    @OptionGroup var checkActivation: CheckActivationOption
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        _ = try check.parameters(activation: checkActivation.activation)
    }

    func run() throws {
        let overrides = try check.parameters(activation: checkActivation.activation)
        // Checks factor many small matrices: OpenBLAS threads cost more in synchronisation than they save.
        useOneBLASThreadUnlessConfigured()
        let session = try ClaimSession(database: database, command: "show", recordsRuns: !noRun)
        // A work key instead of a claim id shows the work's page (with a note on stderr).
        if (try? session.base.claim(id: claim)) == nil, (try? session.base.work(key: claim)) != nil {
            Terminal.error("nnid show: note: '\(claim)' is a work, not a claim; showing `nnid work \(claim)`")
            try WorkCommand.show(key: claim, session: session, json: json || format == .json, command: "show")
            return
        }
        let detail = try session.claim(claim, command: "show")
        let recorded = noRun ? nil : try session.verify(detail, overrides: overrides, origin: .show)
        let report = recorded?.report
        if let refusal = report?.refusal {
            Terminal.error("nnid show: error: \(refusal)")
            throw ExitCode(ExitStatus.usage)
        }
        if json || format == .json {
            print(try JSONOutput.string(ShowOutput(claim: ClaimListing(detail),
                                                   citations: CitationOutput.grouped(detail.sources),
                                                   recorded: recorded)))
        } else {
            print(TerminalText.escape(Self.text(detail, report), keepingLineBreaks: true))
        }
        if let report, report.status.exitCode != 0 { throw ExitCode(report.status.exitCode) }
    }

    static func text(_ detail: ClaimDetail, _ report: CheckReport?) -> String {
        var lines = ["\(detail.id) — \(detail.title)\(detail.verified ? "" : "  [unverified statement]")", ""]
        lines.append(wrap(detail.statement, indent: ""))
        if !detail.hypotheses.isEmpty {
            lines += ["", "Hypotheses:"]
            lines += detail.hypotheses.map { wrap($0, indent: "  - ", hanging: "    ") }
        }
        lines += ["", "Tags: architecture \(detail.architectures.joined(separator: ", ")); activation "
                  + detail.activations.joined(separator: ", ") + (detail.depth.map { "; depth \($0)" } ?? "")]
        lines += ["", "Stated in:"]
        for citation in CitationOutput.grouped(detail.sources) {
            lines.append(wrap("[\(citation.key)] \(citation.formatted) (\(citation.locator))",
                              indent: "  ", hanging: "    "))
        }
        if let report { lines += ["", ReportRenderer.text(report)] }
        return lines.joined(separator: "\n")
    }

    /// Greedy word wrap at 100 columns.
    static func wrap(_ text: String, indent: String, hanging: String? = nil, width: Int = 100) -> String {
        var lines: [String] = []
        var current = indent
        let continuation = hanging ?? indent
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let prefixOnly = current == indent || current == continuation
            if !prefixOnly && current.count + 1 + word.count > width {
                lines.append(current)
                current = continuation + word
            } else {
                current += (prefixOnly ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}

/// `nnid show --format json`: `claim`, `citations`, `verification` (null with --no-run), `run_id` and
/// `started_at` of the recorded run (null with --no-run).
struct ShowOutput: Encodable {
    var claim: ClaimListing
    var citations: [CitationOutput]
    var recorded: RecordedReport?

    enum CodingKeys: String, CodingKey { case claim, citations, verification, runID = "run_id", startedAt = "started_at" }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(claim, forKey: .claim)
        try c.encode(citations, forKey: .citations)
        if let recorded {
            try c.encode(ReportOutput(report: recorded.report), forKey: .verification)
        } else {
            try c.encodeNil(forKey: .verification)
        }
        try c.encode(recorded?.runID, forKey: .runID)
        try c.encode(recorded?.startedAt, forKey: .startedAt)
    }
}

/// A check report with its documented optional keys (`error`, `refusal`, `estimate`) written as null
/// instead of left out.
struct ReportOutput: Encodable {
    var report: CheckReport

    func encode(to encoder: Encoder) throws {
        try report.encode(to: encoder)
        var c = encoder.container(keyedBy: DynamicKey.self)
        if report.error == nil { try c.encodeNil(forKey: DynamicKey("error")) }
        if report.refusal == nil { try c.encodeNil(forKey: DynamicKey("refusal")) }
        if report.estimate == nil { try c.encodeNil(forKey: DynamicKey("estimate")) }
    }
}

/// One work stating a claim, as shown by `nnid show --format json`: one entry per work, with every
/// locator the card gives for it (`locators`) and their joined text (`locator`).
struct CitationOutput: Encodable {
    var key: String
    var locator: String
    var locators: [String]
    var note: String?
    var formatted: String
    var title: String
    var authors: [String]
    var year: Int?
    var venue: String?
    var doi: String?
    var arxiv: String?
    var links: [String]
    var verified: Bool

    /// The sources in card order, merged by work.
    static func grouped(_ sources: [ClaimSourceDetail]) -> [CitationOutput] {
        var order: [String] = []
        var byKey: [String: CitationOutput] = [:]
        for source in sources {
            let key = source.work.key
            if var existing = byKey[key] {
                existing.add(source)
                byKey[key] = existing
            } else {
                order.append(key)
                byKey[key] = CitationOutput(source)
            }
        }
        return order.compactMap { byKey[$0] }
    }

    init(_ source: ClaimSourceDetail) {
        key = source.work.key
        locators = []
        locator = ""
        formatted = CitationFormatter.format(source.work)
        title = source.work.title
        authors = source.work.authors
        year = source.work.year
        venue = source.work.venue
        doi = source.work.doi
        arxiv = source.work.arxiv
        links = CitationFormatter.links(source.work)
        verified = source.work.verified
        add(source)
    }

    private mutating func add(_ source: ClaimSourceDetail) {
        let text = source.locator + (source.note.map { " — \($0)" } ?? "")
        if !locators.contains(text) { locators.append(text) }
        locator = locators.joined(separator: "; ")
        if let extra = source.note { note = note.map { $0 + "; " + extra } ?? extra }
    }

    enum CodingKeys: String, CodingKey {
        case key, locator, locators, note, formatted, title, authors, year, venue, doi, arxiv, links, verified
    }

    // Explicit so that absent values are written as null: every documented key is always present.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(locator, forKey: .locator)
        try c.encode(locators, forKey: .locators)
        try c.encode(note, forKey: .note)
        try c.encode(formatted, forKey: .formatted)
        try c.encode(title, forKey: .title)
        try c.encode(authors, forKey: .authors)
        try c.encode(year, forKey: .year)
        try c.encode(venue, forKey: .venue)
        try c.encode(doi, forKey: .doi)
        try c.encode(arxiv, forKey: .arxiv)
        try c.encode(links, forKey: .links)
        try c.encode(verified, forKey: .verified)
    }
}
