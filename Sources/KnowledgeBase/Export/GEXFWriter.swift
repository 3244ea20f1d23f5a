// GEXF 1.2 (gexf.net), Gephi's native format, with typed attribute declarations.

final class GEXFWriter: GraphWriter {
    private let out: ExportOutput
    private var edgeNumber = 0

    init(output: ExportOutput) { out = output }

    func begin() {
        out.writeASCII("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
              <meta><creator>nnid</creator><description>citation graph</description></meta>
              <graph defaultedgetype="directed" mode="static">\n
            """)
        declare(GraphSchema.node, class: "node")
        declare(GraphSchema.edge, class: "edge")
        out.writeASCII("    <nodes>\n")
    }

    private func declare(_ attributes: [GraphAttribute], class domain: StaticString) {
        out.writeASCII("    <attributes class=\"")
        out.writeASCII(domain)
        out.writeASCII("\" mode=\"static\">\n")
        for (index, attribute) in attributes.enumerated() {
            out.write("      <attribute id=\"\(index)\" title=\"")
            out.writeXML(attribute.name)
            out.writeASCII("\" type=\"")
            out.writeASCII(attribute.kind.gexf)
            out.writeASCII("\"/>\n")
        }
        out.writeASCII("    </attributes>\n")
    }

    func node(_ node: GraphNode) {
        out.writeASCII("      <node id=\"")
        out.writeXML(node.id)
        out.writeASCII("\" label=\"")
        out.writeXML(node.label)
        out.writeASCII("\">")
        attvalues(node.values)
        out.writeASCII("</node>\n")
    }

    func beginEdges() {
        out.writeASCII("    </nodes>\n    <edges>\n")
    }

    func edge(_ edge: GraphEdge) {
        out.writeASCII("      <edge id=\"")
        out.writeInt(edgeNumber)
        edgeNumber += 1
        out.writeASCII("\" source=\"")
        out.writeXML(edge.source)
        out.writeASCII("\" target=\"")
        out.writeXML(edge.target)
        out.writeASCII("\">")
        attvalues(edge.values)
        out.writeASCII("</edge>\n")
    }

    private func attvalues(_ values: [GraphValue?]) {
        out.writeASCII("<attvalues>")
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            out.writeASCII("<attvalue for=\"")
            out.writeInt(index)
            out.writeASCII("\" value=\"")
            switch value {
            case .string(let text): out.writeXML(text)
            case .int(let number): out.writeInt(number)
            case .bool(let flag): out.writeASCII(flag ? "true" : "false")
            }
            out.writeASCII("\"/>")
        }
        out.writeASCII("</attvalues>")
    }

    func end() {
        out.writeASCII("    </edges>\n  </graph>\n</gexf>\n")
    }
}
