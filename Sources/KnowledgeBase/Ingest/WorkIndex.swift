// The in-memory lookup tables an ingest run resolves works with (loaded once, kept current as it writes).
import Literature

struct WorkIndex {
    struct TitleCandidate {
        var id: Int64
        var family: String?
        var year: Int?
        var isStub = false
    }

    /// Keys and aliases (work_aliases) to work ids.
    /// (Compact maps: a Swift String per entry made this index most of the ingest's memory, issue 10.)
    private(set) var byKey = CompactStringMap()
    private var byDOI = CompactStringMap()
    private var byArxiv = CompactStringMap()
    private var byMaRDI = CompactStringMap()
    private var byZbMATH = CompactStringMap()
    /// Normalized titles are most of the index's bytes, so they are not kept: a title's Swift hash leads
    /// to its groups of works (`titleGroups`, chained by `nextTitleGroup` when hashes are shared), and a
    /// group is confirmed by reading its first work's stored normalized title. An emptied group matches
    /// nothing, so it is simply left behind.
    private var titleBuckets: [Int: Int32] = [:]
    private var titleGroups: [TitleCandidates] = []
    private var nextTitleGroup: [Int32] = []
    private let storedTitle: (Int64) -> String?

    /// `storedTitle` reads the normalized title of a stored work (every registered work is stored first).
    init(storedTitle: @escaping (Int64) -> String?) {
        self.storedTitle = storedTitle
    }

    /// The group of works whose normalized title is `title`, if any work holds it.
    private func titleGroup(_ title: String) -> Int? {
        var group = Int(titleBuckets[title.hashValue] ?? -1)
        while group >= 0 {
            if let id = titleGroups[group].firstID, storedTitle(id) == title { return group }
            group = Int(nextTitleGroup[group])
        }
        return nil
    }

    /// The works sharing one normalized title, in registration order. Nearly every title has one work:
    /// it is stored inline, and only further ones take an array (one heap block less per work).
    struct TitleCandidates {
        private var head: TitleCandidate?
        private var tail: [TitleCandidate] = []

        init() {}

        var firstID: Int64? { head?.id }

        func first(where matches: (TitleCandidate) -> Bool) -> TitleCandidate? {
            if let head, matches(head) { return head }
            return tail.first(where: matches)
        }

        mutating func append(_ candidate: TitleCandidate) {
            if head == nil { head = candidate } else { tail.append(candidate) }
        }

        mutating func removeAll(where matches: (TitleCandidate) -> Bool) {
            tail.removeAll(where: matches)
            if let current = head, matches(current) {
                head = tail.isEmpty ? nil : tail.removeFirst()
            }
        }
    }

    /// What a work is matched on: key, then DOI, then arXiv id, then normalized title (+ author + year).
    struct Probe {
        var key: String?
        var doi: String?
        var arxiv: String?
        var normalizedTitle: String?
        var family: String?
        var year: Int?
        var mardi: String? = nil
        var zbmath: String? = nil
        /// A reference (citation, document) matches on title alone; a full record needs its first author
        /// or year to agree as well, unless the stored work is a stub.
        var isReference = false
    }

    /// The stored work an incoming record is the same as by identifier or by title, with the rule that
    /// matched ("same DOI 10.1/x"). Keys are matched separately (`byKey`) because a key match needs the
    /// two records to agree.
    func match(_ probe: Probe) -> (id: Int64, rule: String)? {
        if let doi = probe.doi, let id = byDOI[doi] { return (id, "same DOI \(doi)") }
        if let arxiv = probe.arxiv, let id = byArxiv[arxiv] { return (id, "same arXiv id \(arxiv)") }
        if let mardi = probe.mardi, let id = byMaRDI[mardi] { return (id, "same MaRDI id \(mardi)") }
        if let zbmath = probe.zbmath, let id = byZbMATH[zbmath] { return (id, "same zbMATH id \(zbmath)") }
        guard let title = probe.normalizedTitle, !title.isEmpty, let group = titleGroup(title) else { return nil }
        let found = titleGroups[group].first { candidate in
            if let a = probe.family, let b = candidate.family, a != b { return false }
            if let a = probe.year, let b = candidate.year, a != b { return false }
            if probe.isReference || candidate.isStub { return true }
            // Two full records: the title and at least one of first author and year, known on both sides.
            return (probe.family != nil && candidate.family != nil) || (probe.year != nil && candidate.year != nil)
        }
        guard let found else { return nil }
        return (found.id, probe.isReference || found.isStub ? "same title" : "same title, first author and year")
    }

