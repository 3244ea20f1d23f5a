// A work as stored, and how an incoming record merges into it.
import Foundation
import Literature

/// The stored columns of one work plus its authors and identifiers.
struct WorkRow: Equatable, Sendable {
    var key: String
    var kind: String
    var title: String
    var titleRaw: String?
    var year: Int?
    var month: Int?
    var venue: String?
    var volume: String?
    var issue: String?
    var pages: String?
    var publisher: String?
    var abstract: String?
    var verified: Bool
    var unverifiedFields: [String]
    var note: String?
    var isStub: Bool
    var isAuthoritative: Bool
    var normalizedTitle: String
    var firstAuthorFamily: String?
    var source: String?
    var authors: [PersonName]
    /// Editors, translators, …: written with the row, never merged into `authors`.
    var contributors: [Contributor] = []
    /// (scheme, value) pairs, in a canonical order.
    var identifiers: [Identifier]
    /// True for an incoming curated record, whose verification status replaces a stored one's when the
    /// two merge. Not stored: a row read back from the database is false.
    var isCurated = false

    struct Identifier: Hashable, Comparable, Sendable {
        var scheme: String
        var value: String

        static func < (a: Identifier, b: Identifier) -> Bool {
            (a.scheme, a.value) < (b.scheme, b.value)
        }
    }

    /// Single-valued schemes: an authoritative record replaces the value; URLs accumulate.
    static let singleValuedSchemes: Set<String> = ["doi", "arxiv", "mardi", "zbmath", "hal", "openreview", "isbn"]
}

extension WorkRow {
    /// A new row from a full record.
    init(record: WorkRecord, key: String, authoritative: Bool) {
        self.key = key
        kind = record.kind.rawValue
        title = record.title
        titleRaw = record.titleRaw.flatMap { $0 == record.title ? nil : $0 }
        year = record.year
        month = record.month.flatMap { (1...12).contains($0) ? $0 : nil }
        venue = record.venue.nonEmpty
        volume = record.volume.nonEmpty
        issue = record.issue.nonEmpty
        pages = record.pages.nonEmpty
        publisher = record.publisher.nonEmpty
        abstract = record.abstract.nonEmpty
        verified = record.verified && record.unverifiedFields.isEmpty
        unverifiedFields = record.unverifiedFields
        note = record.note.nonEmpty
        isStub = false
        isAuthoritative = authoritative
        isCurated = authoritative && record.isCurated
        normalizedTitle = DedupKeys.title(record.title)
        firstAuthorFamily = record.authors.first.map { DedupKeys.family($0.family) }.nonEmpty
        source = "\(record.location.file):\(record.location.line)"
        authors = record.authors
        contributors = record.contributors
        identifiers = WorkRow.identifiers(of: record.identifiers)
    }

    /// A stub from a reference that matched nothing.
    init(reference: WorkReference, title: String, key: String, location: SourceLocation) {
        self.key = key
        kind = WorkKind.misc.rawValue
        self.title = title
        titleRaw = nil
        year = reference.year
        month = nil
        venue = nil
        volume = nil
        issue = nil
        pages = nil
        publisher = nil
        abstract = nil
        // Known only from a reference: nothing confirms it until a record for it arrives.
        verified = false
        unverifiedFields = []
        note = nil
        isStub = true
        isAuthoritative = false
        normalizedTitle = DedupKeys.title(title)
        firstAuthorFamily = reference.firstAuthorFamily.map(DedupKeys.family).nonEmpty
        source = "\(location.file):\(location.line)"
        authors = []
        var ids = WorkIdentifiers()
        ids.doi = reference.doi
        ids.arxiv = reference.arxiv
        identifiers = WorkRow.identifiers(of: ids)
    }

    static func identifiers(of ids: WorkIdentifiers) -> [Identifier] {
        var out: [Identifier] = []
        func add(_ scheme: String, _ value: String?) {
            guard let value = value?.trimmedWhitespace, !value.isEmpty else { return }
            out.append(Identifier(scheme: scheme, value: value))
        }
        add("doi", ids.doi.map(DedupKeys.doi))
        add("arxiv", ids.arxiv.map(DedupKeys.arxiv))
        add("mardi", ids.mardi)
        add("zbmath", ids.zbmath)
        add("hal", ids.hal)
        add("openreview", ids.openreview)
        add("isbn", ids.isbn)
        for url in ids.urls { add("url", url) }
        // Sorted without duplicates (a record rarely has more than three identifiers: no set needed).
        out.sort()
        var unique: [Identifier] = []
        unique.reserveCapacity(out.count)
        for identifier in out where unique.last != identifier { unique.append(identifier) }
        return unique
    }

}

extension Optional where Wrapped == String {
    /// nil for nil, empty or all-whitespace strings.
    var nonEmpty: String? {
        guard let self, self.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return nil }
        return self
    }
}
