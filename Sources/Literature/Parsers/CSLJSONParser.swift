import Foundation

/// Parses CSL-JSON: an array of items, one item, or an object keyed by id or DOI (Crossref and
/// citation-js write that). Items are split first (CSLJSONItems) and parsed one by one, so a malformed or
/// untitled item is reported at its line:col and skipped while the others are kept.
public enum CSLJSONParser {
    /// Parses `text` (the contents of `file`).
    public static func parse(_ text: String, file: String) -> ParseResult {
        parse(text, file: file, maxEntries: ParserLimits.maxEntriesPerFile)
    }

    /// `parse(_:file:)` with the entries limit as a parameter, so tests can reach it with a small file.
    static func parse(_ text: String, file: String, maxEntries: Int) -> ParseResult {
        var result = ParseResult()
        let bytes = Array(text.utf8)
        let lines = LineIndex(bytes: bytes)
        let split = CSLJSONItems.split(bytes)
        for (offset, message) in split.errors {
            result.diagnostics.append(Diagnostic(.error, at: lines.location(of: offset, file: file), "invalid JSON: \(message)"))
        }
        if split.items.count > maxEntries {
            // Reported where the first item past the limit starts.
            result.diagnostics.append(Diagnostic(.error, at: lines.location(of: split.items[maxEntries].range.lowerBound, file: file),
                "more than \(maxEntries) items in one file (ParserLimits.maxEntriesPerFile); this item and the rest are skipped"))
        }
        for (index, slice) in split.items.prefix(maxEntries).enumerated() {
            let location = lines.location(of: slice.range.lowerBound, file: file)
            let item: Any
            do {
                item = try JSONSerialization.jsonObject(with: Data(bytes[slice.range]), options: [.fragmentsAllowed])
            } catch {
                let inner = (error as NSError).userInfo["NSJSONSerializationErrorIndex"] as? Int
                let at = inner.map { lines.location(of: slice.range.lowerBound + $0, file: file) } ?? location
                result.diagnostics.append(Diagnostic(.error, at: at,
                    "item \(index + 1) (starting at \(location.line):\(location.column)) is not valid JSON; item skipped"))
                continue
            }
            guard let parsed = item as? [String: Any] else {
                result.diagnostics.append(Diagnostic(.error, at: location, "item \(index + 1) is not a JSON object; skipped"))
                continue
            }
            var warnings: [String] = []
            var object = checkedFields(parsed, warnings: &warnings)
            if let key = slice.key {
                if object["id"] == nil { object["id"] = key }
                if object["DOI"] == nil, Normalization.normalizedDOI(key) != nil, key.contains("10.") { object["DOI"] = key }
            }
            func report() {
                for warning in warnings {
                    result.diagnostics.append(Diagnostic(.warning, at: location, "item \(index + 1): \(warning)"))
                }
            }
            guard let rawTitle = string(object["title"]) else {
                report()
                result.diagnostics.append(Diagnostic(.error, at: location, "item \(index + 1) has no title; skipped"))
                continue
            }
            let title = MarkupText.strip(LaTeXText.collapseWhitespace(rawTitle)).text
            guard !title.isEmpty else {
                report()
                result.diagnostics.append(Diagnostic(.error, at: location, "item \(index + 1) has no title; skipped"))
                continue
            }
            result.works.append(work(from: object, title: title, location: location, warnings: &warnings))
            report()
        }
        return result
    }

    static func work(from item: [String: Any], title: String, location: SourceLocation) -> WorkRecord {
        var warnings: [String] = []
        return work(from: item, title: title, location: location, warnings: &warnings)
    }

    static func work(from item: [String: Any], title: String, location: SourceLocation, warnings: inout [String])
        -> WorkRecord {
        // CSL 1.0.2's citation-key is the key users cite with; `id` is often a generated number or a URL.
        var work = WorkRecord(key: string(item["citation-key"]) ?? string(item["id"]), kind: kind(string(item["type"]) ?? ""),
                              title: title, location: location)
        work.authors = (item["author"] as? [Any] ?? []).compactMap { ($0 as? [String: Any]).flatMap(name) }
        if let issued = item["issued"] as? [String: Any] {
            if let parts = (issued["date-parts"] as? [Any])?.first as? [Any] {
                let year = parts.first.flatMap(int)
                if let year, ParserLimits.yearRange.contains(year) { work.year = year }
                else if let first = parts.first { warnings.append("issued year '\(first)' is not a year in \(yearRangeText); not stored") }
                if parts.count > 1 {
                    work.month = int(parts[1]).flatMap { (1...12).contains($0) ? $0 : nil }
                    if work.month == nil { warnings.append("issued month '\(parts[1])' is not a month 1–12; not stored") }
                }
            } else if let raw = string(issued["raw"]) ?? string(issued["literal"]) {
                let parsed = ParserLimits.year(in: raw)
                work.year = parsed.year
                if work.year == nil {
                    warnings.append("issued date " + (parsed.refusal ?? "'\(raw)' has no year in \(yearRangeText); not stored"))
                }
            }
        }
        work.venue = string(item["container-title"]).map { MarkupText.strip($0).text }
        work.volume = string(item["volume"])
        work.issue = string(item["issue"])
        work.pages = string(item["page"])
        work.publisher = string(item["publisher"])
        work.abstract = string(item["abstract"]).map { MarkupText.strip($0).text }
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

    private static var yearRangeText: String { "\(ParserLimits.yearRange.lowerBound)–\(ParserLimits.yearRange.upperBound)" }

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

    /// An integer that fits; nil for 1e23 or 3.5 (never wrapped or truncated).
    private static func int(_ value: Any) -> Int? {
        if let number = value as? NSNumber {
            let double = number.doubleValue
            guard double.rounded() == double, abs(double) < 1e15 else { return nil }
            return Int(double)
        }
        if let text = value as? String { return Int(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }
}
