import ArgumentParser
import Foundation
import KnowledgeBase

/// `nnid graph`: export the citation graph (or a neighbourhood of it) for Graphviz, Gephi, networkx.
struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Export the citation graph as DOT, GraphML, GEXF, node-link JSON, CSV or SVG.",
        discussion: HelpText.reflow("""
            Nodes are works, with the attributes type (work), title, kind, year, first_author, venue, doi,
            arxiv, verified, stub, in_degree and out_degree (distinct citing / cited works over every
            relation in the whole base). Edges are one per citing → cited pair, with relation ("cites", or
            e.g. "recommends"; several joined by ";"), provenance (file:line and who says so; several joined
            by "; ") and verified. With --with-claims, claims are nodes too (id "claim:ID", type claim, title,
            check, verified) with "states" edges from each claim to the works stating it (provenance: the
            locator, e.g. "Theorem 9").

            --root KEY and --claim CLAIM export a neighbourhood instead: the seed work(s) and every work
            within --depth citation steps (default 1) along --direction (cites, cited-by, both; default
            both), with all the edges among them.

            Formats: dot (Graphviz), graphml and gexf (networkx, Gephi, Cytoscape; typed attributes),
            json (node-link JSON for networkx.node_link_graph), csv (edge list:
            source,target,relation,provenance,verified; isolated works do not appear), svg (DOT rendered by
            Graphviz's `dot`, which must be installed: Debian package graphviz). Output is streamed.

            Exit status: 0 written, 1 database or write error, 2 usage error (including an unknown key or
            claim, with the closest known names suggested).

            Examples:
              nnid graph --format graphml --output citations.graphml
              nnid graph --root VB21 --depth 2 --direction cited-by --format svg --output vb21.svg
              nnid graph --claim relu-path-lifting --with-claims --format json
            """))

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, graphml, gexf, json, csv, svg
    }

    @Option(name: .long, help: "dot, graphml, gexf, json, csv or svg.")
    var format: Format = .dot

    @Option(name: .long, help: "Write to this file instead of standard output.", completion: .file())
    var output: String?

    @Option(name: .long, help: "Export the neighbourhood of this work key.", completion: Completions.workKeys)
    var root: String?

    @Option(name: .long, help: "Citation steps from --root / --claim works (default 1).")
    var depth: Int?

    @Option(name: .long, help: "Steps follow: cites, cited-by or both (default both).")
    var direction: GraphDirectionArgument?

    @Option(name: .long, help: "Export the neighbourhood of the works stating this claim.",
            completion: Completions.claimIDs)
    var claim: String?

    @Flag(name: .long, help: "Add claims as nodes, with 'states' edges to their works.")
    var withClaims = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if root == nil, claim == nil, depth != nil || direction != nil {
            throw ValidationError("--depth and --direction need --root or --claim")
        }
        if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more") }
    }

    func run() throws {
        let selection = GraphSelection(rootKey: root, claimID: claim, depth: depth ?? 1,
                                       direction: direction?.value ?? .both, includeClaims: withClaims)
        let kb: KnowledgeBase
        do {
            kb = try database.openForReading()
        } catch {
            throw Terminal.failure("graph", error)
        }
        try KnownNames.requireClaim(claim, in: kb, command: "graph")
        try KnownNames.requireWorks(root.map { [$0] } ?? [], in: kb, command: "graph")
        do {
            if format == .svg {
                try GraphvizRenderer.renderSVG(output: output) { sink in
                    try kb.exportGraph(selection, format: .dot, to: sink)
                }
            } else {
                let sink = try output.map { path throws(ExportError) in try ExportOutput(path: path) } ?? ExportOutput()
                try kb.exportGraph(selection, format: GraphFormat(rawValue: format.rawValue) ?? .dot, to: sink)
            }
        } catch let error as GraphvizRenderer.Failure {
            Terminal.error("nnid graph: error: \(error.message)")
            throw ExitCode(ExitStatus.failure)
        } catch {
            throw Terminal.failure("graph", error)
        }
    }
}

/// `--direction` values.
struct GraphDirectionArgument: ExpressibleByArgument {
    let value: GraphDirection

    init?(argument: String) {
        guard let value = GraphDirection(rawValue: argument) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { GraphDirection.allCases.map(\.rawValue) }
}
