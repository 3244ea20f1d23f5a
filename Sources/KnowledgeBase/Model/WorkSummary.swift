/// A work as listed by `nnid works`: the facts, identifiers and its citation neighbours.
public struct WorkSummary: Sendable, Hashable, Codable {
    public var key: String
    public var kind: String
    public var title: String
    /// Display names in order ("Verner Vlačić").
    public var authors: [String]
    public var year: Int?
    public var month: Int?
    public var venue: String?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var publisher: String?
    public var abstract: String?
    public var doi: String?
    public var arxiv: String?
    /// Other identifiers by scheme ("mardi", "zbmath", "url", ...); several URLs are joined by " ".
    public var otherIdentifiers: [String: String]
    public var verified: Bool
    public var unverifiedFields: [String]
    /// Keys this work cites (relation "cites"), sorted.
    public var cites: [String]
    /// Keys of the works citing this one (relation "cites"), sorted.
    public var citedBy: [String]
    /// True when the work is only known from a reference (title, maybe author and year).
    public var isStub: Bool

    enum CodingKeys: String, CodingKey {
        case key, kind, title, authors, year, month, venue, volume, issue, pages, publisher, abstract, doi, arxiv
        case otherIdentifiers = "identifiers"
        case verified
        case unverifiedFields = "unverified_fields"
        case cites
        case citedBy = "cited_by"
        case isStub = "stub"
    }

    /// Encodes every key, with `null` for absent values, so JSON consumers see a stable shape.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(authors, forKey: .authors)
        try c.encode(year, forKey: .year)
        try c.encode(month, forKey: .month)
        try c.encode(venue, forKey: .venue)
        try c.encode(volume, forKey: .volume)
        try c.encode(issue, forKey: .issue)
        try c.encode(pages, forKey: .pages)
        try c.encode(publisher, forKey: .publisher)
        try c.encode(abstract, forKey: .abstract)
        try c.encode(doi, forKey: .doi)
        try c.encode(arxiv, forKey: .arxiv)
        try c.encode(otherIdentifiers, forKey: .otherIdentifiers)
        try c.encode(verified, forKey: .verified)
        try c.encode(unverifiedFields, forKey: .unverifiedFields)
        try c.encode(cites, forKey: .cites)
        try c.encode(citedBy, forKey: .citedBy)
        try c.encode(isStub, forKey: .isStub)
    }
}

/// One citation edge for the graph exporter.
public struct CitationEdge: Sendable, Hashable, Codable {
    public var citingKey: String
    public var citedKey: String
    /// "cites", or another relation such as "recommends" (not a citation).
    public var relation: String
    /// "file:line (who says so)".
    public var provenance: String
    public var verified: Bool

    public init(citingKey: String, citedKey: String, relation: String, provenance: String, verified: Bool) {
        self.citingKey = citingKey
        self.citedKey = citedKey
        self.relation = relation
        self.provenance = provenance
        self.verified = verified
    }

    enum CodingKeys: String, CodingKey {
        case citingKey = "citing", citedKey = "cited", relation, provenance, verified
    }
}

/// One full-text search hit, best first.
public struct SearchHit: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case work, passage, claim
    }

    public var kind: Kind
    /// The work key (for works and passages) or the claim id.
    public var reference: String
    /// Work title, document title or claim title.
    public var title: String
    /// The matching text with the hits marked `[like this]`.
    public var snippet: String
    /// bm25 rank (lower is better).
    public var rank: Double

    enum CodingKeys: String, CodingKey {
        case kind, reference = "ref", title, snippet, rank
    }
}
