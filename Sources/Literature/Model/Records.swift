import Deduction
// The records every parser produces and the knowledge base ingests. Parsers are pure:
// bytes in, records and diagnostics out. Nothing here touches the database.

/// A personal or corporate name as found in a bibliography.
public struct PersonName: Sendable, Hashable, Codable {
    /// Given names ("Verner", "J. Elisenda").
    public var given: String
    /// The von part ("van der", "de la"), empty when absent.
    public var particle: String
    /// Family name ("Vlačić", "Bona-Pellissier").
    public var family: String
    /// "Jr.", "III", empty when absent.
    public var suffix: String
    /// True for a corporate author written as `{Some Institute}`: `family` holds the whole name.
    public var isCorporate: Bool

    public init(given: String = "", particle: String = "", family: String, suffix: String = "",
                isCorporate: Bool = false) {
        self.given = given
        self.particle = particle
        self.family = family
        self.suffix = suffix
        self.isCorporate = isCorporate
    }

    /// "Given von Family, Jr." — the form shown to users and stored in `authors.display_name`.
    public var displayName: String {
        if isCorporate { return family }
        // The non-empty parts of given, particle and family joined by spaces (family always counts).
        var name = given
        if !particle.isEmpty {
            if !name.isEmpty { name += " " }
            name += particle
        }
        if !name.isEmpty { name += " " }
        name += family
        if !suffix.isEmpty { name += ", " + suffix }
        return name
    }
}

/// Persistent identifiers of a work. All optional; DOIs are stored lower-cased without a resolver prefix,
/// arXiv ids without the "arXiv:" prefix or version ("2006.11727", "cond-mat/0112463").
public struct WorkIdentifiers: Sendable, Hashable, Codable {
    public var doi: String?
    public var arxiv: String?
    public var mardi: String?       // "Q2214101"
    public var zbmath: String?
    public var hal: String?
    public var openreview: String?
    public var isbn: String?
    public var urls: [String]

    public init(doi: String? = nil, arxiv: String? = nil, mardi: String? = nil, zbmath: String? = nil,
                hal: String? = nil, openreview: String? = nil, isbn: String? = nil, urls: [String] = []) {
        self.doi = doi
        self.arxiv = arxiv
        self.mardi = mardi
        self.zbmath = zbmath
        self.hal = hal
        self.openreview = openreview
        self.isbn = isbn
        self.urls = urls
    }
}

public enum WorkKind: String, Sendable, Codable, CaseIterable {
    case article, book, chapter, conference, thesis, preprint, report, webpage, discussion, misc
}

/// One bibliographic work (paper, book, thesis, Q&A thread, web page).
public struct WorkRecord: Sendable, Hashable, Codable {
    /// Citation key when the source has one (BibTeX key, corpus key such as "VB21"); nil otherwise —
    /// the store then derives one (first author + year + first title word).
    public var key: String?
    public var kind: WorkKind
    /// Title as shown (LaTeX accents decoded to Unicode, braces removed).
    public var title: String
    /// Title exactly as in the source (BibTeX braces and accent macros kept), when it differs.
    public var titleRaw: String?
    public var authors: [PersonName]
    /// True when the author list ends with "and others" / "et al." (more authors than listed).
    public var authorsEtAl: Bool = false
    public var year: Int?
    public var month: Int?
    /// Journal, proceedings or site ("Advances in Mathematics", "NeurIPS 2022", "Cross Validated").
    public var venue: String?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var publisher: String?
    public var abstract: String?
    public var identifiers: WorkIdentifiers
    /// False when any fact of this record is not yet confirmed in a primary source (science.md tag [R]).
    public var verified: Bool
    /// Which fields are unconfirmed ("doi", "volume", ...), shown next to the record.
    public var unverifiedFields: [String]
    public var note: String?
    /// Every field as found in the source, raw (for BibTeX: before accent decoding), for round trips.
    public var rawFields: [String: String]
    public var location: SourceLocation

    public init(key: String? = nil, kind: WorkKind = .misc, title: String, titleRaw: String? = nil,
                authors: [PersonName] = [], year: Int? = nil, month: Int? = nil, venue: String? = nil,
                volume: String? = nil, issue: String? = nil, pages: String? = nil, publisher: String? = nil,
                abstract: String? = nil, identifiers: WorkIdentifiers = WorkIdentifiers(),
                verified: Bool = true, unverifiedFields: [String] = [], note: String? = nil,
                rawFields: [String: String] = [:], location: SourceLocation) {
        self.key = key
        self.kind = kind
        self.title = title
        self.titleRaw = titleRaw
        self.authors = authors
        self.year = year
        self.month = month
        self.venue = venue
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.publisher = publisher
        self.abstract = abstract
        self.identifiers = identifiers
        self.verified = verified
        self.unverifiedFields = unverifiedFields
        self.note = note
        self.rawFields = rawFields
        self.location = location
    }
}

/// How an edge or a document names a work that may or may not be in the base yet. The store resolves it
/// by key, then DOI, then arXiv id, then normalized title (with first author and year when both sides
/// have them); an unresolved reference with a title becomes a new, minimal work.
public struct WorkReference: Sendable, Hashable, Codable {
    public var key: String?
    public var doi: String?
    public var arxiv: String?
    public var title: String?
    public var firstAuthorFamily: String?
    public var year: Int?
    /// MaRDI item id ("Q2214101") when the source names one.
    public var mardi: String? = nil
    /// zbMATH document number ("683513") when the source names one (MaRDI pages list untitled items so).
    public var zbmath: String? = nil

