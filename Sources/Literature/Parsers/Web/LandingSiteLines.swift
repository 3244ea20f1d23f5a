// Metadata lines in the shapes particular sites print them (each rule written from the shape, not copied
// text): HAL's "Conference Papers Year : 2022" and "HAL Id : hal-… DOI : … ARXIV : …", arXiv's
// "[Submitted on 15 Jun 2022 …]" and "Cite as: arXiv:…", OpenReview's "Published: 31 Oct 2022, …" and
// "NeurIPS 2022 Accept", Semantic Scholar's "Published in <venue> 15 June 2022", the NeurIPS proceedings'
// "Part of Advances in … (NeurIPS 2022) …", PMLR's "Proceedings of …, PMLR 139:1-10, 2021." and
// zbMATH's source line "Adv. Math. 376, Article ID 107485, 72 p. (2021).".

import Foundation

enum LandingSiteLines {
    /// `lower` is `PageText.lower(text)` when the caller has it already.
    static func parse(_ text: String, lower known: String? = nil) -> LandingMetadata? {
        let lower = known ?? PageText.lower(text)
        if let found = halDocumentType(text) { return found }
        if let found = labelledIdentifiers(text, lower: lower) { return found }
        var found = LandingMetadata()
        // Date lines: their first number of four or more digits is the year, stored or refused with the
        // reason (ParserLimits.year, the rule of every format), never passed over in silence.
        if lower.opens("[submitted on ") || lower.opens("submitted on ") {
            return dated(ParserLimits.year(in: text), what: "submission date line")
        }
        if lower.opens("published:") || lower.opens("published on:") || lower.opens("publication date:") {
            // "Published: 31 Oct 2022, Last Modified: 12 Jan 2023": the part before the first comma.
            let head = text.split(separator: ",").first.map(String.init) ?? text
            return dated(ParserLimits.year(in: head), what: "publication date line")
        }
        if lower.opens("published in "), text.count <= 200 {
            let rest = PageText.trim(text.dropFirst("published in ".count))
            found.year = PageText.firstYear(in: rest)
            found.venue = withoutTrailingDate(rest)
            return found
        }
        if lower.opens("part of "), let year = PageText.firstYear(in: text), text.count <= 200 {
            var venue = PageText.trim(text.dropFirst("part of ".count))
            if let close = venue.lastIndex(of: ")") { venue = String(venue[...close]) }
            found.venue = venue
            found.year = year
            found.kind = .conference
            return found
        }
        if lower.opens("proceedings of "), text.count <= 300, let year = lastYear(in: text) {
            let parts = text.split(separator: ",").map { PageText.trim($0) }
            found.venue = parts.first
            found.year = year
            found.kind = .conference
            if let pmlr = parts.first(where: { $0.hasPrefix("PMLR ") }) {
                let numbers = pmlr.dropFirst("PMLR ".count).split(separator: ":")
                found.volume = numbers.first.map(String.init)
                if numbers.count == 2 { found.pages = numbers[1].replacingOccurrences(of: "-", with: "–") }
            }
            return found
        }
        if let found = venueDecision(text) { return found }
        if let found = journalSourceLine(text) { return found }
        return nil
    }

    /// The metadata of a date line: its year, or the refusal of the number it states; nil when it states
    /// no number of four or more digits (then it is no date line).
    private static func dated(_ parsed: (year: Int?, refusal: String?), what: String) -> LandingMetadata? {
        guard parsed.year != nil || parsed.refusal != nil else { return nil }
        var found = LandingMetadata(year: parsed.year)
        found.yearRefusal = parsed.refusal.map { what + ": " + $0 }
        return found
    }

