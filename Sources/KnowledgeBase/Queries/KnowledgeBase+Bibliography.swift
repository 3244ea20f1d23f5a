// Works with their structured author names, for the bibliography exporters.
import Literature

/// A work ready for a bibliography: the summary plus author names split into their parts.
public struct BibliographyEntry: Sendable, Hashable {
    public var work: WorkSummary
    /// In author order; corporate authors have `isCorporate` set and the whole name in `family`.
    public var authors: [PersonName]

    public init(work: WorkSummary, authors: [PersonName]) {
        self.work = work
        self.authors = authors
    }
}

extension KnowledgeBase {
    /// The works of a bibliography: those named by `keys` (in that order), then those stating `claimID`
    /// (card order), without repeats; every work sorted by key when both are nil.
    /// Throws `unknownWork` / `unknownClaim` for a key or claim the base does not have.
    public func bibliographyEntries(keys: [String]? = nil, claimID: String? = nil) throws(ExportError)
        -> [BibliographyEntry]
    {
        // Original keys of merged or renamed records name the work they went into.
        var wanted: [String] = try (keys ?? []).map { key throws(ExportError) in
            try storeQuery { () throws(KnowledgeBaseError) in try canonicalKey(key) } ?? key
        }
        if let claimID {
            guard let claim = try storeQuery({ () throws(KnowledgeBaseError) in try claim(id: claimID) }) else {
                throw .unknownClaim(claimID)
            }
            wanted += claim.sources.map(\.work.key)
        }
        let works = try storeQuery { () throws(KnowledgeBaseError) in
            keys == nil && claimID == nil ? try allWorks() : try workSummaries(where: Set(wanted))
        }
        var ordered = works
        if keys != nil || claimID != nil {
            let byKey = Dictionary(works.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            var seen = Set<String>()
            ordered = []
            for key in wanted where seen.insert(key).inserted {
                guard let work = byKey[key] else { throw .unknownWork(key) }
                ordered.append(work)
            }
        }
        let names = try storeQuery { () throws(KnowledgeBaseError) in try authorNames() }
        return ordered.map { BibliographyEntry(work: $0, authors: names[$0.key] ?? []) }
    }

    /// Structured author names of every work, by work key.
    private func authorNames() throws(KnowledgeBaseError) -> [String: [PersonName]] {
        var names: [String: [PersonName]] = [:]
        _ = try connection.query("""
            SELECT w.key, a.given, a.particle, a.family, a.suffix, a.is_corporate FROM work_authors wa
            JOIN authors a ON a.id = wa.author_id JOIN works w ON w.id = wa.work_id ORDER BY wa.work_id, wa.position
            """) { r in
            names[r.text(0), default: []].append(PersonName(given: r.text(1), particle: r.text(2), family: r.text(3),
                                                            suffix: r.text(4), isCorporate: r.bool(5)))
        }
        return names
    }

    /// Writes the bibliography chosen as in `bibliographyEntries` to `output`; returns the number of entries.
    @discardableResult
    public func exportBibliography(format: BibliographyFormat, keys: [String]? = nil, claimID: String? = nil,
                                   to output: ExportOutput) throws(ExportError) -> Int
    {
        if keys == nil && claimID == nil { return try streamBibliography(format: format, to: output) }
        let entries = try bibliographyEntries(keys: keys, claimID: claimID)
        BibliographyExport.write(entries, format: format, to: output)
        try output.finish()
        return entries.count
    }
}
