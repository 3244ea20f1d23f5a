// The citation graph, streamed row by row from SQLite into a format writer. A neighbourhood is computed
// first (breadth-first over the citations table) and kept in a temporary table; node and edge queries
// then join against it, so even the whole base is never held in memory.
import Foundation

extension KnowledgeBase {
    /// Writes the citation graph selected by `selection` to `output` in `format`, streaming.
    /// Nodes are works (sorted by key), then claims when `includeClaims`; edges are one per (citing, cited)
    /// pair, with the pair's relations joined by ";" and its provenances by "; " (verified if any source
    /// is), then `states` edges from claims to works. `in_degree`/`out_degree` count distinct neighbours
    /// over every relation in the whole base (equal to the exported graph's degrees for a whole-base export).
    @discardableResult
    public func exportGraph(_ selection: GraphSelection, format: GraphFormat, to output: ExportOutput)
        throws(ExportError) -> GraphExportSummary
    {
        let writer = format.makeWriter(output)
        var summary = GraphExportSummary()
        let filter: (works: String, edges: String, claims: String, states: String)
        if selection.isWholeBase {
            filter = ("", "", "", "")
        } else {
            try fillGraphSelection(selection)
            let selected = "IN (SELECT id FROM temp.nnid_graph_selection)"
            filter = ("WHERE w.id \(selected)", "WHERE c.citing_id \(selected) AND c.cited_id \(selected)",
                      "WHERE EXISTS (SELECT 1 FROM claim_sources s WHERE s.claim_id = c.id AND s.work_id \(selected))",
                      "WHERE s.work_id \(selected)")
        }
        do throws(KnowledgeBaseError) {
            let degrees = try neighbourCounts(wholeBase: selection.isWholeBase)
            var keyByID: [Int64: String] = [:]
            writer.begin()
            _ = try connection.query("""
                SELECT w.id, w.key, w.title, w.kind, w.year, w.venue, w.verified, w.is_stub,
                    (SELECT a.display_name FROM work_authors wa JOIN authors a ON a.id = wa.author_id
                     WHERE wa.work_id = w.id ORDER BY wa.position LIMIT 1),
                    -- "+i.scheme": look up by work (identifiers_work), not by scheme, which scans every DOI
                    (SELECT i.value FROM identifiers i WHERE i.work_id = w.id AND +i.scheme = 'doi' ORDER BY i.value LIMIT 1),
                    (SELECT i.value FROM identifiers i WHERE i.work_id = w.id AND +i.scheme = 'arxiv' ORDER BY i.value LIMIT 1)
                FROM works w \(filter.works) ORDER BY w.key
                """) { r in
                let id = r.int64(0), key = r.text(1)
                keyByID[id] = key
                let degree = degrees[id] ?? (0, 0)
                writer.node(GraphNode(id: key, label: key, values: [
                    .string("work"), .string(r.text(2)), .string(r.text(3)), r.optionalInt(4).map(GraphValue.int),
                    r.optionalText(8).map(GraphValue.string), r.optionalText(5).map(GraphValue.string),
                    r.optionalText(9).map(GraphValue.string), r.optionalText(10).map(GraphValue.string),
                    .bool(r.bool(6)), .bool(r.bool(7)), .int(degree.in), .int(degree.out), nil,
                ]))
                summary.workNodes += 1
            }
            if selection.includeClaims {
                _ = try connection.query(
                    "SELECT c.id, c.title, c.verified, c.check_id FROM claims c \(filter.claims) ORDER BY c.id"
                ) { r in
                    writer.node(GraphNode(id: GraphSchema.claimNodeID(r.text(0)), label: r.text(0), values: [
                        .string("claim"), .string(r.text(1)), nil, nil, nil, nil, nil, nil, .bool(r.bool(2)),
                        nil, nil, nil, .string(r.text(3)),
                    ]))
                    summary.claimNodes += 1
                }
            }
            writer.beginEdges()
            // Rows come in the order of the unique index (citing, cited, relation, provenance): no sort, and
            // the rows of one pair are adjacent, so they merge into one edge as they stream past.
            var pending: PendingEdge?
            func emit(_ edge: PendingEdge) {
                guard let source = keyByID[edge.citing], let target = keyByID[edge.cited] else { return }
                writer.edge(GraphEdge(source: source, target: target, values: [
                    .string(edge.relations.joined(separator: ";")), .string(edge.provenances.joined(separator: "; ")),
                    .bool(edge.verified),
                ]))
                summary.citationEdges += 1
            }
            _ = try connection.query("""
                SELECT c.citing_id, c.cited_id, c.relation, c.provenance, c.verified FROM citations c
                \(filter.edges) ORDER BY c.citing_id, c.cited_id, c.relation, c.provenance
                """) { r in
                let citing = r.int64(0), cited = r.int64(1), relation = r.text(2)
                if let open = pending, open.citing == citing, open.cited == cited {
                    if pending?.relations.last != relation { pending?.relations.append(relation) }
                    pending?.provenances.append(r.text(3))
                    pending?.verified = open.verified || r.bool(4)
                    return
                }
                if let open = pending { emit(open) }
                pending = PendingEdge(citing: citing, cited: cited, relations: [relation], provenances: [r.text(3)],
                                      verified: r.bool(4))
            }
            if let open = pending { emit(open) }
            if selection.includeClaims {
                _ = try connection.query("""
                    SELECT s.claim_id, w.key, group_concat(s.locator, '; ') FROM claim_sources s
                    JOIN works w ON w.id = s.work_id \(filter.states)
                    GROUP BY s.claim_id, s.work_id ORDER BY s.claim_id, min(s.position)
                    """) { r in
                    writer.edge(GraphEdge(source: GraphSchema.claimNodeID(r.text(0)), target: r.text(1),
                                          values: [.string("states"), .string(r.text(2)), nil]))
                    summary.statesEdges += 1
                }
            }
            writer.end()
        } catch {
            throw .store(error)
        }
        try output.finish()
        summary.bytes = output.byteCount
        return summary
    }

