import ArgumentParser
import Deduction
import KnowledgeBase

/// `nnid claims`: list claims, filtered by architecture, activation or a cited work.
struct ClaimsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "List the claims, with their tags, sources and check.",
        discussion: HelpText.reflow("""
            Names are case-insensitive with aliases (ReLU, sigmoid = logistic, swish = silu); a parameterised
            name (leaky-relu:0.1) matches its family's tag; a class name (odd, relu-like, polynomial) matches
            the claims tagged with the class or one of its members. A claim tagged with the activation `any`
            matches every --activation. --source KEY lists the claims stated in work KEY (its old name
            --cites still works).

            JSON (--format json): an array of objects with id, title, statement, architectures, activations,
            depth, sources (work keys), check and verified (true when the curated corpus confirms the
            statement in its sources; running the check is `nnid verify`).

            With --applies-to, --architecture and --activation describe one network (with --widths, --no-bias,
            --samples, --assume or --spec, as for `nnid applies`) and only the claims whose machine-readable
            hypotheses hold for it are listed, conditionally applying ones included.

            Examples:
              nnid claims --architecture mlp --activation relu
              nnid claims --applies-to --architecture mlp --widths 4,6,1 --activation tanh
              nnid claims --source BMB22 --format json
            """))

    @Option(name: .long, help: "Only claims about this architecture: mlp, cnn, rnn, residual or attention.",
            completion: Completions.architectures)
    var architecture: String?

    @Option(name: .long, help: "Only claims about this activation (tanh, relu, ...).", completion: Completions.activations)
    var activation: String?

    @Option(name: .long, help: "Only claims stated in this work (its key, e.g. BMB22).", completion: Completions.workKeys)
    var source: String?

    @Option(name: .long, help: ArgumentHelp("Same as --source (the earlier name; it means \"stated in\", not \"cites\").",
                                            visibility: .hidden))
    var cites: String?

    @Flag(name: .customLong("applies-to"), help: "Only the claims that apply to the network described by the architecture flags.")
    var appliesTo = false

    @OptionGroup var shape: ArchitectureFlags
    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if appliesTo {
            _ = try AppliesRun.architecture(kind: architecture, activation: activation, flags: shape, command: "claims")
        } else {
            try ClaimFilters.validateArchitecture(architecture)
            if !shape.isEmpty { throw ValidationError("--widths, --no-bias, --samples, --assume and --spec need --applies-to") }
        }
    }

    func run() throws {
        let session = try ClaimSession(database: database, command: "claims")
        let listings: [ClaimListing]
        do {
            if appliesTo {
                let target = try AppliesRun.architecture(kind: architecture, activation: activation, flags: shape,
                                                         command: "claims")
                let report = Deducer.deduce(target, claims: try session.base.claimRules())
                let applying = Set(report.claims.filter { $0.applies == .yes || $0.applies == .conditional }.map(\.id))
                listings = try session.base.claimDetails(cites: source ?? cites).filter { applying.contains($0.id) }
                    .map(ClaimListing.init)
            } else {
                let (architectureTag, activationTags) = try ClaimFilters.tags(architecture: architecture,
                                                                              activation: activation)
                listings = try session.base.claimDetails(architecture: architectureTag, activationTags: activationTags,
                                                         cites: source ?? cites).map(ClaimListing.init)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("nnid claims: error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        let all = listings.count
        let shown = output.limited(listings)
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(shown))
        case .csv, .tsv:
            output.printRows(
                headers: ["id", "title", "architectures", "activations", "depth", "sources", "check", "verified"],
                rows: shown.map { [$0.id, $0.title, $0.architectures.joined(separator: " "),
                                      $0.activations.joined(separator: " "), $0.depth ?? "",
                                      $0.sources.joined(separator: " "), $0.check, String($0.verified)] })
        case .table:
            print(TableRenderer.render(
                headers: ["id", "arch", "activations", "status", "sources", "title"],
                rows: shown.map { [$0.id, $0.architectures.joined(separator: ","), $0.activations.joined(separator: ","),
                                      $0.verified ? "verified" : "unverified", $0.sources.joined(separator: ","),
                                      $0.title] }))
            print("\(all) claim\(all == 1 ? "" : "s")" + (all > shown.count ? " (showing \(shown.count))" : ""))
        }
    }
}

/// The JSON shape of one claim in `nnid claims` (a stable contract).
struct ClaimListing: Encodable {
    var id: String
    var title: String
    var statement: String
    var hypotheses: [String]
    var architectures: [String]
    var activations: [String]
    var depth: String?
    var sources: [String]
    var check: String
    var verified: Bool

    init(_ detail: ClaimDetail) {
        id = detail.id
        title = detail.title
        statement = detail.statement
        hypotheses = detail.hypotheses
        architectures = detail.architectures
        activations = detail.activations
        depth = detail.depth
        // A work may state the claim at several places; list each key once, in card order.
        var seen = Set<String>()
        sources = detail.sources.map(\.work.key).filter { seen.insert($0).inserted }
        check = detail.checkID
        verified = detail.verified
    }

    enum CodingKeys: String, CodingKey {
        case id, title, statement, hypotheses, architectures, activations, depth, sources, check, verified
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(statement, forKey: .statement)
        try c.encode(hypotheses, forKey: .hypotheses)
        try c.encode(architectures, forKey: .architectures)
        try c.encode(activations, forKey: .activations)
        try c.encode(depth, forKey: .depth)
        try c.encode(sources, forKey: .sources)
        try c.encode(check, forKey: .check)
        try c.encode(verified, forKey: .verified)
    }
}
