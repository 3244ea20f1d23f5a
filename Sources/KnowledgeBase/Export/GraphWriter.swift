// The streaming interface every graph format implements: all nodes first, then all edges.

/// Writes one graph document as its nodes and edges arrive; never holds the document in memory.
protocol GraphWriter {
    func begin()
    func node(_ node: GraphNode)
    /// Called once, after the last node and before the first edge.
    func beginEdges()
    func edge(_ edge: GraphEdge)
    func end()
}

extension GraphFormat {
    func makeWriter(_ output: ExportOutput) -> any GraphWriter {
        switch self {
        case .dot: return DOTGraphWriter(output: output)
        case .graphml: return GraphMLWriter(output: output)
        case .gexf: return GEXFWriter(output: output)
        case .json: return NodeLinkJSONWriter(output: output)
        case .csv: return CSVEdgeListWriter(output: output)
        }
    }
}

extension ExportOutput {
    /// A number as ASCII digits.
    func writeInt(_ value: Int) {
        write(String(value))
    }
}
