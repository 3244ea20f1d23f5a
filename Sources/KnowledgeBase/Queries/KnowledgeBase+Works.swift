import Foundation
import Literature

extension KnowledgeBase {
    /// Every work, sorted by key.
    public func allWorks() throws(KnowledgeBaseError) -> [WorkSummary] {
        try workSummaries(where: nil)
    }

    /// Works whose title, abstract or authors match `search` (full-text), or whose key or an identifier
    /// contains it; every work when `search` is nil or blank. Sorted by key.
    public func works(search: String?) throws(KnowledgeBaseError) -> [WorkSummary] {
        try works(search: search, limit: nil).works
    }

    /// The first `limit` (nil: all) of the works `works(search:)` lists, and how many it lists in all. Only
    /// the works returned are read in full, so a limit keeps a broad search on a large base cheap.
    public func works(search: String?, limit: Int?) throws(KnowledgeBaseError) -> (works: [WorkSummary], total: Int) {
        guard let search, !search.allSatisfy(\.isWhitespace) else {
            guard let limit else {
                let all = try allWorks()
                return (all, all.count)
            }
            let total = try connection.query("SELECT count(*) FROM works") { $0.int(0) }.first ?? 0
            let first = try connection.query("SELECT key FROM works ORDER BY key LIMIT ?", [.integer(Int64(limit))]) {
                $0.text(0)
            }
            return (try workSummaries(where: Set(first)), total)
        }
        // The same relaxation as `nnid search` (all words, any word, prefixes), over works and their passages.
        var keys = try matchingWorkKeys(search)
        let needle = search.trimmingCharacters(in: .whitespaces)
        // Case-insensitive for ASCII letters only, as SQLite's lower() is: LIKE and NOCASE fold the same
        // letters without building a lowered copy of every key and identifier (3-10× faster on 100k works).
        keys.formUnion(try connection.query("""
            SELECT key FROM works WHERE key LIKE '%' || ?2 || '%' ESCAPE '\\'
            UNION SELECT w.key FROM identifiers i JOIN works w ON w.id = i.work_id WHERE i.value = ?1 COLLATE NOCASE
            """, [.text(needle), .text(Self.likeEscaped(needle))]) { $0.text(0) })
        guard let limit, limit < keys.count else {
            let all = try workSummaries(where: keys)
            return (all, all.count)
        }
        return (try workSummaries(where: Set(Self.firstInBinaryOrder(keys, count: limit))), keys.count)
    }

