// One free-text reference as pages print it ("V. Vlačić and H. Bölcskei. Affine symmetries and neural
// network identifiability. Adv. Math., 2021." or "Vlačić, V. (2021). Affine symmetries …"): DOI, arXiv
// id, year, title and first author by a few robust heuristics.

enum ReferenceText {
    /// The reference a list item describes, or nil when nothing identifying is in it.
    static func parse(_ raw: String, links: [String] = []) -> WorkReference? {
        let text = strippingNumber(PageText.collapse(raw))
        guard !text.isEmpty else { return nil }
        var work = WorkReference()
        work.doi = PageIdentifiers.findDOI(in: text) ?? links.lazy.compactMap(PageIdentifiers.findDOI(in:)).first
        work.arxiv = PageIdentifiers.findArXiv(in: text) ?? links.lazy.compactMap(PageIdentifiers.findArXiv(in:)).first
        work.year = PageText.firstYear(in: text)
        let (authors, title) = splitAuthorsAndTitle(text, year: work.year)
        work.title = title
        work.firstAuthorFamily = authors.flatMap(firstFamily)
        return work.title == nil && work.doi == nil && work.arxiv == nil ? nil : work
    }

    /// "[12] text" or "12. text" → "text".
    private static func strippingNumber(_ text: String) -> String {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]"), close < text.index(text.startIndex, offsetBy: min(8, text.count)) {
            return PageText.trim(text[text.index(after: close)...])
        }
        let digits = text.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 4, text.dropFirst(digits.count).hasPrefix(". ") {
            return PageText.trim(text.dropFirst(digits.count + 2))
        }
        return text
    }

    private static func splitAuthorsAndTitle(_ text: String, year: Int?) -> (String?, String?) {
        // A quoted title is the clearest signal.
        for (open, close) in [("“", "”"), ("\"", "\""), ("‘", "’")] {
            if let start = text.firstRange(of: open),
               let end = text[start.upperBound...].firstRange(of: close) {
                let title = trimTitle(text[start.upperBound..<end.lowerBound])
                if title.split(separator: " ").count >= 2 {
                    return (PageText.trim(text[..<start.lowerBound]), title)
                }
            }
        }
        // "Authors (2021). Title. Venue."
        if let year, let marker = text.firstRange(of: "(\(year))") {
            let after = text[marker.upperBound...].drop { $0 == "." || $0 == "," || PageText.isSpace($0) }
            let title = sentences(String(after)).first.map(trimTitle)
            return (PageText.trim(text[..<marker.lowerBound]), title)
        }
        // "Authors. Title. Venue, 2021."
        let parts = sentences(text)
        if parts.count >= 2 { return (parts[0], trimTitle(parts[1])) }
        return (nil, trimTitle(text))
    }

    /// Splits at ". " unless the dot ends an initial ("J.") or a common abbreviation.
    private static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let sentence = PageText.firstSentence(String(rest))
            guard !sentence.isEmpty else { break }
            result.append(sentence)
            rest = rest.dropFirst(sentence.count).drop { $0 == "." || PageText.isSpace($0) }
        }
        return result
    }

    private static func trimTitle<S: StringProtocol>(_ raw: S) -> String {
        var title = PageText.trim(raw)
        while let last = title.last, ".,;:".contains(last) { title.removeLast() }
        return title
    }

    /// "Vlačić, V., Bölcskei, H." → "Vlačić"; "V. Vlačić and H. Bölcskei" → "Vlačić".
    private static func firstFamily(_ authors: String) -> String? {
        let separators: [Character] = [",", ";"]
        var first = PageText.trim(authors.split(whereSeparator: { separators.contains($0) }).first ?? "")
        if let and = first.firstRange(of: " and ") { first = PageText.trim(first[..<and.lowerBound]) }
        let words = first.split(separator: " ").map { String($0).trimmingDots }
        return words.last(where: { $0.count > 1 }) ?? words.last
    }
}

private extension String {
    var trimmingDots: String {
        var word = self
        while word.hasSuffix(".") { word.removeLast() }
        return word
    }
}
