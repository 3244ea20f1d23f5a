// Node-link JSON as networkx's node_link_graph reads it:
// {"directed": true, "multigraph": false, "graph": {}, "nodes": [{"id": ...}], "edges": [{"source": ..., "target": ...}]}
// ("edges" is the default key of current networkx, 3.4 and later; older releases read it with edges="edges".)

final class NodeLinkJSONWriter: GraphWriter {
    private let out: ExportOutput
    private var first = true

    init(output: ExportOutput) { out = output }

    func begin() {
        out.writeASCII("{\"directed\": true, \"multigraph\": false, \"graph\": {}, \"nodes\": [")
    }

    func node(_ node: GraphNode) {
        separator()
        out.writeASCII("{\"id\": ")
        out.writeJSON(node.id)
        members(node.values, GraphSchema.node)
        out.writeASCII("}")
    }

    func beginEdges() {
        out.writeASCII(first ? "], \"edges\": [" : "\n], \"edges\": [")
        first = true
    }

    func edge(_ edge: GraphEdge) {
        separator()
        out.writeASCII("{\"source\": ")
        out.writeJSON(edge.source)
        out.writeASCII(", \"target\": ")
        out.writeJSON(edge.target)
        members(edge.values, GraphSchema.edge)
        out.writeASCII("}")
    }

    private func separator() {
        out.writeASCII(first ? "\n" : ",\n")
        first = false
    }

    private func members(_ values: [GraphValue?], _ schema: [GraphAttribute]) {
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            out.writeASCII(", ")
            out.writeJSON(schema[index].name)
            out.writeASCII(": ")
            switch value {
            case .string(let text): out.writeJSON(text)
            case .int(let number): out.writeInt(number)
            case .bool(let flag): out.writeASCII(flag ? "true" : "false")
            }
        }
    }

    func end() {
        out.writeASCII(first ? "]}\n" : "\n]}\n")
    }
}
