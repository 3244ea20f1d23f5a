// How an incoming record merges into a stored work without losing anything: empty values never erase,
// differing values are kept as conflicts with both sources, and a key alone matches only when the two
// records agree.
import Literature

/// Two sources disagree on one field of one work.
struct FieldConflict: Equatable {
    var field: String
    var kept: String
    var keptSource: String?
    var other: String
    var otherSource: String
}

extension WorkRow {
    /// The file part of `source` ("a.bib" of "a.bib:12").
    var sourceFile: String? {
        guard let source, let colon = source.lastIndex(of: ":") else { return source }
        return String(source[..<colon])
    }

    /// Why `incoming` (which has the same key) cannot be the same work, or nil when the two agree: no
    /// differing DOI or arXiv id, compatible titles (equal, or one extends the other), and not both a
    /// different first author and a different year.
    func disagreement(with incoming: WorkRow) -> String? {
        for scheme in ["doi", "arxiv"] {
            let mine = identifiers.first { $0.scheme == scheme }?.value
            let theirs = incoming.identifiers.first { $0.scheme == scheme }?.value
            if let mine, let theirs, mine != theirs { return "different \(scheme == "doi" ? "DOIs" : "arXiv ids") (\(mine) vs \(theirs))" }
        }
        if !isStub, !normalizedTitle.isEmpty, !incoming.normalizedTitle.isEmpty,
           !normalizedTitle.hasPrefix(incoming.normalizedTitle), !incoming.normalizedTitle.hasPrefix(normalizedTitle) {
            return "different titles ('\(title)' vs '\(incoming.title)')"
        }
        if let a = firstAuthorFamily, let b = incoming.firstAuthorFamily, a != b,
           let y1 = year, let y2 = incoming.year, y1 != y2 {
            return "different first authors and years (\(a) \(y1) vs \(b) \(y2))"
        }
        return nil
    }

    /// `self` merged with `incoming`. Fields only one side has are taken; where both have different values
    /// `incomingWins` decides which is kept and the other becomes a conflict. An empty value never
    /// replaces a value.
    func merged(with incoming: WorkRow, incomingWins: Bool) -> (row: WorkRow, conflicts: [FieldConflict]) {
        var out = self
        var conflicts: [FieldConflict] = []
        let incomingSource = incoming.source ?? "?"
        func choose<T: Equatable>(_ field: String, _ mine: T?, _ theirs: T?, same: (T, T) -> Bool = { $0 == $1 },
                                  text: (T) -> String) -> T? {
            guard let mine else { return theirs }
            guard let theirs else { return mine }
            if same(mine, theirs) { return incomingWins ? theirs : mine }
            if incomingWins {
                conflicts.append(FieldConflict(field: field, kept: text(theirs), keptSource: incomingSource,
                                               other: text(mine), otherSource: source ?? "?"))
                return theirs
            }
            conflicts.append(FieldConflict(field: field, kept: text(mine), keptSource: source, other: text(theirs),
                                           otherSource: incomingSource))
            return mine
        }
        func string(_ field: String, _ mine: String?, _ theirs: String?) -> String? {
            choose(field, mine.nonEmpty, theirs.nonEmpty,
                   same: { DedupKeys.title($0) == DedupKeys.title($1) }, text: { $0 })
        }
        if isStub {
            out.title = incoming.title.isEmpty ? title : incoming.title
        } else if let title = choose("title", title.isEmpty ? nil : title, incoming.title.isEmpty ? nil : incoming.title,
                                     same: { DedupKeys.title($0) == DedupKeys.title($1) }, text: { $0 }) {
            out.title = title
        }
        if out.title != title {
            out.titleRaw = incoming.titleRaw
            out.normalizedTitle = incoming.normalizedTitle
        } else if out.titleRaw == nil, DedupKeys.title(incoming.title) == normalizedTitle {
            out.titleRaw = incoming.titleRaw
        }
        if kind == WorkKind.misc.rawValue || (incomingWins && incoming.kind != WorkKind.misc.rawValue) {
            out.kind = incoming.kind
        }
        out.year = choose("year", year, incoming.year, text: String.init)
        out.month = choose("month", month, incoming.month, text: String.init)
        out.venue = string("venue", venue, incoming.venue)
        out.volume = string("volume", volume, incoming.volume)
        out.issue = string("issue", issue, incoming.issue)
        out.pages = string("pages", pages, incoming.pages)
        out.publisher = string("publisher", publisher, incoming.publisher)
        out.abstract = string("abstract", abstract, incoming.abstract)
        out.note = string("note", note, incoming.note)
        // The curated corpus is what verifies a work, whichever record came first.
        if incoming.isCurated || (incoming.isAuthoritative && (incomingWins || !isAuthoritative)) || isStub {
            out.verified = incoming.verified
            out.unverifiedFields = incoming.unverifiedFields
        }
        let names = { (list: [PersonName]) in list.map(\.displayName).joined(separator: "; ") }
        let authorsSame = { (a: [PersonName], b: [PersonName]) in
            a.map { DedupKeys.family($0.family) } == b.map { DedupKeys.family($0.family) }
        }
        if let chosen = choose("authors", authors.isEmpty ? nil : authors, incoming.authors.isEmpty ? nil : incoming.authors,
                               same: authorsSame, text: names) {
            out.authors = chosen
            if chosen == incoming.authors || authors.isEmpty { out.firstAuthorFamily = incoming.firstAuthorFamily ?? firstAuthorFamily }
        }
        if out.contributors.isEmpty || (incomingWins && !incoming.contributors.isEmpty) {
            out.contributors = incoming.contributors
        }
        out.identifiers = mergedIdentifiers(incoming, incomingWins: incomingWins, conflicts: &conflicts)
        if isStub || (incoming.isAuthoritative && !isAuthoritative) || (incoming.isCurated && incomingWins) {
            out.source = incoming.source
        }
        out.isStub = false
        out.isAuthoritative = isAuthoritative || incoming.isAuthoritative
        return (out, conflicts)
    }

    private func mergedIdentifiers(_ incoming: WorkRow, incomingWins: Bool, conflicts: inout [FieldConflict])
        -> [Identifier] {
        var result = Set(identifiers)
        for id in incoming.identifiers where WorkRow.singleValuedSchemes.contains(id.scheme) {
            let existing = result.filter { $0.scheme == id.scheme }
            if existing.isEmpty {
                result.insert(id)
            } else if !existing.contains(id), let mine = existing.first {
                if incomingWins {
                    result.subtract(existing)
                    result.insert(id)
                    conflicts.append(FieldConflict(field: id.scheme, kept: id.value, keptSource: incoming.source,
                                                   other: mine.value, otherSource: source ?? "?"))
                } else {
                    conflicts.append(FieldConflict(field: id.scheme, kept: mine.value, keptSource: source,
                                                   other: id.value, otherSource: incoming.source ?? "?"))
                }
            }
        }
        for id in incoming.identifiers where !WorkRow.singleValuedSchemes.contains(id.scheme) { result.insert(id) }
        return result.sorted()
    }
}
