import Foundation

/// Parses RIS records (`TY  - ` … `ER  - `). A malformed record gives one error and is skipped.
public enum RISParser {
    /// Parses `text` (the contents of `file`).
    public static func parse(_ text: String, file: String) -> ParseResult {
        parse(text, file: file, maxEntries: ParserLimits.maxEntriesPerFile)
    }

    /// `parse(_:file:)` with the entries limit as a parameter, so tests can reach it with a small file.
    static func parse(_ text: String, file: String, maxEntries: Int) -> ParseResult {
        var result = ParseResult()
        var current: (tags: [Tag], line: Int)?
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
                if let last = current?.tags.indices.last {   // continuation of a wrapped value
                    current?.tags[last].append(line.trimmingCharacters(in: .whitespaces))
                }
                continue
            }
            switch tag {
            case "TY":
                if let open = current, !broken {
                    result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: open.line, column: 1),
                        "record has no 'ER  - ' before the next 'TY  - ' on line \(lineNumber); skipped"))
                }
                current = ([Tag(tag, value, line: lineNumber)], lineNumber)
                broken = false
            case "ER":
                guard let record = current else {
                    result.diagnostics.append(Diagnostic(.error, at: here, "'ER  - ' without a preceding 'TY  - '"))
                    continue
                }
                if !broken {
                    guard result.works.count < maxEntries else {
                        result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: record.line, column: 1),
                            "more than \(maxEntries) records in one file (ParserLimits.maxEntriesPerFile); the rest of the file is skipped"))
                        return result
                    }
                    let location = SourceLocation(file: file, line: record.line, column: 1)
                    var kept: [(tag: String, value: String)] = []
                    for tag in record.tags {
                        if tag.bytes > ParserLimits.maxFieldBytes {
                            result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: tag.line, column: 1),
                                ParserLimits.fieldTooLong("tag '\(tag.name)'", bytes: tag.bytes)))
                        } else {
                            kept.append((tag.name, tag.value))
                        }
                    }
                    var warnings: [String] = []
                    result.works.append(work(from: kept, location: location, warnings: &warnings))
                    result.diagnostics += warnings.map { Diagnostic(.warning, at: location, $0) }
                }
                current = nil
                broken = false
            default:
                if current == nil {
                    result.diagnostics.append(Diagnostic(.error, at: here, "tag '\(tag)' outside a record: expected 'TY  - ' first"))
                } else {
                    current?.tags.append(Tag(tag, value, line: lineNumber))
                }
            }
        }
        if let open = current, !broken {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: open.line, column: 1),
                                                 "record is not closed by 'ER  - '; skipped"))
        }
        return result
    }

    /// One tag line of an open record, with its continuation lines. Past `ParserLimits.maxFieldBytes`
    /// the value stops growing (it will be dropped) and only its size is counted, so a record of a
    /// million continuation lines costs neither quadratic time nor unbounded memory.
    struct Tag {
        var name: String
        var value: String
        var bytes: Int
        var line: Int

        init(_ name: String, _ value: String, line: Int) {
            self.name = name
            self.value = value
            self.bytes = value.utf8.count
            self.line = line
        }

        mutating func append(_ continuation: String) {
            bytes += 1 + continuation.utf8.count
            guard bytes <= ParserLimits.maxFieldBytes else { return }
            value += " " + continuation
        }
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

    /// The record of a record's tags; a date or month that is refused adds a warning naming its tag.
    static func work(from tags: [(tag: String, value: String)], location: SourceLocation, warnings: inout [String])
        -> WorkRecord {
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
        // The first date tag that names a year in range gives it; each refused one is a warning.
        for name in ["PY", "Y1", "DA"] where work.year == nil {
            guard let date = first(name) else { continue }
            let parsed = ParserLimits.year(in: date)
            work.year = parsed.year
            if let refusal = parsed.refusal { warnings.append("tag '\(name)': \(refusal)") }
        }
        let dateName = first("DA") != nil ? "DA" : first("PY") != nil ? "PY" : "Y1"
        let dateParts = (first(dateName) ?? "").split(separator: "/", omittingEmptySubsequences: false)
        if dateParts.count > 1, !dateParts[1].isEmpty {
            if let month = Int(dateParts[1]), (1...12).contains(month) {
                work.month = month
            } else {
                warnings.append("tag '\(dateName)': month '\(dateParts[1])' is not a month 1–12; not stored")
            }
        }
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
