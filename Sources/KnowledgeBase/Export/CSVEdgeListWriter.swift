// An RFC 4180 edge list: header `source,target,relation,provenance,verified`, one row per edge
// (LF line ends, as the other nnid CSV outputs). Nodes are not listed; isolated works do not appear.

final class CSVEdgeListWriter: GraphWriter {
    private let out: ExportOutput

    init(output: ExportOutput) { out = output }

    func begin() {
        out.writeASCII("source,target,relation,provenance,verified\n")
    }

    func node(_ node: GraphNode) {}

    func beginEdges() {}

    func edge(_ edge: GraphEdge) {
        out.writeCSVField(edge.source)
        out.writeASCII(",")
        out.writeCSVField(edge.target)
        for value in edge.values {
            out.writeASCII(",")
            switch value {
            case .string(let text)?: out.writeCSVField(text)
            case .int(let number)?: out.writeInt(number)
            case .bool(let flag)?: out.writeASCII(flag ? "true" : "false")
            case nil: break
            }
        }
        out.writeASCII("\n")
    }

    func end() {}
}
