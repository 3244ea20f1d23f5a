// What a graph export contains: the selection (whole base, neighbourhood of a work or of a claim's
// works), the node and edge attribute schema shared by every format, and the counts of one export.

/// The file formats `exportGraph` writes (SVG is DOT rendered by Graphviz, done by the CLI).
public enum GraphFormat: String, Sendable, CaseIterable {
    case dot, graphml, gexf, json, csv
}

/// Which edges a neighbourhood follows from its seed works.
public enum GraphDirection: String, Sendable, CaseIterable {
    /// From a work to the works it cites.
    case cites
    /// From a work to the works citing it.
    case citedBy = "cited-by"
    /// Both ways.
    case both
}

/// The part of the base to export. With neither `rootKey` nor `claimID`, the whole base.
public struct GraphSelection: Sendable, Hashable {
    /// Seed work: its neighbourhood up to `depth` steps along `direction`.
    public var rootKey: String?
    /// Seed works: those stating this claim (combined with `rootKey` when both are set).
    public var claimID: String?
    /// Steps from the seeds (0: the seeds only).
    public var depth: Int
    public var direction: GraphDirection
    /// Adds claims as nodes, with `states` edges from each claim to the selected works stating it.
    public var includeClaims: Bool

    public init(rootKey: String? = nil, claimID: String? = nil, depth: Int = 1, direction: GraphDirection = .both,
                includeClaims: Bool = false) {
        self.rootKey = rootKey
        self.claimID = claimID
        self.depth = depth
        self.direction = direction
        self.includeClaims = includeClaims
    }

    /// True when no seed restricts the export.
    public var isWholeBase: Bool { rootKey == nil && claimID == nil }
}

/// One typed attribute value.
enum GraphValue {
    case string(String)
    case int(Int)
    case bool(Bool)
}

/// An attribute declared for nodes or edges, with its type (GraphML `attr.type`, GEXF `type`).
struct GraphAttribute {
    enum Kind {
        case string, int, bool

        var graphML: StaticString {
            switch self {
            case .string: return "string"
            case .int: return "int"
            case .bool: return "boolean"
            }
        }

        var gexf: StaticString {
            switch self {
            case .string: return "string"
            case .int: return "integer"
            case .bool: return "boolean"
            }
        }
    }

    let name: String
    let kind: Kind
}

/// The attribute schema. Work and claim nodes share it; absent values are simply not written.
enum GraphSchema {
    static let node: [GraphAttribute] = [
        .init(name: "type", kind: .string), .init(name: "title", kind: .string), .init(name: "kind", kind: .string),
        .init(name: "year", kind: .int), .init(name: "first_author", kind: .string),
        .init(name: "venue", kind: .string), .init(name: "doi", kind: .string), .init(name: "arxiv", kind: .string),
        .init(name: "verified", kind: .bool), .init(name: "stub", kind: .bool),
        .init(name: "in_degree", kind: .int), .init(name: "out_degree", kind: .int),
        .init(name: "check", kind: .string),
    ]

    static let edge: [GraphAttribute] = [
        .init(name: "relation", kind: .string), .init(name: "provenance", kind: .string),
        .init(name: "verified", kind: .bool),
    ]

    /// The node id of a claim: prefixed so it cannot collide with a work key.
    static func claimNodeID(_ claimID: String) -> String { "claim:" + claimID }
}

/// A node as handed to a writer: id, a short display label, values aligned with `GraphSchema.node`.
struct GraphNode {
    let id: String
    let label: String
    let values: [GraphValue?]
}

/// An edge as handed to a writer: values aligned with `GraphSchema.edge`.
struct GraphEdge {
    let source: String
    let target: String
    let values: [GraphValue?]
}

/// What one export wrote.
public struct GraphExportSummary: Sendable, Hashable {
    public var workNodes = 0
    public var claimNodes = 0
    public var citationEdges = 0
    public var statesEdges = 0
    /// Bytes written.
    public var bytes = 0
}