    /// HAL: "Conference Papers Year : 2022", "Journal articles Year : 2021", "Preprints, Working Papers, ... Year : 2020".
    private static func halDocumentType(_ text: String) -> LandingMetadata? {
        guard PageText.containsBytes(text, "Year"),
              let range = text.range(of: #"\s+Year\s*:\s*(\d{4,})$"#, options: .regularExpression) else { return nil }
        let type = text[..<range.lowerBound].lowercased()
        let parsed = ParserLimits.year(in: digits(text[range]))
        var found = LandingMetadata(year: parsed.year)
        found.yearRefusal = parsed.refusal.map { "HAL document type year: " + $0 }
        if type.has("conference") || type.has("poster") { found.kind = .conference }
        else if type.has("journal") { found.kind = .article }
        else if type.has("preprint") { found.kind = .preprint }
        else if type.has("thes") || type.has("habilitation") { found.kind = .thesis }
        else if type.has("book section") || type.has("chapter") { found.kind = .chapter }
        else if type.has("book") { found.kind = .book }
        else if type.has("report") { found.kind = .report }
        return found
    }

    /// "HAL Id : hal-03685327 , version 1", "DOI : 10.…", "ARXIV : 2206.07424", "Cite as: arXiv:…",
    /// "Zbl 1454.68133", "Identifiers HAL Id : … DOI : …" — one or several on one line.
    /// `lower` is `PageText.lower(text)`.
    private static func labelledIdentifiers(_ text: String, lower: String) -> LandingMetadata? {
        guard identifierStarts.contains(where: lower.opens) else { return nil }
        var found = LandingMetadata()
        if let range = lower.range(of: "hal id") {
            let after = text[range.upperBound...].drop { $0 == " " || $0 == ":" }
            let id = after.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if !id.isEmpty { found.identifiers.hal = String(id) }
        }
        if let range = lower.range(of: "doi") {
            found.identifiers.doi = PageIdentifiers.findDOI(in: String(text[range.upperBound...]))
        }
        if let range = lower.range(of: "arxiv") {
            let after = text[range.upperBound...].drop { $0 == " " || $0 == ":" }
            found.identifiers.arxiv = PageIdentifiers.arxiv(String(after))
        }
        if lower.opens("zbl ") {
            let id = text.dropFirst(4).prefix { $0.isNumber || $0 == "." }
            if !id.isEmpty { found.identifiers.zbmath = String(id) }
        }
        if lower.opens("openreview id") {
            let after = text.dropFirst("openreview id".count).drop { $0 == " " || $0 == ":" }
            let id = after.prefix { !PageText.isSpace($0) }
            if !id.isEmpty { found.identifiers.openreview = String(id) }
        }
        let ids = found.identifiers
        // Only arXiv's own "Cite as: arXiv:…" makes the page an arXiv preprint; HAL lists arXiv ids of papers.
        if lower.opens("cite as:"), ids.arxiv != nil { found.venue = "arXiv"; found.kind = .preprint }
        return ids.hal != nil || ids.doi != nil || ids.arxiv != nil || ids.zbmath != nil || ids.openreview != nil
            ? found : nil
    }

    private static let identifierStarts = ["hal id", "doi :", "arxiv :", "cite as:", "identifiers", "zbl ", "openreview id"]

    /// OpenReview's decision line: "NeurIPS 2022 Accept", "ICLR 2021 Poster", "ICML 2023 Oral".
    private static func venueDecision(_ text: String) -> LandingMetadata? {
        guard (2...5).contains(PageText.spaces(in: text, upTo: 5)) else { return nil }
        let words = text.split(separator: " ").map(String.init)
        guard (3...6).contains(words.count), let yearIndex = words.firstIndex(where: { $0.count == 4 && Int($0) != nil }),
              yearIndex >= 1, let year = Int(words[yearIndex]), (1950...2099).contains(year) else { return nil }
        let decisions = ["accept", "poster", "oral", "spotlight", "notable", "conference", "workshop"]
        let tail = words[(yearIndex + 1)...].map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        guard !tail.isEmpty, tail.contains(where: { word in decisions.contains(where: word.hasPrefix) }),
              words[..<yearIndex].allSatisfy({ $0.uppercased() == $0 || $0.first?.isUppercase == true }) else { return nil }
        var found = LandingMetadata(kind: .conference, year: year)
        found.venue = words[...yearIndex].joined(separator: " ")
        return found
    }

    /// zbMATH source line: "<journal abbreviation> <volume>[, No. n], <pages or Article ID …> (<year>)."
    private static func journalSourceLine(_ text: String) -> LandingMetadata? {
        guard PageText.hasSuffix(text, ")") || PageText.hasSuffix(text, ")."), text.count <= 160,
              let range = text.range(of: #"\((\d{4,})\)\.?$"#, options: .regularExpression) else { return nil }
        let parsed = ParserLimits.year(in: digits(text[range]))
        let body = PageText.trim(text[..<range.lowerBound])
        guard body.contains(","), let volumeStart = body.range(of: #" \d+(,|\s|\(|$)"#, options: .regularExpression)
        else { return nil }
        let venue = PageText.trim(body[..<volumeStart.lowerBound])
        // The venue is an abbreviated or full journal name: capitalised words, no sentence.
        guard !venue.isEmpty, venue.split(separator: " ").count <= 10, venue.first?.isUppercase == true else { return nil }
        var found = LandingMetadata(kind: .article, year: parsed.year)
        found.yearRefusal = parsed.refusal.map { "source line year: " + $0 }
        found.venue = venue
        found.volume = body[volumeStart.lowerBound...].drop { $0 == " " }.prefix { $0.isNumber }.description
        return found
    }

    /// The zbMATH number in a title line "… (English) Zbl 1454.68133".
    static func zblNumber(in text: String) -> String? {
        guard PageText.containsBytes(text, "Zbl "), let range = text.range(of: #"Zbl \d{4}\.\d{5}"#, options: .regularExpression) else { return nil }
        return String(text[range].dropFirst(4))
    }

    /// A `"year": 2022` (or `"year": "2022"`) in a JSON-ish dump line: the year, or the refusal of a
    /// number of four or more digits that is none (ParserLimits.year); nil when the line has no such key.
    static func jsonYear(in text: String) -> (year: Int?, refusal: String?)? {
        guard PageText.containsBytes(text, "\"year\""),
              let range = text.range(of: #""year"\s*:\s*"?\d{4,}"#, options: .regularExpression) else { return nil }
        let parsed = ParserLimits.year(in: digits(text[range]))
        return (parsed.year, parsed.refusal.map { "JSON \"year\": " + $0 })
    }

    /// The ASCII digits of a matched "Year : 2022", "(2021)." or `"year": 2022`, which name one number.
    private static func digits(_ text: Substring) -> String { String(text.filter { $0.isASCII && $0.isNumber }) }

    /// "Neural Information Processing Systems 15 June 2022" → "Neural Information Processing Systems".
    private static func withoutTrailingDate(_ text: String) -> String? {
        let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                      "sept", "oct", "nov", "dec"]
        var words = text.split(separator: " ").map(String.init)
        while let last = words.last {
            let bare = last.lowercased().trimmingCharacters(in: .punctuationCharacters)
            if bare.allSatisfy(\.isNumber) || months.contains(bare) { words.removeLast() } else { break }
        }
        let venue = words.joined(separator: " ")
        return venue.isEmpty ? nil : venue
    }

    /// The last plausible year in `text` ("…, PMLR 139:1-10, 2021." → 2021).
    private static func lastYear(in text: String) -> Int? {
        let pieces = text.split(whereSeparator: { !$0.isNumber })
        return pieces.reversed().lazy.compactMap { $0.count == 4 ? Int($0) : nil }.first { (1800...2099).contains($0) }
    }
}

private extension String {
    /// Byte-level substring test (see PageText.containsBytes).
    func has(_ needle: String) -> Bool { PageText.containsBytes(self, needle) }

    /// `hasPrefix` on bytes where they decide (see PageText.hasPrefix).
    func opens(_ prefix: String) -> Bool { PageText.hasPrefix(self, prefix) }
}