    /// The `count` smallest keys in SQLite's BINARY order (UTF-8 bytes), the order of the full list: one
    /// pass that keeps the smallest so far, instead of sorting every match (tens of thousands on a broad search).
    static func firstInBinaryOrder(_ keys: Set<String>, count: Int) -> [String] {
        func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        // Insertion into a short sorted prefix is linear in its length: for long prefixes sort everything.
        if count > 256 { return Array(keys.sorted(by: precedes).prefix(count)) }
        var first: [String] = []
        first.reserveCapacity(count + 1)
        for key in keys {
            if first.count == count, let last = first.last, !precedes(key, last) { continue }
            var low = 0, high = first.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(first[middle], key) { low = middle + 1 } else { high = middle }
            }
            first.insert(key, at: low)
            if first.count > count { first.removeLast() }
        }
        return first
    }

    /// `text` as a literal inside a LIKE pattern with ESCAPE '\\'.
    static func likeEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Every work key, sorted (for suggestions and completions: no summaries needed).
    public func workKeys() throws(KnowledgeBaseError) -> [String] {
        try connection.query("SELECT key FROM works ORDER BY key") { $0.text(0) }
    }

    /// The work with this key (or alias), if any.
    public func work(key: String) throws(KnowledgeBaseError) -> WorkSummary? {
        guard let canonical = try canonicalKey(key) else { return nil }
        return try workSummaries(where: [canonical]).first
    }

    /// Every edge (all relations), sorted by citing key, cited key, relation, provenance.
    public func citationEdges() throws(KnowledgeBaseError) -> [CitationEdge] {
        try connection.query("""
            SELECT a.key, b.key, c.relation, c.provenance, c.verified FROM citations c
            JOIN works a ON a.id = c.citing_id JOIN works b ON b.id = c.cited_id
            ORDER BY a.key, b.key, c.relation, c.provenance
            """) { r in
            CitationEdge(citingKey: r.text(0), citedKey: r.text(1), relation: r.text(2), provenance: r.text(3),
                         verified: r.bool(4))
        }
    }

    /// Summaries for the given keys (nil: all), with authors, identifiers and "cites" neighbours, sorted by key.
    func workSummaries(where keys: Set<String>?) throws(KnowledgeBaseError) -> [WorkSummary] {
        guard let keys else { return try allWorkSummaries() }
        if keys.isEmpty { return [] }
        // The keys and then the ids go to SQLite as one JSON array each (json_each), so every query below
        // reads only the rows of these works through their indexes, not the whole base.
        var byID: [Int64: WorkSummary] = [:]
        var order: [Int64] = []
        _ = try connection.query("""
            SELECT \(Self.workColumns) FROM works WHERE key IN (SELECT value FROM json_each(?1)) ORDER BY key
            """, [.text(JSONText.encode(keys.sorted()))]) { r in
            let id = r.int64(0)
            order.append(id)
            byID[id] = Self.workSummary(r)
        }
        guard !order.isEmpty else { return [] }
        let ids = SQLValue.text("[" + order.map(String.init).joined(separator: ",") + "]")
        _ = try connection.query("""
            SELECT wa.work_id, a.display_name FROM work_authors wa JOIN authors a ON a.id = wa.author_id
            WHERE wa.work_id IN (SELECT value FROM json_each(?1)) ORDER BY wa.work_id, wa.position
            """, [ids]) { r in
            byID[r.int64(0)]?.authors.append(r.text(1))
        }
        _ = try connection.query("""
            SELECT work_id, scheme, value FROM identifiers WHERE work_id IN (SELECT value FROM json_each(?1))
            ORDER BY work_id, scheme, value
            """, [ids]) { r in
            Self.addIdentifier(to: &byID, id: r.int64(0), scheme: r.text(1), value: r.text(2))
        }
        try attachNeighbours(to: &byID, order: order, strategy: nil)
        return order.compactMap { byID[$0] }
    }

    /// Every work: one pass over each table (cheaper than per-work lookups when all are wanted).
    private func allWorkSummaries() throws(KnowledgeBaseError) -> [WorkSummary] {
        var byID: [Int64: WorkSummary] = [:]
        var order: [Int64] = []
        _ = try connection.query("SELECT \(Self.workColumns) FROM works ORDER BY key") { r in
            let id = r.int64(0)
            order.append(id)
            byID[id] = Self.workSummary(r)
        }
        _ = try connection.query("""
            SELECT wa.work_id, a.display_name FROM work_authors wa JOIN authors a ON a.id = wa.author_id
            ORDER BY wa.work_id, wa.position
            """) { r in
            byID[r.int64(0)]?.authors.append(r.text(1))
        }
        _ = try connection.query("SELECT work_id, scheme, value FROM identifiers ORDER BY work_id, scheme, value") { r in
            Self.addIdentifier(to: &byID, id: r.int64(0), scheme: r.text(1), value: r.text(2))
        }
        try attachNeighbours(to: &byID, order: order, strategy: .wholeBase)
        return order.compactMap { byID[$0] }
    }

    /// Fills in the "cites" and "cited by" keys of the works in `order` (nil strategy: chosen by size).
    private func attachNeighbours(to byID: inout [Int64: WorkSummary], order: [Int64], strategy: NeighbourStrategy?)
        throws(KnowledgeBaseError)
    {
        let neighbours = try neighbourKeys(of: order, strategy: strategy)
        for (i, id) in order.enumerated() {
            byID[id]?.cites = neighbours.cites[i]
            byID[id]?.citedBy = neighbours.citedBy[i]
        }
    }

    private static let workColumns = """
        id, key, kind, title, year, month, venue, volume, issue, pages, publisher, abstract, verified, \
        unverified_fields, is_stub
        """

    /// A summary from a row of `workColumns`, without authors, identifiers or neighbours.
    private static func workSummary(_ r: Row) -> WorkSummary {
        WorkSummary(
            key: r.text(1), kind: r.text(2), title: r.text(3), authors: [], year: r.optionalInt(4),
            month: r.optionalInt(5), venue: r.optionalText(6), volume: r.optionalText(7), issue: r.optionalText(8),
            pages: r.optionalText(9), publisher: r.optionalText(10), abstract: r.optionalText(11), doi: nil,
            arxiv: nil, otherIdentifiers: [:], verified: r.bool(12),
            unverifiedFields: JSONText.decodeStrings(r.text(13)), cites: [], citedBy: [], isStub: r.bool(14))
    }

    private static func addIdentifier(to byID: inout [Int64: WorkSummary], id: Int64, scheme: String, value: String) {
        guard byID[id] != nil else { return }
        switch scheme {
        case "doi": byID[id]?.doi = value
        case "arxiv": byID[id]?.arxiv = value
        default:
            let previous = byID[id]?.otherIdentifiers[scheme]
            byID[id]?.otherIdentifiers[scheme] = previous.map { $0 + " " + value } ?? value
        }
    }
}

