import Foundation

/// Parses RIS records (`TY  - ` … `ER  - `). A malformed record gives one error and is skipped.
public enum RISParser {
    /// Parses `text` (the contents of `file`).
    public static func parse(_ text: String, file: String) -> ParseResult {
        var result = ParseResult()
        var current: (tags: [(tag: String, value: String)], line: Int)?
        var broken = false
        var lineNumber = 0
        // Split on the LF byte: "\r\n" is one Character in Swift, so a Character split would miss CRLF lines.
        for rawBytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let rawLine = Substring(rawBytes)
            let line = rawLine.utf8.last == 0x0D ? Substring(rawLine.utf8.dropLast()) : rawLine
            let here = SourceLocation(file: file, line: lineNumber, column: 1)
            guard let (tag, value) = tagLine(line) else {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                if current == nil {
                    result.diagnostics.append(Diagnostic(.error, at: here, "text outside a record: expected 'TY  - '"))
                    continue
                }
                if looksLikeBrokenTag(line) {
                    if !broken {
                        result.diagnostics.append(Diagnostic(.error, at: here,
                            "malformed RIS line: expected 'XX  - value' (two-character tag, two spaces, '-', space); record skipped"))
                    }
                    broken = true
                    continue
                }
                if let last = current?.tags.popLast() {   // continuation of a wrapped value
                    current?.tags.append((last.tag, last.value + " " + line.trimmingCharacters(in: .whitespaces)))
                }
                continue
            }
            switch tag {
            case "TY":
                if let open = current, !broken {
                    result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: open.line, column: 1),
                        "record has no 'ER  - ' before the next 'TY  - ' on line \(lineNumber); skipped"))
                }
                current = ([(tag, value)], lineNumber)
                broken = false
            case "ER":
                guard let record = current else {
                    result.diagnostics.append(Diagnostic(.error, at: here, "'ER  - ' without a preceding 'TY  - '"))
                    continue
                }
                if !broken {
                    guard result.works.count < ParserLimits.maxEntriesPerFile else {
                        result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: record.line, column: 1),
                            "more than \(ParserLimits.maxEntriesPerFile) records in one file (ParserLimits.maxEntriesPerFile); the rest of the file is skipped"))
                        return result
                    }
                    result.works.append(work(from: record.tags, location: SourceLocation(file: file, line: record.line, column: 1)))
                }
                current = nil
                broken = false
            default:
                if current == nil {
                    result.diagnostics.append(Diagnostic(.error, at: here, "tag '\(tag)' outside a record: expected 'TY  - ' first"))
                } else {
                    current?.tags.append((tag, value))
                }
            }
        }
        if let open = current, !broken {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: open.line, column: 1),
                                                 "record is not closed by 'ER  - '; skipped"))
        }
        return result
    }

    /// `XX  - value` with a two-character tag (letter, then letter or digit).
    static func tagLine(_ line: Substring) -> (String, String)? {
        let scalars = Array(line.unicodeScalars.prefix(6))
        guard scalars.count >= 5, isUpper(scalars[0]), isUpper(scalars[1]) || isDigit(scalars[1]),
              scalars[2] == " ", scalars[3] == " ", scalars[4] == "-",
              scalars.count == 5 || scalars[5] == " " else { return nil }
        let value = String(line.unicodeScalars.dropFirst(min(6, line.unicodeScalars.count)))
        return (String(String.UnicodeScalarView(scalars[0..<2])), value.trimmingCharacters(in: .whitespaces))
    }

    /// A line that starts like a tag but breaks the spacing ("AU - Smith", "AU-Smith").
    private static func looksLikeBrokenTag(_ line: Substring) -> Bool {
        let scalars = Array(line.unicodeScalars.prefix(8))
        guard scalars.count >= 3, isUpper(scalars[0]), isUpper(scalars[1]) || isDigit(scalars[1]) else { return false }
        let rest = scalars[2...].drop { $0 == " " }
        return rest.first == "-"
    }

    private static func isUpper(_ s: Unicode.Scalar) -> Bool { s >= "A" && s <= "Z" }
    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }

    static func work(from tags: [(tag: String, value: String)], location: SourceLocation) -> WorkRecord {
        func first(_ names: String...) -> String? {
            for name in names { if let hit = tags.first(where: { $0.tag == name && !$0.value.isEmpty }) { return hit.value } }
            return nil
        }
        func all(_ name: String) -> [String] { tags.filter { $0.tag == name && !$0.value.isEmpty }.map(\.value) }
        var work = WorkRecord(key: first("ID"), kind: kind(first("TY") ?? ""), title: first("TI", "T1") ?? "",
                              location: location)
        var authorLines = all("AU") + all("A1")
        if authorLines.isEmpty { authorLines = all("A2") + all("A3") + all("A4") }
        work.authors = authorLines.compactMap(risName)
        let date = first("PY", "Y1", "DA") ?? ""
        work.year = BibTeXRecordMapping.firstYear(date)
        let dateParts = (first("DA") ?? first("PY", "Y1") ?? "").split(separator: "/", omittingEmptySubsequences: false)
        if dateParts.count > 1, let month = Int(dateParts[1]), (1...12).contains(month) { work.month = month }
        work.venue = first("JF", "JO", "T2", "BT", "JA")
        work.volume = first("VL")
        work.issue = first("IS")
        switch (first("SP"), first("EP")) {
        case let (start?, end?): work.pages = "\(start)–\(end)"
        case let (start?, nil): work.pages = start
        default: break
        }
        work.publisher = first("PB")
        work.abstract = first("AB", "N2")
        work.note = first("N1")
        work.identifiers.doi = first("DO").flatMap(Normalization.normalizedDOI)
        work.identifiers.urls = all("UR")
        if let url = work.identifiers.urls.first(where: { $0.contains("arxiv.org/abs/") }) {
            work.identifiers.arxiv = Normalization.normalizedArxiv(url)
        }
        var raw: [String: String] = [:]
        for (tag, value) in tags {
            raw[tag] = raw[tag].map { $0 + "\n" + value } ?? value
        }
        work.rawFields = raw
        return work
    }

    /// "Family, Given, Suffix", or a name in BibTeX order when it has no comma.
    static func risName(_ value: String) -> PersonName? {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count > 1 else { return NameListParser.parseName(value) }
        guard !parts[0].isEmpty else { return nil }
        return PersonName(given: parts[1], family: parts[0], suffix: parts.count > 2 ? parts[2] : "")
    }

    static func kind(_ type: String) -> WorkKind {
        switch type.uppercased() {
        case "JOUR", "JFULL", "MGZN", "NEWS", "EJOUR": return .article
        case "BOOK", "EBOOK", "EDBOOK": return .book
        case "CHAP", "ECHAP": return .chapter
        case "CONF", "CPAPER": return .conference
        case "THES": return .thesis
        case "RPRT": return .report
        case "ELEC", "WEB", "BLOG": return .webpage
        case "UNPB", "INPR": return .preprint
        default: return .misc
        }
    }
}
