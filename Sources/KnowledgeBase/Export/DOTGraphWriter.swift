// Graphviz DOT. Every id and value is a double-quoted string (so keys such as "2006.11727" or
// "claim:x" need no further care); the schema's attributes are kept as extra DOT attributes, which
// Graphviz carries along (and shows the title as an SVG tooltip).

final class DOTGraphWriter: GraphWriter {
    private let out: ExportOutput

    init(output: ExportOutput) { out = output }

    func begin() {
        out.writeASCII("""
            digraph citations {
              graph [charset="UTF-8", rankdir="LR"];
              node [shape="box", style="rounded", fontsize="10"];
              edge [arrowsize="0.6"];\n
            """)
    }

    func node(_ node: GraphNode) {
        out.writeASCII("  \"")
        out.writeDOTString(node.id)
        out.writeASCII("\" [label=\"")
        out.writeDOTString(node.label)
        out.writeASCII("\"")
        if case .string("claim")? = node.values.first { out.writeASCII(", shape=\"ellipse\"") }
        if case .bool(true)? = node.values[9] { out.writeASCII(", style=\"rounded,dashed\"") }
        if case .string(let title)? = node.values[1] {
            out.writeASCII(", tooltip=\"")
            out.writeDOTString(title)
            out.writeASCII("\"")
        }
        attributes(node.values, GraphSchema.node)
        out.writeASCII("];\n")
    }

    func beginEdges() {}

    func edge(_ edge: GraphEdge) {
        out.writeASCII("  \"")
        out.writeDOTString(edge.source)
        out.writeASCII("\" -> \"")
        out.writeDOTString(edge.target)
        out.writeASCII("\" [")
        if case .bool(false)? = edge.values[2] { out.writeASCII("style=\"dashed\", ") }
        attributes(edge.values, GraphSchema.edge, leadingComma: false)
        out.writeASCII("];\n")
    }

    private func attributes(_ values: [GraphValue?], _ schema: [GraphAttribute], leadingComma: Bool = true) {
        var first = !leadingComma
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            if !first { out.writeASCII(", ") }
            first = false
            out.writeASCII("nnid_")
            out.write(schema[index].name)
            out.writeASCII("=\"")
            switch value {
            case .string(let text): out.writeDOTString(text)
            case .int(let number): out.writeInt(number)
            case .bool(let flag): out.writeASCII(flag ? "true" : "false")
            }
            out.writeASCII("\"")
        }
    }

    func end() {
        out.writeASCII("}\n")
    }
}
