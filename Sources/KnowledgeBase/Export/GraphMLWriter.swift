// GraphML (graphml.graphdrawing.org) with typed <key> declarations; readable by networkx, Gephi, Cytoscape.

final class GraphMLWriter: GraphWriter {
    private let out: ExportOutput

    init(output: ExportOutput) { out = output }

    func begin() {
        out.writeASCII("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
            http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n
            """)
        declare(GraphSchema.node, for: "node", prefix: "n")
        declare(GraphSchema.edge, for: "edge", prefix: "e")
        out.writeASCII("  <graph id=\"citations\" edgedefault=\"directed\">\n")
    }

    private func declare(_ attributes: [GraphAttribute], for domain: String, prefix: String) {
        for (index, attribute) in attributes.enumerated() {
            out.write("  <key id=\"\(prefix)\(index)\" for=\"\(domain)\" attr.name=\"")
            out.writeXML(attribute.name)
            out.writeASCII("\" attr.type=\"")
            out.writeASCII(attribute.kind.graphML)
            out.writeASCII("\"/>\n")
        }
    }

    func node(_ node: GraphNode) {
        out.writeASCII("    <node id=\"")
        out.writeXML(node.id)
        out.writeASCII("\">")
        data(node.values, prefix: "n")
        out.writeASCII("</node>\n")
    }

    func beginEdges() {}

    func edge(_ edge: GraphEdge) {
        out.writeASCII("    <edge source=\"")
        out.writeXML(edge.source)
        out.writeASCII("\" target=\"")
        out.writeXML(edge.target)
        out.writeASCII("\">")
        data(edge.values, prefix: "e")
        out.writeASCII("</edge>\n")
    }

    private func data(_ values: [GraphValue?], prefix: StaticString) {
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            out.writeASCII("<data key=\"")
            out.writeASCII(prefix)
            out.writeInt(index)
            out.writeASCII("\">")
            switch value {
            case .string(let text): out.writeXML(text)
            case .int(let number): out.writeInt(number)
            case .bool(let flag): out.writeASCII(flag ? "true" : "false")
            }
            out.writeASCII("</data>")
        }
    }

    func end() {
        out.writeASCII("  </graph>\n</graphml>\n")
    }
}
