// Metadata lines of landing pages: "Source: ArXiv", "Published in: NeurIPS 2022", "Year: 2022",
// "DOI: 10.…", "arXiv:2206.07424", and the glued badge row "preprint2022arXivOpen access".

struct LandingMetadata: Sendable, Hashable {
    var kind: WorkKind?
    var year: Int?
    var venue: String?
    var volume: String?
    var pages: String?
    var identifiers = WorkIdentifiers()

    mutating func merge(_ other: LandingMetadata) {
        kind = kind ?? other.kind
        year = year ?? other.year
        venue = venue ?? other.venue
        identifiers.doi = identifiers.doi ?? other.identifiers.doi
        identifiers.arxiv = identifiers.arxiv ?? other.identifiers.arxiv
        identifiers.hal = identifiers.hal ?? other.identifiers.hal
        identifiers.zbmath = identifiers.zbmath ?? other.identifiers.zbmath
        identifiers.openreview = identifiers.openreview ?? other.identifiers.openreview
        volume = volume ?? other.volume
        pages = pages ?? other.pages
    }

    /// The metadata a line states, or nil when it is not a metadata line.
    static func parse(_ line: PageLine) -> LandingMetadata? { parse(line.trimmed, normal: line.normal) }

    /// `normal` is `PageText.Normal(line)` when the caller has it already.
    static func parse(_ line: String, normal: PageText.Normal? = nil) -> LandingMetadata? {
        guard line.utf8.count <= PageLimits.maximumShortLineBytes else { return nil }
        let normal = normal ?? PageText.Normal(line)
        let text = normal.collapsed
        let lower = normal.lower
        var found = LandingMetadata()
        if let site = LandingSiteLines.parse(text, lower: lower) { return site }
        if let value = value(after: ["source:", "published in:", "venue:", "journal:"], in: text, lower: lower) {
            found.venue = canonicalVenue(value)
            found.year = PageText.firstYear(in: value)
            if found.venue == "arXiv" { found.kind = .preprint }
            return found
        }
        if let value = value(after: ["year:", "published:", "date:", "publication date:"], in: text, lower: lower),
           let year = PageText.firstYear(in: value), text.count <= 60 {
            found.year = year
            return found
        }
        if lower.opens("doi:") || lower.opens("doi :") || lower.opens("https://doi.org/"),
           let doi = PageIdentifiers.findDOI(in: text) {
            found.identifiers.doi = doi
            return found
        }
        if lower.opens("arxiv:") || lower.opens("https://arxiv.org/"), let id = PageIdentifiers.arxiv(text) {
            found.identifiers.arxiv = id
            found.kind = .preprint
            found.venue = "arXiv"
            return found
        }
        return badgeRow(text, lower: lower)
    }

    /// "preprint2022arXivOpen access" → kind preprint, year 2022, venue arXiv.
    /// `lower` is `PageText.lower(text)`.
    private static func badgeRow(_ text: String, lower: String) -> LandingMetadata? {
        guard PageText.hasAtMost(80, charactersIn: text) else { return nil }
        let kinds: [(String, WorkKind)] = [
            ("journal-article", .article), ("journal article", .article), ("article", .article),
            ("preprint", .preprint), ("proceedings-article", .conference), ("conference paper", .conference),
            ("conference", .conference), ("book-chapter", .chapter), ("chapter", .chapter), ("book", .book),
            ("thesis", .thesis), ("dissertation", .thesis), ("report", .report),
        ]
        guard let (word, kind) = kinds.first(where: { lower.opens($0.0) }) else { return nil }
        var rest = PageText.trim(text.dropFirst(word.count))
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, let year = Int(digits), (1800...2099).contains(year) else { return nil }
        rest = PageText.trim(rest.dropFirst(4))
        for badge in ["open access", "closed access", "free access", "peer reviewed"] {
            if rest.lowercased().hasSuffix(badge) { rest = PageText.trim(rest.dropLast(badge.count)) }
        }
        var found = LandingMetadata(kind: kind, year: year)
        if !rest.isEmpty { found.venue = canonicalVenue(rest) }
        if found.venue == "arXiv" { found.kind = .preprint }
        return found
    }

    /// `lower` is `PageText.lower(text)`, which the caller has already computed.
    private static func value(after labels: [String], in text: String, lower: String) -> String? {
        guard let label = labels.first(where: { lower.opens($0) }) else { return nil }
        let value = PageText.trim(text.dropFirst(label.count))
        return value.isEmpty ? nil : value
    }

    /// Site spellings of well-known venues made uniform ("ArXiv", "arxiv.org" → "arXiv").
    static func canonicalVenue(_ raw: String) -> String {
        let text = PageText.collapse(raw)
        let lower = PageText.lower(text)
        if lower == "arxiv" || lower == "arxiv.org" || lower.opens("arxiv ") { return "arXiv" }
        if lower == "biorxiv" { return "bioRxiv" }
        if lower == "openreview" || lower == "openreview.net" { return "OpenReview" }
        return text
    }
}

private extension String {
    /// `hasPrefix` on bytes where they decide (see PageText.hasPrefix).
    func opens(_ prefix: String) -> Bool { PageText.hasPrefix(self, prefix) }
}