    /// Distinct citing and cited neighbours per work id (every relation). For the whole base one pass over
    /// the citations index; for a selection, one indexed count per selected work.
    private func neighbourCounts(wholeBase: Bool) throws(KnowledgeBaseError) -> [Int64: (in: Int, out: Int)] {
        var counts: [Int64: (in: Int, out: Int)] = [:]
        if wholeBase {
            _ = try connection.query("SELECT citing_id, cited_id FROM citations GROUP BY citing_id, cited_id") { r in
                counts[r.int64(0), default: (0, 0)].out += 1
                counts[r.int64(1), default: (0, 0)].in += 1
            }
        } else {
            _ = try connection.query("""
                SELECT s.id, (SELECT count(DISTINCT c.citing_id) FROM citations c WHERE c.cited_id = s.id),
                    (SELECT count(DISTINCT c.cited_id) FROM citations c WHERE c.citing_id = s.id)
                FROM temp.nnid_graph_selection s
                """) { r in counts[r.int64(0)] = (r.int(1), r.int(2)) }
        }
        return counts
    }

    /// Work keys of a selection (for callers that need the set itself, such as tests); sorted.
    public func graphSelectionKeys(_ selection: GraphSelection) throws(ExportError) -> [String] {
        let ids = try selectedWorkIDs(selection)
        do throws(KnowledgeBaseError) {
            let keyByID = Dictionary(uniqueKeysWithValues: try connection.query("SELECT id, key FROM works") {
                ($0.int64(0), $0.text(1))
            })
            return ids.compactMap { keyByID[$0] }.sorted()
        } catch {
            throw .store(error)
        }
    }

    /// The work ids of a neighbourhood: the seeds (root work, claim sources), then `depth` breadth-first
    /// steps along `direction`.
    private func selectedWorkIDs(_ selection: GraphSelection) throws(ExportError) -> Set<Int64> {
        var seeds = Set<Int64>()
        if let root = selection.rootKey {
            guard let id = try storeQuery({ () throws(KnowledgeBaseError) in
                try connection.query("SELECT id FROM works WHERE key = ?", [.text(try canonicalKey(root) ?? root)]) { $0.int64(0) }.first
            }) else { throw .unknownWork(root) }
            seeds.insert(id)
        }
        if let claim = selection.claimID {
            let known = try storeQuery { () throws(KnowledgeBaseError) in
                try !connection.query("SELECT 1 FROM claims WHERE id = ?", [.text(claim)]) { _ in true }.isEmpty
            }
            guard known else { throw .unknownClaim(claim) }
            seeds.formUnion(try storeQuery { () throws(KnowledgeBaseError) in
                try connection.query("SELECT work_id FROM claim_sources WHERE claim_id = ?", [.text(claim)]) {
                    $0.int64(0)
                }
            })
        }
        return try storeQuery { () throws(KnowledgeBaseError) in
            let forward = try connection.prepare("SELECT DISTINCT cited_id FROM citations WHERE citing_id = ?")
            let backward = try connection.prepare("SELECT DISTINCT citing_id FROM citations WHERE cited_id = ?")
            var selected = seeds
            var frontier = seeds
            for _ in 0..<max(0, selection.depth) where !frontier.isEmpty {
                var next = Set<Int64>()
                for id in frontier {
                    if selection.direction != .citedBy { next.formUnion(try forward.query([.integer(id)]) { $0.int64(0) }) }
                    if selection.direction != .cites { next.formUnion(try backward.query([.integer(id)]) { $0.int64(0) }) }
                }
                frontier = next.subtracting(selected)
                selected.formUnion(frontier)
            }
            return selected
        }
    }

    /// Runs store queries, reporting their failure as an export error.
    func storeQuery<T>(_ body: () throws(KnowledgeBaseError) -> T) throws(ExportError) -> T {
        do {
            return try body()
        } catch {
            throw .store(error)
        }
    }

    /// Stores the selection's ids in a temporary table the export queries join against.
    private func fillGraphSelection(_ selection: GraphSelection) throws(ExportError) {
        let ids = try selectedWorkIDs(selection)
        do throws(KnowledgeBaseError) {
            try connection.execute("""
                CREATE TEMP TABLE IF NOT EXISTS nnid_graph_selection (id INTEGER PRIMARY KEY);
                DELETE FROM temp.nnid_graph_selection;
                """)
            let json = "[" + ids.sorted().map(String.init).joined(separator: ",") + "]"
            try connection.prepare("INSERT INTO temp.nnid_graph_selection (id) SELECT value FROM json_each(?)")
                .run([.text(json)])
        } catch {
            throw .store(error)
        }
    }
}

/// The citation rows of one (citing, cited) pair, merged as they stream in.
private struct PendingEdge {
    let citing: Int64
    let cited: Int64
    var relations: [String]
    var provenances: [String]
    var verified: Bool
}
