// A thin, owning wrapper over a libxml2 HTML document: parse with the forgiving HTML parser (tag soup
// recovered, entities decoded, no network, no DTD), run XPath queries, read text and attributes.
// FoundationXML cannot be used here: on Linux it ignores HTML options and truncates tag soup.

import CLibXML2

/// One parsed HTML document; freed when the value goes away. Used inside one parse call only.
final class HTMLTree {
    typealias Node = UnsafeMutablePointer<xmlNode>

    private let document: htmlDocPtr

    /// Parses `bytes`; nil when libxml2 returns no document at all (empty input).
    init?(bytes: [UInt8]) {
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
                            | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        // Undeclared legacy bytes are converted here, so libxml2 only ever sees UTF-8 or a declared charset.
        let (input, encoding) = HTMLTree.prepare(bytes)
        // Encoding errors bypass HTML_PARSE_NOERROR and would be printed; the handler is per thread.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        let parsed: htmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                if let encoding {
                    return encoding.withCString { htmlReadMemory(chars, Int32(buffer.count), nil, $0, options) }
                }
                return htmlReadMemory(chars, Int32(buffer.count), nil, nil, options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// The bytes to hand to libxml2 and the encoding to force: a declared charset is left to libxml2
    /// (nil), valid UTF-8 is marked as such, anything else is read as Windows-1252 (the de-facto default
    /// of undeclared legacy pages, Latin-1 for its five undefined bytes) and converted to UTF-8.
    static func prepare(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: String?) {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        if head.contains("charset") || head.hasPrefix("<?xml") { return (bytes, nil) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return (bytes, "UTF-8")
            case .error: return (Array(windows1252ToUTF8(bytes).utf8), "UTF-8")
            }
        }
    }

    private static func windows1252ToUTF8(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let scalar = MojibakeText.windows1252Scalar(for: byte)
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The nodes an XPath 1.0 expression selects, optionally relative to `context`.
    func nodes(_ expression: String, from context: Node? = nil) -> [Node] {
        guard let xpath = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(xpath) }
        if let context { xpath.pointee.node = context }
        let chars = Array(expression.utf8) + [0]
        guard let result = chars.withUnsafeBufferPointer({ xmlXPathEvalExpression($0.baseAddress, xpath) }) else {
            return []
        }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, let table = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
    }

    /// The element's name in lower case ("p", "li").
    static func name(of node: Node) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// An attribute value, or nil when absent.
    static func attribute(_ name: String, of node: Node) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { nnid_xml_free(value) }
        return String(cString: value)
    }

    /// The 1-based source line of the node (0 when libxml2 does not know it).
    static func line(of node: Node) -> Int { Int(xmlGetLineNo(node)) }

    /// Visible text of a node with whitespace collapsed: scripts and styles skipped, block elements and
    /// line breaks separated by a space so that "<li>A</li><li>B</li>" does not become "AB".
    static func text(of node: Node) -> String {
        var out = ""
        appendText(of: node, to: &out)
        return PageText.collapse(out)
    }

    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "math"]
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "header", "footer", "blockquote", "dd", "dt", "table", "pre", "hr", "nav", "aside", "figure",
    ]

    private static func appendText(of node: Node, to out: inout String) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { out += String(cString: content) }
        case XML_ELEMENT_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
            let name = name(of: node)
            if skipped.contains(name) { return }
            let isBlock = blocks.contains(name)
            if isBlock { out += " " }
            var child = node.pointee.children
            while let current = child {
                appendText(of: current, to: &out)
                child = current.pointee.next
            }
            if isBlock { out += " " }
        default:
            return
        }
    }
}