extension KnowledgeBase {
    /// The key of the work that `key` names: the key itself, or the work an alias (a merged or renamed
    /// record's original key) points to; nil when neither exists.
    public func canonicalKey(_ key: String) throws(KnowledgeBaseError) -> String? {
        try connection.query("""
            SELECT key FROM works WHERE key = ?1
            UNION ALL SELECT w.key FROM work_aliases a JOIN works w ON w.id = a.work_id WHERE a.alias = ?1
            LIMIT 1
            """, [.text(key)]) { $0.text(0) }.first
    }

    /// Aliases, merges, field conflicts and contributors of the work `key` (or an alias) names.
    public func workProvenance(key: String) throws(KnowledgeBaseError) -> WorkProvenance? {
        guard let canonical = try canonicalKey(key),
              let (id, source) = try connection.query("SELECT id, source FROM works WHERE key = ?", [.text(canonical)], {
                  ($0.int64(0), $0.optionalText(1))
              }).first else { return nil }
        let aliases = try connection.query(
            "SELECT alias, reason, source FROM work_aliases WHERE work_id = ? ORDER BY alias", [.integer(id)]) {
            WorkProvenance.Alias(alias: $0.text(0), reason: $0.text(1), source: $0.text(2))
        }
        let merges = try connection.query(
            "SELECT source, key, rule FROM work_merges WHERE work_id = ? ORDER BY rowid", [.integer(id)]) {
            WorkProvenance.Merge(source: $0.text(0), key: $0.optionalText(1), rule: $0.text(2))
        }
        let conflicts = try connection.query("""
            SELECT field, kept_value, kept_source, other_value, other_source FROM field_conflicts
            WHERE work_id = ? ORDER BY field, rowid
            """, [.integer(id)]) {
            WorkProvenance.Conflict(field: $0.text(0), keptValue: $0.text(1), keptSource: $0.optionalText(2),
                                    otherValue: $0.text(3), otherSource: $0.text(4))
        }
        let contributors = try connection.query("""
            SELECT wc.role, a.given, a.particle, a.family, a.suffix, a.is_corporate FROM work_contributors wc
            JOIN authors a ON a.id = wc.author_id WHERE wc.work_id = ? ORDER BY wc.role, wc.position
            """, [.integer(id)]) {
            Contributor(role: $0.text(0), name: PersonName(given: $0.text(1), particle: $0.text(2), family: $0.text(3),
                                                           suffix: $0.text(4), isCorporate: $0.bool(5)))
        }
        return WorkProvenance(key: canonical, source: source, aliases: aliases, merges: merges, conflicts: conflicts,
                              contributors: contributors)
    }

    /// Every recorded field conflict, by work key (for `audit`).
    public func fieldConflicts() throws(KnowledgeBaseError) -> [(key: String, conflict: WorkProvenance.Conflict)] {
        try connection.query("""
            SELECT w.key, c.field, c.kept_value, c.kept_source, c.other_value, c.other_source FROM field_conflicts c
            JOIN works w ON w.id = c.work_id ORDER BY w.key, c.field, c.rowid
            """) {
            ($0.text(0), WorkProvenance.Conflict(field: $0.text(1), keptValue: $0.text(2), keptSource: $0.optionalText(3),
                                                 otherValue: $0.text(4), otherSource: $0.text(5)))
        }
    }
}
