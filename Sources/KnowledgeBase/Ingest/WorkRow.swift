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
    /// (scheme, value) pairs, in a canonical order.
    var identifiers: [Identifier]

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
        normalizedTitle = DedupKeys.title(record.title)
        firstAuthorFamily = record.authors.first.map { DedupKeys.family($0.family) }.nonEmpty
        source = "\(record.location.file):\(record.location.line)"
        authors = record.authors
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
        verified = true
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

    /// `self` updated by `incoming`. A stub takes everything; an authoritative record (BibTeX, RIS,
    /// CSL-JSON) overrides every field it has; a page record only fills fields that are empty.
    func merged(with incoming: WorkRow, incomingKeyIsExplicit: Bool) -> WorkRow {
        var out = self
        let overrides = isStub || incoming.isAuthoritative
        func pick<T>(_ mine: T?, _ theirs: T?) -> T? {
            overrides ? (theirs ?? mine) : (mine ?? theirs)
        }
        if overrides || title.isEmpty {
            out.title = incoming.title
            out.titleRaw = incoming.titleRaw
            out.normalizedTitle = incoming.normalizedTitle
        }
        if overrides || kind == WorkKind.misc.rawValue { out.kind = incoming.kind }
        out.year = pick(year, incoming.year)
        out.month = pick(month, incoming.month)
        out.venue = pick(venue, incoming.venue)
        out.volume = pick(volume, incoming.volume)
        out.issue = pick(issue, incoming.issue)
        out.pages = pick(pages, incoming.pages)
        out.publisher = pick(publisher, incoming.publisher)
        out.abstract = pick(abstract, incoming.abstract)
        out.note = pick(note, incoming.note)
        if incoming.isAuthoritative {
            out.verified = incoming.verified
            out.unverifiedFields = incoming.unverifiedFields
        } else if isStub {
            out.verified = incoming.verified && verified
            out.unverifiedFields = incoming.unverifiedFields
        }
        if !incoming.authors.isEmpty, overrides || authors.isEmpty {
            out.authors = incoming.authors
            out.firstAuthorFamily = incoming.firstAuthorFamily
        } else if out.firstAuthorFamily == nil {
            out.firstAuthorFamily = incoming.firstAuthorFamily
        }
        out.identifiers = mergedIdentifiers(incoming.identifiers, overrides: overrides)
        // The record's own key replaces a derived or page key; two authoritative keys keep the first.
        if incomingKeyIsExplicit, incoming.key != key, isStub || !isAuthoritative {
            out.key = incoming.key
        }
        if isStub || (incoming.isAuthoritative && !isAuthoritative) { out.source = incoming.source }
        out.isStub = false
        out.isAuthoritative = isAuthoritative || incoming.isAuthoritative
        return out
    }

    private func mergedIdentifiers(_ incoming: [Identifier], overrides: Bool) -> [Identifier] {
        var result = Set(identifiers)
        for id in incoming where WorkRow.singleValuedSchemes.contains(id.scheme) {
            let existing = result.filter { $0.scheme == id.scheme }
            if existing.isEmpty {
                result.insert(id)
            } else if overrides {
                result.subtract(existing)
                result.insert(id)
            }
        }
        for id in incoming where !WorkRow.singleValuedSchemes.contains(id.scheme) { result.insert(id) }
        return result.sorted()
    }
}

extension Optional where Wrapped == String {
    /// nil for nil, empty or all-whitespace strings.
    var nonEmpty: String? {
        guard let self, self.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return nil }
        return self
    }
}