    public init(key: String? = nil, doi: String? = nil, arxiv: String? = nil, title: String? = nil,
                firstAuthorFamily: String? = nil, year: Int? = nil, mardi: String? = nil,
                zbmath: String? = nil) {
        self.key = key
        self.doi = doi
        self.arxiv = arxiv
        self.title = title
        self.firstAuthorFamily = firstAuthorFamily
        self.year = year
        self.mardi = mardi
        self.zbmath = zbmath
    }
}

/// A directed edge "citing → cited". `relation` is "cites" for a citation; other relations
/// ("recommends" for MaRDI's recommendation box) are kept but are not citations.
public struct CitationRecord: Sendable, Hashable, Codable {
    public var citing: WorkReference
    public var cited: WorkReference
    public var relation: String
    /// Who said so, human-readable ("reference list of BMB22", "MaRDI page, Cited in").
    public var source: String
    public var verified: Bool
    /// The file and line the edge was read from; stored as the edge's provenance.
    public var location: SourceLocation

    public init(citing: WorkReference, cited: WorkReference, relation: String = "cites", source: String,
                verified: Bool = true, location: SourceLocation) {
        self.citing = citing
        self.cited = cited
        self.relation = relation
        self.source = source
        self.verified = verified
        self.location = location
    }
}

/// One passage of a document (a question, an answer, a comment, an abstract, a summary).
public struct PassageRecord: Sendable, Hashable, Codable {
    public var role: String
    public var author: String?
    public var text: String
    /// When the passage was written, ISO 8601 ("2017-11-30T19:33"), when the source says.
    public var date: String? = nil
    /// The 1-based line of the source where the passage starts, when known.
    public var line: Int? = nil

    public init(role: String, author: String? = nil, text: String, date: String? = nil, line: Int? = nil) {
        self.role = role
        self.author = author
        self.text = text
        self.date = date
        self.line = line
    }
}

/// A source document (a web page or a page text dump) about a work, split into passages.
public struct DocumentRecord: Sendable, Hashable, Codable {
    /// The work the document renders.
    public var work: WorkReference
    /// "qa-thread", "mardi-page", "landing-page", "html-page".
    public var kind: String
    public var title: String
    public var passages: [PassageRecord]
    /// What was repaired while reading (mojibake, boilerplate removed), one line each.
    public var repairs: [String]
    public var location: SourceLocation

    public init(work: WorkReference, kind: String, title: String, passages: [PassageRecord],
                repairs: [String] = [], location: SourceLocation) {
        self.work = work
        self.kind = kind
        self.title = title
        self.passages = passages
        self.repairs = repairs
        self.location = location
    }
}

/// One work that states a claim, with where in it ("Theorem 9", "§2.2").
public struct ClaimSource: Sendable, Hashable, Codable {
    public var workKey: String
    public var locator: String
    public var note: String?

    public init(workKey: String, locator: String, note: String? = nil) {
        self.workKey = workKey
        self.locator = locator
        self.note = note
    }
}

/// A claim card from corpus/claims (format in corpus/README.md).
public struct ClaimCardRecord: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var statement: String
    public var hypotheses: [String]
    public var architectures: [String]
    public var activations: [String]
    public var depth: String?
    public var check: String
    public var sources: [ClaimSource]
    /// Default check parameters ("widths": "2,3,1", "seed": "1", ...).
    public var defaults: [String: String]
    public var verified: Bool
    /// The card's `deduction:` block: hypotheses and conclusions the deduction engine reads.
    public var machineForm: MachineForm?
    public var location: SourceLocation

    public init(id: String, title: String, statement: String, hypotheses: [String] = [],
                architectures: [String] = [], activations: [String] = [], depth: String? = nil,
                check: String, sources: [ClaimSource] = [], defaults: [String: String] = [:],
                verified: Bool = true, machineForm: MachineForm? = nil, location: SourceLocation) {
        self.machineForm = machineForm
        self.id = id
        self.title = title
        self.statement = statement
        self.hypotheses = hypotheses
        self.architectures = architectures
        self.activations = activations
        self.depth = depth
        self.check = check
        self.sources = sources
        self.defaults = defaults
        self.verified = verified
        self.location = location
    }
}

/// Everything one input file yielded.
public struct ParseResult: Sendable, Codable {
    public var works: [WorkRecord] = []
    public var citations: [CitationRecord] = []
    public var documents: [DocumentRecord] = []
    public var claims: [ClaimCardRecord] = []
    public var diagnostics: [Diagnostic] = []

    public init(works: [WorkRecord] = [], citations: [CitationRecord] = [], documents: [DocumentRecord] = [],
                claims: [ClaimCardRecord] = [], diagnostics: [Diagnostic] = []) {
        self.works = works
        self.citations = citations
        self.documents = documents
        self.claims = claims
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func append(_ other: ParseResult) {
        // Appending to nothing takes the other array as is (no copy of every record).
        if works.isEmpty { works = other.works } else { works += other.works }
        citations += other.citations
        documents += other.documents
        claims += other.claims
        diagnostics += other.diagnostics
    }
}
