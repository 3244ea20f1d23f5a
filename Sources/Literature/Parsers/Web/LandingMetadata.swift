// Metadata lines of landing pages: "Source: ArXiv", "Published in: NeurIPS 2022", "Year: 2022",
// "DOI: 10.…", "arXiv:2206.07424", and the glued badge row "preprint2022arXivOpen access".

struct LandingMetadata: Sendable, Hashable {
    var kind: WorkKind?
    var year: Int?
    var venue: String?
    var volume: String?
    var pages: String?
    var identifiers = WorkIdentifiers()
    /// Why the year this line states was not stored (out of `ParserLimits.yearRange`, "99999"): the
    /// page-dump parser turns it into a warning at the line. Not merged: each line reports its own.
    var yearRefusal: String?

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
        if let value = value(after: venueLabels, in: text, lower: lower) {
            found.venue = canonicalVenue(value)
            found.year = PageText.firstYear(in: value)
            if found.venue == "arXiv" { found.kind = .preprint }
            return found
        }
        // A labelled date field follows the rule of every other format (ParserLimits.year): its year is
        // stored or refused with the reason, never passed over.
        if let value = value(after: dateLabels, in: text, lower: lower), text.count <= 60 {
            let parsed = ParserLimits.year(in: value)
            if parsed.year != nil || parsed.refusal != nil {
                found.year = parsed.year
                found.yearRefusal = parsed.refusal.map { "date line: " + $0 }
                return found
            }
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

    /// The kind words a badge row starts with (built once: a literal here was an array per line).
    private static let badgeKinds: [(String, WorkKind)] = [
        ("journal-article", .article), ("journal article", .article), ("article", .article),
        ("preprint", .preprint), ("proceedings-article", .conference), ("conference paper", .conference),
        ("conference", .conference), ("book-chapter", .chapter), ("chapter", .chapter), ("book", .book),
        ("thesis", .thesis), ("dissertation", .thesis), ("report", .report),
    ]
    private static let venueLabels = ["source:", "published in:", "venue:", "journal:"]
    private static let dateLabels = ["year:", "published:", "date:", "publication date:"]

    /// "preprint2022arXivOpen access" → kind preprint, year 2022, venue arXiv.
    /// `lower` is `PageText.lower(text)`.
    private static func badgeRow(_ text: String, lower: String) -> LandingMetadata? {
        // The kind word first: a byte test that fails on most lines, where counting Characters would not.
        guard let (word, kind) = badgeKinds.first(where: { lower.opens($0.0) }),
              PageText.hasAtMost(80, charactersIn: text) else { return nil }
        var rest = PageText.trim(text.dropFirst(word.count))
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        // The kind word and a number of four or more digits make the badge row; the number is its year,
        // stored or refused by the rule of the other formats.
        guard digits.count >= 4 else { return nil }
        let parsed = ParserLimits.year(in: String(digits))
        rest = PageText.trim(rest.dropFirst(digits.count))
        for badge in ["open access", "closed access", "free access", "peer reviewed"] {
            if rest.lowercased().hasSuffix(badge) { rest = PageText.trim(rest.dropLast(badge.count)) }
        }
        var found = LandingMetadata(kind: kind, year: parsed.year)
        found.yearRefusal = parsed.refusal.map { "badge row year: " + $0 }
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
