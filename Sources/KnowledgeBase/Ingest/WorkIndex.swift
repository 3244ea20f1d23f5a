// The in-memory lookup tables an ingest run resolves works with (loaded once, kept current as it writes).
import Literature

struct WorkIndex {
    struct TitleCandidate {
        var id: Int64
        var family: String?
        var year: Int?
    }

    private(set) var byKey: [String: Int64] = [:]
    private var byDOI: [String: Int64] = [:]
    private var byArxiv: [String: Int64] = [:]
    private var byTitle: [String: [TitleCandidate]] = [:]

    /// What a work is matched on: key, then DOI, then arXiv id, then normalized title (+ author + year).
    struct Probe {
        var key: String?
        var doi: String?
        var arxiv: String?
        var normalizedTitle: String?
        var family: String?
        var year: Int?
    }

    func resolve(_ probe: Probe) -> Int64? {
        if let key = probe.key, let id = byKey[key] { return id }
        if let doi = probe.doi, let id = byDOI[doi] { return id }
        if let arxiv = probe.arxiv, let id = byArxiv[arxiv] { return id }
        guard let title = probe.normalizedTitle, !title.isEmpty, let candidates = byTitle[title] else { return nil }
        // Author and year must agree when both sides know them; a side without them matches on title alone.
        return candidates.first { candidate in
            if let a = probe.family, let b = candidate.family, a != b { return false }
            if let a = probe.year, let b = candidate.year, a != b { return false }
            return true
        }?.id
    }

    func isKeyTaken(_ key: String) -> Bool { byKey[key] != nil }

    /// Registers (or re-registers after an update) the match keys of a stored work.
    mutating func register(id: Int64, row: WorkRow, previous: WorkRow? = nil) {
        if let previous {
            if byKey[previous.key] == id { byKey[previous.key] = nil }
            byTitle[previous.normalizedTitle]?.removeAll { $0.id == id }
            for identifier in previous.identifiers { unregister(identifier, id: id) }
        }
        byKey[row.key] = id
        byTitle[row.normalizedTitle, default: []].append(
            TitleCandidate(id: id, family: row.firstAuthorFamily, year: row.year))
        for identifier in row.identifiers { register(identifier, id: id) }
    }

    mutating func registerLoaded(id: Int64, key: String, normalizedTitle: String, family: String?, year: Int?) {
        byKey[key] = id
        byTitle[normalizedTitle, default: []].append(TitleCandidate(id: id, family: family, year: year))
    }

    mutating func register(_ identifier: WorkRow.Identifier, id: Int64) {
        switch identifier.scheme {
        case "doi": if byDOI[identifier.value] == nil { byDOI[identifier.value] = id }
        case "arxiv": if byArxiv[identifier.value] == nil { byArxiv[identifier.value] = id }
        default: break
        }
    }

    private mutating func unregister(_ identifier: WorkRow.Identifier, id: Int64) {
        switch identifier.scheme {
        case "doi": if byDOI[identifier.value] == id { byDOI[identifier.value] = nil }
        case "arxiv": if byArxiv[identifier.value] == id { byArxiv[identifier.value] = nil }
        default: break
        }
    }
}

extension WorkIndex.Probe {
    init(row: WorkRow, explicitKey: String?) {
        key = explicitKey
        doi = row.identifiers.first { $0.scheme == "doi" }?.value
        arxiv = row.identifiers.first { $0.scheme == "arxiv" }?.value
        normalizedTitle = row.normalizedTitle
        family = row.firstAuthorFamily
        year = row.year
    }

    init(reference: WorkReference) {
        key = reference.key.nonEmpty
        doi = reference.doi.nonEmpty.map(DedupKeys.doi)
        arxiv = reference.arxiv.nonEmpty.map(DedupKeys.arxiv)
        normalizedTitle = reference.title.map(DedupKeys.title)
        family = reference.firstAuthorFamily.map(DedupKeys.family).nonEmpty
        year = reference.year
    }
}
