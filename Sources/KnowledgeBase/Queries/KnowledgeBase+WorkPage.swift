extension KnowledgeBase {
    /// Everything known about one work: the record, where it came from, its identifiers, every citation
    /// edge in and out with its provenance and status, its documents and the claims it states.
    public func workPage(key: String) throws(KnowledgeBaseError) -> WorkPage? {
        guard let summary = try work(key: key),
              let row = try connection.query("SELECT id, source, note FROM works WHERE key = ?", [.text(summary.key)],
                                             { ($0.int64(0), $0.optionalText(1), $0.optionalText(2)) }).first
        else { return nil }
        let (id, source, note) = row
        let edge = { (r: Row) in
            WorkPage.Edge(key: r.text(0), title: r.text(1), relation: r.text(2), provenance: r.text(3),
                          verified: r.bool(4))
        }
        let outgoing = try connection.query("""
            SELECT b.key, b.title, c.relation, c.provenance, c.verified FROM citations c JOIN works b ON b.id = c.cited_id
            WHERE c.citing_id = ? ORDER BY c.relation, b.key, c.provenance
            """, [.integer(id)], edge)
        let incoming = try connection.query("""
            SELECT a.key, a.title, c.relation, c.provenance, c.verified FROM citations c JOIN works a ON a.id = c.citing_id
            WHERE c.cited_id = ? ORDER BY c.relation, a.key, c.provenance
            """, [.integer(id)], edge)
        let documents = try connection.query("""
            SELECT d.kind, d.title, coalesce((SELECT group_concat(location, ' ') FROM document_sources s
                                              WHERE s.document_id = d.id), ''),
                   (SELECT count(*) FROM passages p WHERE p.document_id = d.id)
            FROM documents d WHERE d.work_id = ? ORDER BY d.kind
            """, [.integer(id)]) { r in
            WorkPage.Document(kind: r.text(0), title: r.text(1),
                              sources: r.text(2).split(separator: " ").map(String.init), passages: r.int(3))
        }
        let claims = try connection.query("""
            SELECT c.id, c.title, group_concat(cs.locator, '; ') FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id
            WHERE cs.work_id = ? GROUP BY c.id ORDER BY c.id
            """, [.integer(id)]) { r in WorkPage.StatedClaim(id: r.text(0), title: r.text(1), locator: r.text(2)) }
        return WorkPage(work: summary, source: source, note: note, outgoing: outgoing, incoming: incoming,
                        documents: documents, claims: claims, provenance: try workProvenance(key: summary.key))
    }
}

/// `nnid work KEY`: a work's full page.
public struct WorkPage: Sendable, Encodable {
    public struct Edge: Sendable, Encodable {
        public var key: String
        public var title: String
        public var relation: String
        public var provenance: String
        public var verified: Bool
    }

    public struct Document: Sendable, Encodable {
        public var kind: String
        public var title: String
        public var sources: [String]
        public var passages: Int
    }

    public struct StatedClaim: Sendable, Encodable {
        public var id: String
        public var title: String
        public var locator: String
    }

    public var work: WorkSummary
    /// file:line of the record that created the work.
    public var source: String?
    public var note: String?
    public var outgoing: [Edge]
    public var incoming: [Edge]
    public var documents: [Document]
    public var claims: [StatedClaim]
    /// Aliases, merged records with the rule that matched, conflicting values and contributors.
    public var provenance: WorkProvenance?

    enum CodingKeys: String, CodingKey {
        case work, source, note, outgoing = "cites", incoming = "cited_by", documents, claims, provenance
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(work, forKey: .work)
        try c.encode(source, forKey: .source)
        try c.encode(note, forKey: .note)
        try c.encode(outgoing, forKey: .outgoing)
        try c.encode(incoming, forKey: .incoming)
        try c.encode(documents, forKey: .documents)
        try c.encode(claims, forKey: .claims)
        try c.encode(provenance, forKey: .provenance)
    }
}
