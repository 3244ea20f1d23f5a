import Foundation

/// How the citation neighbours of a selection of works are read.
enum NeighbourStrategy {
    /// Through the indexes, per selected work: cheapest for a few works.
    case perWork
    /// One pass over every "cites" edge and every key: cheapest once the selection's edges are a sizeable
    /// part of all edges, because the per-work path pays a B-tree lookup per edge (two for "cited by").
    case wholeBase

    /// The per-work path costs about one random lookup per neighbour (~20 per work on the 100k-work /
    /// 1M-edge benchmark base, a few µs each); the whole-base pass a sequential read of every edge and key.
    /// They break even at a selection of roughly 1/30 of the works; measured in benchmarks/notes.md (round 5).
    static func choose(selected: Int, works: Int64) -> NeighbourStrategy {
        Int64(selected) * 32 >= works ? .wholeBase : .perWork
    }
}

extension KnowledgeBase {
    /// The "cites" and "cited by" keys of the works with these ids (`cites[i]`, `citedBy[i]` belong to
    /// `ids[i]`), each list sorted by key (BINARY order) and naming each neighbour once.
    func neighbourKeys(of ids: [Int64], strategy: NeighbourStrategy? = nil)
        throws(KnowledgeBaseError) -> (cites: [[String]], citedBy: [[String]])
    {
        guard !ids.isEmpty else { return ([], []) }
        let chosen: NeighbourStrategy
        if let strategy {
            chosen = strategy
        } else {
            // max(id) is one step down the rowid B-tree; a close enough count for choosing.
            let works = try connection.query("SELECT coalesce(max(id), 0) FROM works") { $0.int64(0) }.first ?? 0
            chosen = NeighbourStrategy.choose(selected: ids.count, works: works)
        }
        switch chosen {
        case .perWork: return try neighbourKeysPerWork(of: ids)
        case .wholeBase: return try neighbourKeysFromWholeBase(of: ids)
        }
    }

    private func neighbourKeysPerWork(of ids: [Int64]) throws(KnowledgeBaseError) -> (cites: [[String]], citedBy: [[String]]) {
        var position: [Int64: Int] = [:]
        for (i, id) in ids.enumerated() { position[id] = i }
        var cites = Array(repeating: [String](), count: ids.count)
        var citedBy = cites
        let list = SQLValue.text("[" + ids.map(String.init).joined(separator: ",") + "]")
        // DISTINCT: two edges of one pair (different provenance) name the neighbour once.
        _ = try connection.query("""
            SELECT DISTINCT c.citing_id, b.key FROM citations c JOIN works b ON b.id = c.cited_id
            WHERE c.relation = 'cites' AND c.citing_id IN (SELECT value FROM json_each(?1)) ORDER BY c.citing_id, b.key
            """, [list]) { r in
            if let i = position[r.int64(0)] { cites[i].append(r.text(1)) }
        }
        _ = try connection.query("""
            SELECT DISTINCT c.cited_id, a.key FROM citations c JOIN works a ON a.id = c.citing_id
            WHERE c.relation = 'cites' AND c.cited_id IN (SELECT value FROM json_each(?1)) ORDER BY c.cited_id, a.key
            """, [list]) { r in
            if let i = position[r.int64(0)] { citedBy[i].append(r.text(1)) }
        }
        return (cites, citedBy)
    }

    /// Every key once, in key order, so that a neighbour becomes its rank (an integer) and a list sorts by
    /// comparing integers; then every "cites" edge once, in storage order, kept when either end is selected.
    private func neighbourKeysFromWholeBase(of ids: [Int64])
        throws(KnowledgeBaseError) -> (cites: [[String]], citedBy: [[String]])
    {
        var idsInKeyOrder: [Int64] = []
        var keysInOrder: [String] = []
        let keyScan = try connection.prepare("SELECT id, key FROM works ORDER BY key")
        keyScan.begin()
        while try keyScan.advance() {
            let row = keyScan.row
            idsInKeyOrder.append(row.int64(0))
            keysInOrder.append(row.text(1))
        }
        let range = (idsInKeyOrder.min() ?? 0)...(idsInKeyOrder.max() ?? 0)
        var rank = WorkIDMap(ids: range, count: idsInKeyOrder.count)
        for (i, id) in idsInKeyOrder.enumerated() { rank[id] = Int32(i) }
        var position = WorkIDMap(ids: range, count: idsInKeyOrder.count)
        for (i, id) in ids.enumerated() { position[id] = Int32(i) }
        var citesRanks = Array(repeating: [Int32](), count: ids.count)
        var citedByRanks = citesRanks
        let edges = try connection.prepare("SELECT citing_id, cited_id FROM citations WHERE relation = 'cites'")
        edges.begin()
        while try edges.advance() {
            let row = edges.row
            let citing = row.int64(0), cited = row.int64(1)
            // An edge to a missing work is dropped, as the per-work path's JOIN drops it.
            guard let citingRank = rank[citing], let citedRank = rank[cited] else { continue }
            if let i = position[citing] { citesRanks[Int(i)].append(citedRank) }
            if let i = position[cited] { citedByRanks[Int(i)].append(citingRank) }
        }
        func keys(_ ranks: [Int32]) -> [String] {
            var previous: Int32 = -1
            var out: [String] = []
            out.reserveCapacity(ranks.count)
            for r in ranks.sorted() where r != previous {
                out.append(keysInOrder[Int(r)])
                previous = r
            }
            return out
        }
        return (citesRanks.map(keys), citedByRanks.map(keys))
    }
}

/// Small integers by work id, for the million lookups of one pass over the edges: a flat array when the ids
/// are dense (rowids of a table with few deletions: hashing cost ~12 % of the broad listing), else a dictionary.
struct WorkIDMap {
    private let base: Int64
    private var dense: [Int32]
    private var sparse: [Int64: Int32] = [:]

    /// `ids`: the range every id looked up or stored lies in; `count`: how many works there are.
    init(ids: ClosedRange<Int64>, count: Int) {
        let span = ids.upperBound.subtractingReportingOverflow(ids.lowerBound)
        let isDense = !span.overflow && span.partialValue < 4 * Int64(count) + 4096
        base = ids.lowerBound
        dense = isDense ? Array(repeating: -1, count: Int(span.partialValue) + 1) : []
    }

    subscript(id: Int64) -> Int32? {
        get {
            guard let slot = slot(of: id) else { return sparse[id] }
            return dense[slot] >= 0 ? dense[slot] : nil
        }
        set {
            if let slot = slot(of: id) { dense[slot] = newValue ?? -1 } else { sparse[id] = newValue }
        }
    }

    /// The index in `dense` for `id`, nil when the map is sparse or `id` lies outside its range.
    private func slot(of id: Int64) -> Int? {
        guard !dense.isEmpty, id >= base, id <= base + Int64(dense.count - 1) else { return nil }
        return Int(id - base)
    }
}