    func resolve(_ probe: Probe) -> Int64? {
        if let key = probe.key, let id = byKey[key] { return id }
        if let doi = probe.doi, let id = byDOI[doi] { return id }
        return match(probe)?.id
    }

    func isKeyTaken(_ key: String) -> Bool { byKey[key] != nil }

    /// Registers (or re-registers after an update) the match keys of a stored work.
    mutating func register(id: Int64, row: WorkRow, previous: WorkRow? = nil) {
        if let previous {
            if byKey[previous.key] == id { byKey[previous.key] = nil }
            removeTitleCandidate(previous.normalizedTitle, id: id)
            for identifier in previous.identifiers { unregister(identifier, id: id) }
        }
        byKey[row.key] = id
        addTitleCandidate(row.normalizedTitle,
                          TitleCandidate(id: id, family: row.firstAuthorFamily, year: row.year, isStub: row.isStub))
        for identifier in row.identifiers { register(identifier, id: id) }
    }

    mutating func registerLoaded(id: Int64, key: String, normalizedTitle: String, family: String?, year: Int?,
                                 isStub: Bool = false) {
        byKey[key] = id
        addTitleCandidate(normalizedTitle, TitleCandidate(id: id, family: family, year: year, isStub: isStub))
    }

    private mutating func addTitleCandidate(_ title: String, _ candidate: TitleCandidate) {
        if let group = titleGroup(title) {
            titleGroups[group].append(candidate)
        } else {
            let hash = title.hashValue
            nextTitleGroup.append(titleBuckets[hash] ?? -1)
            titleBuckets[hash] = Int32(titleGroups.count)
            titleGroups.append(TitleCandidates())
            titleGroups[titleGroups.count - 1].append(candidate)
        }
    }

    /// Takes work `id` out of the group it was registered in under `title`. A work is in one group only,
    /// so the group of that title's hash chain holding `id` is the one (no title check: the stored row
    /// may already carry the work's new title).
    private mutating func removeTitleCandidate(_ title: String, id: Int64) {
        var group = Int(titleBuckets[title.hashValue] ?? -1)
        while group >= 0 {
            if titleGroups[group].first(where: { $0.id == id }) != nil {
                titleGroups[group].removeAll { $0.id == id }
                return
            }
            group = Int(nextTitleGroup[group])
        }
    }

    /// Another key for a work (an alias); never replaces a key in use.
    mutating func registerAlias(_ alias: String, id: Int64) {
        if byKey[alias] == nil { byKey[alias] = id }
    }

    mutating func register(_ identifier: WorkRow.Identifier, id: Int64) {
        switch identifier.scheme {
        case "doi": if byDOI[identifier.value] == nil { byDOI[identifier.value] = id }
        case "arxiv": if byArxiv[identifier.value] == nil { byArxiv[identifier.value] = id }
        case "mardi": if byMaRDI[identifier.value] == nil { byMaRDI[identifier.value] = id }
        case "zbmath": if byZbMATH[identifier.value] == nil { byZbMATH[identifier.value] = id }
        default: break
        }
    }

    private mutating func unregister(_ identifier: WorkRow.Identifier, id: Int64) {
        switch identifier.scheme {
        case "doi": if byDOI[identifier.value] == id { byDOI[identifier.value] = nil }
        case "arxiv": if byArxiv[identifier.value] == id { byArxiv[identifier.value] = nil }
        case "mardi": if byMaRDI[identifier.value] == id { byMaRDI[identifier.value] = nil }
        case "zbmath": if byZbMATH[identifier.value] == id { byZbMATH[identifier.value] = nil }
        default: break
        }
    }
}

extension WorkIndex.Probe {
    init(row: WorkRow, explicitKey: String?) {
        key = explicitKey
        doi = row.identifiers.first { $0.scheme == "doi" }?.value
        arxiv = row.identifiers.first { $0.scheme == "arxiv" }?.value
        mardi = row.identifiers.first { $0.scheme == "mardi" }?.value
        zbmath = row.identifiers.first { $0.scheme == "zbmath" }?.value
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
        mardi = reference.mardi.nonEmpty
        zbmath = reference.zbmath.nonEmpty
        isReference = true
    }
}
