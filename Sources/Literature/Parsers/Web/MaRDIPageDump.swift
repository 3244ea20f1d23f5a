// MaRDI portal publication pages dumped as text: the title on line 1, "Publication:<n>", "Abstract: …",
// then the lists "Recommendations", "Cites work" and "Cited in (N)", then a footer. Each list entry
// becomes an edge with the right direction; entries MaRDI shows without a title ("scientific article;
// zbMATH DE number 683513 …") become minimal, unverified works known by their zbMATH number.

enum MaRDIPageDump {
    /// The three lists of a MaRDI page and what an entry in each means.
    enum Section: String, CaseIterable {
        case recommendations = "Recommendations"
        case citesWork = "Cites work"
        case citedIn = "Cited in"

        var relation: String { self == .recommendations ? "recommends" : "cites" }
        var source: String { "MaRDI page, \(rawValue)" }
    }

    static func parse(_ lines: [PageLine], file: String) -> ParseResult {
        var result = ParseResult()
        var repairs: [String] = []
        var title: String?
        var titleLine = 1
        var mardi: String?
        var footerItem: String?
        var abstractLines: [String] = []
        var inAbstract = false
        var section: Section?
        var expectedCount: [Section: (count: Int, line: Int)] = [:]
        var entries: [(section: Section, line: PageLine, text: String)] = []

        for line in lines {
            let text = line.trimmed
            if text.isEmpty { continue }
            if title == nil {
                title = text
                titleLine = line.number
                continue
            }
            if text == "From MaRDI portal" { continue }
            if PageDumpParser.isMaRDIPublicationLine(text) {
                mardi = "Q" + text.dropFirst("Publication:".count)
                continue
            }
            if let item = footerItemId(text) {
                footerItem = item
                repairs.append("line \(line.number): removed MaRDI footer '\(PageBoilerplate.abbreviated(text))'")
                continue
            }
            if text.hasPrefix("This page was built for publication") {
                repairs.append("line \(line.number): removed MaRDI footer '\(PageBoilerplate.abbreviated(text))'")
                continue
            }
            if text.hasPrefix("Abstract:") {
                inAbstract = true
                abstractLines.append(PageText.trim(text.dropFirst("Abstract:".count)))
                continue
            }
            if let (heading, count, rest) = sectionHeading(text) {
                section = heading
                inAbstract = false
                if let count { expectedCount[heading] = (count, line.number) }
                if let rest { entries.append((heading, line, rest)) }
                continue
            }
            if let section, !inAbstract, let (count, rest) = leadingCount(text) {
                expectedCount[section] = (count, line.number)
                if let rest { entries.append((section, line, rest)) }
            } else if inAbstract {
                abstractLines.append(text)
            } else if let section, let entry = entryText(text) {
                entries.append((section, line, entry))
            } else {
                result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: line.number),
                                                     "unrecognised line on a MaRDI page, skipped"))
            }
        }

        guard let title else {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file), "empty MaRDI page dump"))
            return result
        }
        if mardi == nil { mardi = footerItem }
        if let mardi, let footerItem, mardi != footerItem {
            result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: titleLine),
                                                 "publication id \(mardi) differs from the footer's MaRDI item \(footerItem)"))
        }
        let location = SourceLocation(file: file, line: titleLine)
        let abstract = abstractLines.isEmpty ? nil : PageText.collapse(abstractLines.joined(separator: " "))
        let page = WorkReference(title: title, mardi: mardi)
        result.works.append(WorkRecord(kind: .article, title: title, abstract: abstract,
                                       identifiers: WorkIdentifiers(mardi: mardi), location: location)
            .scraped(from: "MaRDI publication page"))

        if entries.count > PageLimits.maximumReferencesPerPage {
            let first = entries[PageLimits.maximumReferencesPerPage].line.number
            result.diagnostics.append(PageLimits.referencesTruncated(found: entries.count,
                                                                     at: SourceLocation(file: file, line: first)))
            entries.removeLast(entries.count - PageLimits.maximumReferencesPerPage)
        }
        for entry in entries {
            let entryLocation = SourceLocation(file: file, line: entry.line.number,
                                               column: column(of: entry.text, in: entry.line.text))
            let item = itemReference(entry.text, location: entryLocation, into: &result)
            let (citing, cited) = entry.section == .citedIn ? (item, page) : (page, item)
            result.citations.append(CitationRecord(citing: citing, cited: cited, relation: entry.section.relation,
                                                   source: entry.section.source, location: entryLocation))
        }
        for (section, expected) in expectedCount {
            let found = entries.filter { $0.section == section }.count
            if found != expected.count {
                result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: expected.line),
                                                     "'\(section.rawValue)' announces \(expected.count) entries but lists \(found)"))
            }
        }

        let passages = abstract.map { [PassageRecord(role: "abstract", text: $0)] } ?? []
        result.documents.append(DocumentRecord(work: page, kind: PageDumpKind.mardiPage.rawValue, title: title,
                                               passages: passages, repairs: repairs, location: location))
        return result
    }

    /// A reference to a list entry; untitled zbMATH entries also add a minimal unverified work.
    private static func itemReference(_ text: String, location: SourceLocation,
                                      into result: inout ParseResult) -> WorkReference {
        guard let number = zbmathNumber(text) else { return WorkReference(title: text) }
        let title = "zbMATH DE number \(number) (untitled)"
        if !result.works.contains(where: { $0.identifiers.zbmath == number }) {
            let kind: WorkKind = text.lowercased().hasPrefix("scientific article") ? .article : .misc
            result.works.append(WorkRecord(kind: kind, title: title, identifiers: WorkIdentifiers(zbmath: number),
                                           verified: false, unverifiedFields: ["title"],
                                           note: "MaRDI lists this item without a title", location: location)
                .scraped(from: "MaRDI publication page, untitled list entry"))
        }
        return WorkReference(title: title, zbmath: number)
    }

    /// "683513" for "scientific article; zbMATH DE number 683513 (Why is no real title available?)".
    static func zbmathNumber(_ text: String) -> String? {
        guard let marker = text.firstRange(of: "zbMATH DE number ") else { return nil }
        let digits = text[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }
        let before = PageText.trim(text[..<marker.lowerBound]).lowercased()
        // Only entries that are nothing but the placeholder are untitled.
        guard !digits.isEmpty, before.isEmpty || before.hasSuffix(";") else { return nil }
        return String(digits)
    }

    /// The list heading on a line, the count "(9)" that may follow, and an entry glued after the count.
    private static func sectionHeading(_ text: String) -> (Section, Int?, String?)? {
        for section in Section.allCases where text.hasPrefix(section.rawValue) {
            let rest = PageText.trim(text.dropFirst(section.rawValue.count))
            if rest.isEmpty { return (section, nil, nil) }
            if let (count, tail) = leadingCount(rest) { return (section, count, tail) }
        }
        return nil
    }

    /// "(9)- Stable recovery…" → (9, "Stable recovery…"); used for the count line after "Cited in".
    static func leadingCount(_ text: String) -> (Int, String?)? {
        guard text.hasPrefix("("), let close = text.firstIndex(of: ")"),
              let count = Int(text[text.index(after: text.startIndex)..<close]) else { return nil }
        let tail = text[text.index(after: close)...]
        return (count, entryText(String(tail)) ?? (PageText.trim(tail).isEmpty ? nil : PageText.trim(tail)))
    }

    /// The entry of a "- entry" list line, or nil.
    private static func entryText(_ text: String) -> String? {
        let trimmed = PageText.trim(text)
        guard trimmed.hasPrefix("- ") || trimmed.hasPrefix("• ") else { return nil }
        let entry = PageText.trim(trimmed.dropFirst(2))
        return entry.isEmpty ? nil : entry
    }

    /// "Q2214101" from the footer "…(MaRDI item Q2214101)".
    private static func footerItemId(_ text: String) -> String? {
        guard let marker = text.firstRange(of: "MaRDI item Q") else { return nil }
        let digits = text[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : "Q" + digits
    }

    private static func column(of entry: String, in line: String) -> Int {
        guard let range = line.firstRange(of: entry) else { return 1 }
        return line.distance(from: line.startIndex, to: range.lowerBound) + 1
    }
}
