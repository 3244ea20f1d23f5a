// Where a landing-page dump states its authors, most explicit first: a labelled line ("Authors: …"),
// an "Authors" heading over a line of names (NeurIPS proceedings), a JSON `"authors": [...]` list, a
// "Family, Given; Family, Given" line above the title (zbMATH), or a line of names just under the title
// (PMLR, OpenReview, Semantic Scholar, HAL, ar5iv).

enum LandingAuthors {
    struct Found {
        var names: [PersonName] = []
        var etAl = false
        /// The lines that held the list, so they are not read again as content.
        var lines: Set<Int> = []
    }

    /// Lines under the title searched for an unlabelled list of names.
    static let linesSearchedUnderTitle = 4

    static func find(_ lines: [PageLine], titleLine: Int) -> Found {
        let nonEmpty = lines.filter { !$0.trimmed.isEmpty }
        for line in nonEmpty {
            if let list = PageAuthors.labelled(line) {
                return Found(names: list.names, etAl: list.etAl, lines: [line.number])
            }
        }
        for (offset, line) in nonEmpty.enumerated() where PageAuthors.isAuthorsHeading(line.trimmed) {
            if offset + 1 < nonEmpty.count, let list = PageAuthors.names(in: nonEmpty[offset + 1].trimmed, strict: false) {
                return Found(names: list.names, etAl: list.etAl, lines: [line.number, nonEmpty[offset + 1].number])
            }
        }
        for line in nonEmpty where PageText.containsBytes(line.text, "\"authors\"") {
            if let names = PageAuthors.jsonList(in: line.text) { return Found(names: names, lines: [line.number]) }
        }
        if let above = nonEmpty.last(where: { $0.number < titleLine }), isFamilyFirstList(above.trimmed),
           let list = PageAuthors.names(in: above.trimmed) {
            return Found(names: list.names, etAl: list.etAl, lines: [above.number])
        }
        var searched = 0
        for line in nonEmpty where line.number > titleLine {
            let text = line.trimmed
            // A section or widget heading ("Abstract", "AI Quick Summary") ends the region under the title.
            if PageBoilerplate.isSectionHeading(text) || PageBoilerplate.blockRule(text) != nil || text.utf8.count > 300 {
                break
            }
            if PageBoilerplate.lineRule(text) != nil || LandingTitle.navigationRule(text) != nil
                || LandingMetadata.parse(text) != nil { continue }
            if let list = PageAuthors.names(in: text) {
                var found = Found(names: list.names, etAl: list.etAl, lines: [line.number])
                // ar5iv prints one author per line: the lines of names that follow belong to the list.
                for next in nonEmpty where next.number > line.number {
                    guard let more = PageAuthors.names(in: next.trimmed) else { break }
                    found.names += more.names
                    found.etAl = found.etAl || more.etAl
                    found.lines.insert(next.number)
                }
                return found
            }
            searched += 1
            if searched == linesSearchedUnderTitle { break }
        }
        return Found()
    }

    /// "Vlačić, Verner; Bölcskei, Helmut" (or one "Family, Given" with a final ";"): zbMATH's author line.
    static func isFamilyFirstList(_ text: String) -> Bool {
        guard text.utf8.count <= 500, text.contains(";") else { return false }
        let items = text.split(separator: ";").map { PageText.trim($0) }.filter { !$0.isEmpty }
        guard !items.isEmpty, items.allSatisfy({ $0.contains(",") }) else { return false }
        return PageAuthors.names(in: text) != nil
    }
}
