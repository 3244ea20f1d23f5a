import ArgumentParser
import Deduction
import KnowledgeBase

/// `nnid claims`: list claims, filtered by architecture, activation or a cited work.
struct ClaimsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "List the claims, with their tags, sources and check.",
        discussion: """
            A claim tagged with the activation `any` matches every --activation.

            JSON (--format json): an array of objects with id, title, statement, architectures, activations,
            depth, sources (work keys), check and verified.

            With --applies-to, --architecture and --activation describe one network (with --widths, --no-bias,
            --samples, --assume or --spec, as for `nnid applies`) and only the claims whose machine-readable
            hypotheses hold for it are listed, conditionally applying ones included.

            Examples:
              nnid claims --architecture mlp --activation relu
              nnid claims --applies-to --architecture mlp --widths 4,6,1 --activation tanh
              nnid claims --cites BMB22 --format json
            """)

    @Option(name: .long, help: "Only claims about this architecture: mlp, cnn, rnn, residual or attention.")
    var architecture: String?

    @Option(name: .long, help: "Only claims about this activation (tanh, relu, ...).")
    var activation: String?

    @Option(name: .long, help: "Only claims stated by this work (its key, e.g. BMB22).")
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
                listings = try session.base.claimDetails(cites: cites).filter { applying.contains($0.id) }
                    .map(ClaimListing.init)
            } else {
                listings = try session.base.claimDetails(architecture: architecture, activation: activation, cites: cites)
                    .map(ClaimListing.init)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("nnid claims: error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(listings))
        case .csv:
            print(CSVRenderer.render(
                headers: ["id", "title", "architectures", "activations", "depth", "sources", "check", "verified"],
                rows: listings.map { [$0.id, $0.title, $0.architectures.joined(separator: " "),
                                      $0.activations.joined(separator: " "), $0.depth ?? "",
                                      $0.sources.joined(separator: " "), $0.check, String($0.verified)] }))
        case .table:
            print(TableRenderer.render(
                headers: ["id", "arch", "activations", "status", "sources", "title"],
                rows: listings.map { [$0.id, $0.architectures.joined(separator: ","), $0.activations.joined(separator: ","),
                                      $0.verified ? "verified" : "unverified", $0.sources.joined(separator: ","),
                                      $0.title] }))
            print("\(listings.count) claim\(listings.count == 1 ? "" : "s")")
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
