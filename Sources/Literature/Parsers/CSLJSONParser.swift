import Foundation

/// Parses CSL-JSON (an array of items, or one item) with Foundation's JSONSerialization.
public enum CSLJSONParser {
    /// Parses `text` (the contents of `file`). Item errors point at the item's opening brace.
    public static func parse(_ text: String, file: String) -> ParseResult {
        var result = ParseResult()
        let bytes = Array(text.utf8)
        let lines = LineIndex(bytes: bytes)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let index = (error as NSError).userInfo["NSJSONSerializationErrorIndex"] as? Int ?? 0
            result.diagnostics.append(Diagnostic(.error, at: lines.location(of: index, file: file),
                                                 "invalid JSON: \((error as NSError).localizedDescription)"))
            return result
        }
        let items: [Any]
        let offsets: [Int]
        if let array = json as? [Any] {
            items = array
            offsets = topLevelItemOffsets(bytes)
        } else {
            items = [json]
            offsets = [bytes.firstIndex { $0 == UInt8(ascii: "{") } ?? 0]
        }
        for (index, item) in items.enumerated() {
            let location = lines.location(of: index < offsets.count ? offsets[index] : 0, file: file)
            guard let object = item as? [String: Any] else {
                result.diagnostics.append(Diagnostic(.error, at: location, "item \(index + 1) is not a JSON object"))
                continue
            }
            guard let title = string(object["title"]), !LaTeXText.collapseWhitespace(title).isEmpty else {
                result.diagnostics.append(Diagnostic(.error, at: location, "item \(index + 1) has no title; skipped"))
                continue
            }
            // Line breaks inside a title are layout, as in BibTeX and RIS: one line, single spaces.
            result.works.append(work(from: object, title: LaTeXText.collapseWhitespace(title), location: location))
        }
        return result
    }

    static func work(from item: [String: Any], title: String, location: SourceLocation) -> WorkRecord {
        var work = WorkRecord(key: string(item["id"]), kind: kind(string(item["type"]) ?? ""), title: title,
                              location: location)
        work.authors = (item["author"] as? [Any] ?? []).compactMap { ($0 as? [String: Any]).flatMap(name) }
        if let issued = item["issued"] as? [String: Any] {
            if let parts = (issued["date-parts"] as? [Any])?.first as? [Any] {
                work.year = parts.first.flatMap(int)
                work.month = parts.count > 1 ? int(parts[1]).flatMap { (1...12).contains($0) ? $0 : nil } : nil
            } else if let raw = string(issued["raw"]) ?? string(issued["literal"]) {
                work.year = BibTeXRecordMapping.firstYear(raw)
            }
        }
        work.venue = string(item["container-title"])
        work.volume = string(item["volume"])
        work.issue = string(item["issue"])
        work.pages = string(item["page"])
        work.publisher = string(item["publisher"])
        work.abstract = string(item["abstract"])
        work.note = string(item["note"])
        work.identifiers.doi = string(item["DOI"]).flatMap(Normalization.normalizedDOI)
        work.identifiers.isbn = string(item["ISBN"])
        work.identifiers.urls = string(item["URL"]).map { [$0] } ?? []
        if let url = work.identifiers.urls.first, url.contains("arxiv.org/") {
            work.identifiers.arxiv = Normalization.normalizedArxiv(url)
        }
        var raw: [String: String] = [:]
        for (key, value) in item { if let text = string(value) { raw[key] = text } }
        work.rawFields = raw
        return work
    }

    static func name(_ object: [String: Any]) -> PersonName? {
        if let literal = string(object["literal"]) { return PersonName(family: literal, isCorporate: true) }
        guard let family = string(object["family"]) else { return nil }
        let particles = [string(object["dropping-particle"]), string(object["non-dropping-particle"])]
            .compactMap { $0 }.joined(separator: " ")
        return PersonName(given: string(object["given"]) ?? "", particle: particles, family: family,
                          suffix: string(object["suffix"]) ?? "")
    }

    static func kind(_ type: String) -> WorkKind {
        switch type {
        case "article-journal", "article-magazine", "article-newspaper", "review": return .article
        case "article": return .preprint   // CSL 1.0.2: preprints and working papers
        case "book", "collection": return .book
        case "chapter", "entry-encyclopedia", "entry-dictionary": return .chapter
        case "paper-conference": return .conference
        case "thesis": return .thesis
        case "report": return .report
        case "webpage", "post", "post-weblog": return .webpage
        case "manuscript": return .preprint
        default: return .misc
        }
    }

    /// Strings as they are, numbers as decimal text; nil for anything else.
    static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    private static func int(_ value: Any) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    /// Byte offsets where the elements of a top-level JSON array begin (strings and nesting skipped).
    static func topLevelItemOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var depth = 0
        var inString = false
        var escaped = false
        var expectingItem = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if expectingItem && depth == 1 && !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09)
                && byte != UInt8(ascii: "]") {
                offsets.append(offset)
                expectingItem = false
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expectingItem = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ",") where depth == 1: expectingItem = true
            default: break
            }
        }
        return offsets
    }
}
