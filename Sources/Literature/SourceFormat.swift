#if canImport(Glibc)
import Glibc
#endif

/// The input formats nnid reads. Chosen by file extension; the content decides only for a file whose
/// extension says nothing, and then a note says so.
public enum SourceFormat: String, Sendable, CaseIterable, Codable {
    case bibtex, ris, cslJSON = "csl-json", html, pageDump = "page-dump", claimCard = "claim-card",
         citationList = "citation-list"

    /// The format a file name's extension stands for, or nil for an extension nnid does not know.
    public static func byExtension(_ path: String) -> SourceFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "bib", "bibtex", "biblatex": return .bibtex
        case "ris": return .ris
        case "json", "csl", "csljson": return .cslJSON
        case "html", "htm", "xhtml": return .html
        case "claim": return .claimCard
        case "csv": return .citationList
        case "txt", "text", "md": return .pageDump
        default: return nil
        }
    }

    /// The format of a file, or nil when neither its name nor its first bytes say.
    public static func detect(path: String, text: String) -> SourceFormat? {
        byExtension(path) ?? sniff(text)
    }

    /// The format the first non-blank characters suggest, or nil.
    public static func sniff(_ text: String) -> SourceFormat? {
        let head = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }.prefix(512)
        if head.hasPrefix("@") || head.hasPrefix("%") { return .bibtex }
        if head.hasPrefix("TY  -") { return .ris }
        if head.hasPrefix("[") || head.hasPrefix("{") { return .cslJSON }
        let lowerHead = head.lowercased()
        if lowerHead.hasPrefix("<!doctype html") || lowerHead.hasPrefix("<html") || lowerHead.hasPrefix("<?xml") {
            return .html
        }
        if lowerHead.hasPrefix("id:") { return .claimCard }
        if !head.isEmpty { return .pageDump }
        return nil
    }

    /// How the format is named in messages ("BibTeX", "a page text dump").
    public var displayName: String {
        switch self {
        case .bibtex: "BibTeX"
        case .ris: "RIS"
        case .cslJSON: "CSL-JSON"
        case .html: "HTML"
        case .pageDump: "a page text dump"
        case .claimCard: "a claim card"
        case .citationList: "a citation list"
        }
    }
}

/// Parses one file: decodes its bytes (reporting non-UTF-8 input), detects the format and runs the parser.
/// Pure: no I/O beyond the bytes given.
public func parseSource(path: String, bytes: [UInt8], format: SourceFormat? = nil) -> ParseResult {
    parseSource(path: path, bytes: bytes, format: format, emitWorks: nil)
}

/// `parseSource(path:bytes:format:)`; with `emitWorks`, a BibTeX file's works are handed over in order, a
/// slice at a time, while the rest is still being read, and are left out of the result. Other formats
/// keep their works in the result. `encoding` overrides the charset declarations and detection.
public func parseSource(path: String, bytes: [UInt8], format: SourceFormat?, encoding: String? = nil,
                        emitWorks: (([WorkRecord]) -> Void)?) -> ParseResult {
    if TextDecoder.looksBinary(bytes) {
        return ParseResult(diagnostics: [Diagnostic(.error, at: SourceLocation(file: path),
                                                    "not a text file (binary content); skipped")])
    }
    var (text, decodeDiagnostics) = TextDecoder.decode(bytes, file: path, encoding: encoding)
    var result = ParseResult(diagnostics: decodeDiagnostics)
    // A lone CR ends a line as LF does (classic Mac files); replacing it keeps every byte offset.
    if UTF8Scan.contains(text, byte: 0x0D) { text = withLoneCRsAsLF(text) }
    let chosen: SourceFormat
    if let format {
        chosen = format
    } else if let known = SourceFormat.byExtension(path) {
        chosen = known
    } else if let sniffed = SourceFormat.sniff(text) {
        chosen = sniffed
        result.diagnostics.append(Diagnostic(.note, at: SourceLocation(file: path),
            "\(path.split(separator: "/").last.map(String.init) ?? path) read as \(sniffed.displayName) from its content (the extension names no format)"))
    } else {
        result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: path),
                                             "unknown format: expected BibTeX, RIS, CSL-JSON, HTML, a page text dump, a claim card or a citation list"))
        return result
    }
    // Page dumps and HTML repair mojibake themselves (and record it per document); every other format here.
    if chosen != .html && chosen != .pageDump {
        let repaired = MojibakeText.repair(text)
        if !repaired.notes.isEmpty {
            text = repaired.text
            result.diagnostics += mojibakeNotes(repaired.notes, file: path)
        }
    }
    switch chosen {
    case .bibtex:
        // The scanner works on bytes: when the text is the file's bytes unchanged (valid UTF-8, nothing
        // repaired), it scans those and the decoded copy is let go, so a large file is held once.
        if hasSameUTF8(text, bytes) {
            text = ""
            result.append(BibTeXParser.parse(utf8: bytes, file: path, emitWorks: emitWorks))
        } else {
            let utf8 = Array(text.utf8)
            text = ""
            result.append(BibTeXParser.parse(utf8: utf8, file: path, emitWorks: emitWorks))
        }
    case .ris: result.append(RISParser.parse(text, file: path))
    case .cslJSON: result.append(CSLJSONParser.parse(text, file: path))
    case .html: result.append(HTMLPageParser.parse(bytes: bytes, file: path))
    case .pageDump: result.append(PageDumpParser.parse(text, file: path))
    case .claimCard: result.append(ClaimCardParser.parse(text, file: path))
    case .citationList: result.append(CitationListParser.parse(text, file: path))
    }
    return result
}

/// True when `text` is exactly `bytes` in UTF-8.
private func hasSameUTF8(_ text: String, _ bytes: [UInt8]) -> Bool {
    var text = text
    return text.withUTF8 { utf8 in
        utf8.count == bytes.count && bytes.withUnsafeBufferPointer { original in
            utf8.isEmpty || memcmp(utf8.baseAddress!, original.baseAddress!, utf8.count) == 0
        }
    }
}

/// One note per repaired run, at most `limit`, then one note with the count of the rest.
func mojibakeNotes(_ notes: [MojibakeRepairNote], file: String, limit: Int = 20) -> [Diagnostic] {
    var out = notes.prefix(limit).map {
        Diagnostic(.note, at: SourceLocation(file: file, line: $0.line, column: $0.column), MojibakeText.describe($0))
    }
    if notes.count > limit {
        out.append(Diagnostic(.note, at: SourceLocation(file: file),
                              "\(notes.count - limit) more mojibake runs repaired"))
    }
    return out
}

/// `text` with each CR that is not followed by LF replaced by LF (same length in bytes).
func withLoneCRsAsLF(_ text: String) -> String {
    var bytes = Array(text.utf8)
    var changed = false
    for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
        bytes[index] = 0x0A
        changed = true
    }
    return changed ? String(decoding: bytes, as: UTF8.self) : text
}
