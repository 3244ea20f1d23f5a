import ArgumentParser
import Claims
import KnowledgeBase

/// `nnid show CLAIM`: the statement, its sources and a live verification run.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a claim: statement, hypotheses, tags, the works stating it, and a live verification run.",
        discussion: """
            The check runs live on deterministic inputs (the claim's stored defaults, overridden by --widths,
            --activation, --seed, --samples) and the run is recorded (see `nnid history`).

            JSON (--format json): {"claim": {...}, "citations": [...], "verification": {...}}; verification is
            null with --no-run.

            Status: passed | failed | inconclusive | not-applicable | error (see README, "Check outcomes").
            Exit status: 0 shown (check passed, inconclusive or not-applicable), 1 the check failed or errored,
            2 unknown claim, bad parameters, parameters outside the claim's scope, or an estimate over
            --max-memory (the sentence says what the check accepts).

            Examples:
              nnid show relu-local-identifiability
              nnid show relu-local-identifiability --widths 2,5,1 --samples 40 --json
              nnid show linear-gl-symmetry --no-run
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The claim id (see `nnid claims`).")
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
        BLASThreads.useOneThreadForChecks()
        let session = try ClaimSession(database: database, command: "show")
        let detail = try session.claim(claim, command: "show")
        let report = noRun ? nil : try session.verify(detail, overrides: overrides)
        if let refusal = report?.refusal {
            Terminal.error("nnid show: error: \(refusal)")
            throw ExitCode(ExitStatus.usage)
        }
        if json || format == .json {
            print(try JSONOutput.string(ShowOutput(claim: ClaimListing(detail),
                                                   citations: detail.sources.map(CitationOutput.init),
                                                   verification: report)))
        } else {
            print(Self.text(detail, report))
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
        for source in detail.sources {
            let where_ = source.locator + (source.note.map { " — \($0)" } ?? "")
            lines.append(wrap("[\(source.work.key)] \(CitationFormatter.format(source.work)) (\(where_))",
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

/// `nnid show --format json`.
struct ShowOutput: Encodable {
    var claim: ClaimListing
    var citations: [CitationOutput]
    var verification: CheckReport?

    enum CodingKeys: String, CodingKey { case claim, citations, verification }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(claim, forKey: .claim)
        try c.encode(citations, forKey: .citations)
        try c.encode(verification, forKey: .verification)
    }
}

/// One work stating a claim, as shown by `nnid show --format json`.
struct CitationOutput: Encodable {
    var key: String
    var locator: String
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

    init(_ source: ClaimSourceDetail) {
        key = source.work.key
        locator = source.locator
        note = source.note
        formatted = CitationFormatter.format(source.work)
        title = source.work.title
        authors = source.work.authors
        year = source.work.year
        venue = source.work.venue
        doi = source.work.doi
        arxiv = source.work.arxiv
        links = CitationFormatter.links(source.work)
        verified = source.work.verified
    }
}
