import Foundation

/// Maps a raw BibTeX entry to a `WorkRecord`: entry types to kinds, fields to record properties.
enum BibTeXRecordMapping {
    static func work(from entry: BibTeXEntry, location: SourceLocation) -> WorkRecord {
        var names = NameListParser.Cache()
        var warnings: [FieldWarning] = []
        return work(from: entry, location: location, names: &names, warnings: &warnings)
    }

    /// `work(from:location:)` reusing the names already read from the same file; every value that is
    /// refused or changed adds a warning naming its field.
    static func work(from entry: BibTeXEntry, location: SourceLocation, names cache: inout NameListParser.Cache,
                     warnings: inout [FieldWarning]) -> WorkRecord {
        var raw = [String: String](minimumCapacity: entry.fields.count)
        for (name, value) in entry.fields { raw[name] = value }
        func text(_ name: String) -> String? {
            guard let value = raw[name] else { return nil }
            let decoded = LaTeXText.decode(value)
            return decoded.isEmpty ? nil : decoded
        }
        let titleRaw = raw["title"] ?? ""
        let title = LaTeXText.decode(titleRaw)
        var work = WorkRecord(key: entry.key, kind: kind(of: entry.type, raw: raw), title: title,
                              titleRaw: titleRaw == title ? nil : titleRaw, location: location)
        // Authors are the `author` field only; editors, translators, … keep their roles.
        let names = NameListParser.parse(raw["author"] ?? "", cache: &cache)
        work.authors = names.names
        work.authorsEtAl = names.etAl
        for role in BibLaTeXFields.contributorRoles {
            guard let value = raw[role] else { continue }
            for name in NameListParser.parse(value, cache: &cache).names {
                work.contributors.append(Contributor(role: role, name: name))
            }
        }
        var date: (year: Int?, month: Int?) = (nil, nil)
        if let value = raw["date"] {
            let parsed = BibLaTeXFields.parseDate(value)
            date = (parsed.year.flatMap { ParserLimits.yearRange.contains($0) ? $0 : nil }, parsed.month)
            if let warning = parsed.warning { warnings.append(FieldWarning(field: "date", message: warning)) }
            if let year = parsed.year, !ParserLimits.yearRange.contains(year) {
                warnings.append(FieldWarning(field: "date", message: "year \(year) is outside \(ParserLimits.yearRange.lowerBound)–\(ParserLimits.yearRange.upperBound); not stored"))
            }
        }
        var year: Int?
        if let value = raw["year"] {
            let parsed = BibLaTeXFields.parseYear(value)
            year = parsed.year
            if let warning = parsed.warning { warnings.append(FieldWarning(field: "year", message: warning)) }
        }
        work.year = year ?? date.year
        if let value = raw["month"] {
            work.month = monthNumber(value)
            // "sep # { 4}" (a month and a day), "June--July": the first month is stored, and said so.
            let first = value.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "~" }).first.map(String.init)
            if work.month == nil, let first, let month = monthNumber(first) {
                work.month = month
                warnings.append(FieldWarning(field: "month", message: "month '\(value)' is more than a month; stored as \(month)"))
            } else if work.month == nil {
                warnings.append(FieldWarning(field: "month", message: "month '\(value)' is not a month; not stored"))
            }
        }
        work.month = work.month ?? date.month
        func venueField(_ name: String) -> String? {
            guard let value = raw[name] else { return nil }
            if let expanded = BibLaTeXFields.expandJournalMacro(value) {
                warnings.append(FieldWarning(field: name, message: "journal macro '\(LaTeXText.trimmed(value))' expanded to '\(expanded)'"))
                return expanded
            }
            if BibLaTeXFields.isLoneMacro(value) {
                warnings.append(FieldWarning(field: name, message: "'\(LaTeXText.trimmed(value))' is an undefined macro; kept as written"))
                return LaTeXText.trimmed(value.filter { $0 != "{" && $0 != "}" })
            }
            return text(name)
        }
        work.venue = venueField("journal") ?? venueField("journaltitle") ?? text("booktitle") ?? text("howpublished")
            ?? text("school") ?? text("institution")
        work.volume = text("volume")
        work.issue = text("number") ?? text("issue")
        work.pages = text("pages")
        work.publisher = text("publisher") ?? text("school") ?? text("institution") ?? text("organization")
        work.abstract = text("abstract")
        work.note = text("note")
        work.identifiers = identifiers(raw)
        let unverified = (raw["unverified"] ?? "").split(separator: ",")
            .map { LaTeXText.trimmed($0).lowercased() }
            .filter { !$0.isEmpty }
        work.unverifiedFields = unverified
        work.verified = unverified.isEmpty
        work.rawFields = raw
        return work
    }

    static func identifiers(_ raw: [String: String]) -> WorkIdentifiers {
        var ids = WorkIdentifiers()
        ids.doi = raw["doi"].flatMap { Normalization.normalizedDOI(strippedBraces($0)) }
        let prefix = (raw["archiveprefix"] ?? raw["eprinttype"] ?? "").lowercased()
        if let arxiv = raw["arxiv"] {
            ids.arxiv = Normalization.normalizedArxiv(strippedBraces(arxiv))
        } else if let eprint = raw["eprint"], prefix.contains("arxiv") || eprint.lowercased().hasPrefix("arxiv:") {
            ids.arxiv = Normalization.normalizedArxiv(strippedBraces(eprint))
        }
        func plain(_ name: String) -> String? {
            guard let value = raw[name] else { return nil }
            let stripped = LaTeXText.trimmed(strippedBraces(value))
            return stripped.isEmpty ? nil : stripped
        }
        ids.mardi = plain("mardi")
        ids.zbmath = plain("zbmath")
        ids.hal = plain("hal")
        ids.openreview = plain("openreview")
        ids.isbn = plain("isbn")
        ids.urls = plain("url").map { [$0] } ?? []
        return ids
    }

    static func kind(of type: String, raw: [String: String]) -> WorkKind {
        switch type {
        case "article":
            return raw["journal"] == nil && raw["journaltitle"] == nil && hasArxiv(raw) ? .preprint : .article
        case "book", "mvbook", "booklet", "collection", "mvcollection", "proceedings", "mvproceedings",
             "reference":
            return .book
        case "inbook", "incollection", "bookinbook", "suppbook", "inreference":
            return .chapter
        case "inproceedings", "conference":
            return .conference
        case "phdthesis", "mastersthesis", "thesis":
            return .thesis
        case "techreport", "report", "manual":
            return .report
        case "online", "www", "electronic", "webpage":
            return .webpage
        case "unpublished", "preprint":
            return .preprint
        default:
            return hasArxiv(raw) && raw["journal"] == nil && raw["booktitle"] == nil ? .preprint : .misc
        }
    }

    private static func hasArxiv(_ raw: [String: String]) -> Bool {
        raw["arxiv"] != nil || (raw["archiveprefix"] ?? raw["eprinttype"] ?? "").lowercased().contains("arxiv")
    }

    private static func strippedBraces(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "{" && $0 != "}" }))
    }

    /// A month as a number 1–12 from "3", "mar", "March", "Mar.".
    static func monthNumber(_ value: String) -> Int? {
        let trimmed = LaTeXText.trimmed(strippedBraces(value)).lowercased()
        if let number = Int(trimmed), (1...12).contains(number) { return number }
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard trimmed.count >= 3 else { return nil }
        return names.firstIndex(of: String(trimmed.prefix(3))).map { $0 + 1 }
    }

}
