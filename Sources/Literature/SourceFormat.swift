/// The input formats nnid reads. Detected by file extension first, then by content.
public enum SourceFormat: String, Sendable, CaseIterable, Codable {
    case bibtex, ris, cslJSON = "csl-json", html, pageDump = "page-dump", claimCard = "claim-card",
         citationList = "citation-list"

    /// The format of a file, or nil when neither its name nor its first bytes say.
    public static func detect(path: String, text: String) -> SourceFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".bib") || lower.hasSuffix(".bibtex") { return .bibtex }
        if lower.hasSuffix(".ris") { return .ris }
        if lower.hasSuffix(".json") { return .cslJSON }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return .html }
        if lower.hasSuffix(".claim") { return .claimCard }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { return .citationList }
        let head = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }.prefix(512)
        if head.hasPrefix("@") || head.hasPrefix("%") { return .bibtex }
        if head.hasPrefix("TY  -") { return .ris }
        if head.hasPrefix("[") || head.hasPrefix("{") { return .cslJSON }
        let lowerHead = head.lowercased()
        if lowerHead.hasPrefix("<!doctype html") || lowerHead.hasPrefix("<html") { return .html }
        if lowerHead.hasPrefix("id:") { return .claimCard }
        if lower.hasSuffix(".txt") || !head.isEmpty { return .pageDump }
        return nil
    }
}

/// Parses one file: decodes its bytes (reporting non-UTF-8 input), detects the format and runs the parser.
/// Pure: no I/O beyond the bytes given.
public func parseSource(path: String, bytes: [UInt8], format: SourceFormat? = nil) -> ParseResult {
    parseSource(path: path, bytes: bytes, format: format, emitWorks: nil)
}

/// `parseSource(path:bytes:format:)`; with `emitWorks`, a BibTeX file's works are handed over in order, a
/// slice at a time, while the rest is still being read, and are left out of the result. Other formats
/// keep their works in the result.
public func parseSource(path: String, bytes: [UInt8], format: SourceFormat?,
                        emitWorks: (([WorkRecord]) -> Void)?) -> ParseResult {
    let decoded = TextDecoder.decode(bytes, file: path)
    var result = ParseResult(diagnostics: decoded.diagnostics)
    guard let format = format ?? SourceFormat.detect(path: path, text: decoded.text) else {
        result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: path),
                                             "unknown format: expected BibTeX, RIS, CSL-JSON, HTML, a page text dump, a claim card or a citation list"))
        return result
    }
    switch format {
    case .bibtex: result.append(BibTeXParser.parse(decoded.text, file: path, emitWorks: emitWorks))
    case .ris: result.append(RISParser.parse(decoded.text, file: path))
    case .cslJSON: result.append(CSLJSONParser.parse(decoded.text, file: path))
    case .html: result.append(HTMLPageParser.parse(bytes: bytes, file: path))
    case .pageDump: result.append(PageDumpParser.parse(decoded.text, file: path))
    case .claimCard: result.append(ClaimCardParser.parse(decoded.text, file: path))
    case .citationList: result.append(CitationListParser.parse(decoded.text, file: path))
    }
    return result
}
