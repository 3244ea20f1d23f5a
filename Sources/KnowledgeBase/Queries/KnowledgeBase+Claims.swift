extension KnowledgeBase {
    /// Claims, sorted by id, filtered by architecture tag, activation tag (a claim tagged `any` matches
    /// every activation) and by a work key among its sources. nil filters are ignored.
    public func claims(architecture: String? = nil, activation: String? = nil, cites workKey: String? = nil)
        throws(KnowledgeBaseError) -> [ClaimSummary]
    {
        try claims(architecture: architecture, activationTags: activation.map { [$0, "any"] }, cites: workKey)
    }

    /// Claims tagged with `architecture` and with at least one of `activationTags` (nil filters are ignored).
    public func claims(architecture: String?, activationTags: Set<String>?, cites workKey: String? = nil)
        throws(KnowledgeBaseError) -> [ClaimSummary]
    {
        var tags: [String: (architectures: [String], activations: [String])] = [:]
        _ = try connection.query("SELECT claim_id, kind, value FROM claim_tags ORDER BY claim_id, kind, value") { r in
            switch r.text(1) {
            case "architecture": tags[r.text(0), default: ([], [])].architectures.append(r.text(2))
            case "activation": tags[r.text(0), default: ([], [])].activations.append(r.text(2))
            default: break
            }
        }
        var sources: [String: [String]] = [:]
        _ = try connection.query("""
            SELECT s.claim_id, w.key FROM claim_sources s JOIN works w ON w.id = s.work_id
            ORDER BY s.claim_id, s.position
            """) { r in sources[r.text(0), default: []].append(r.text(1)) }
        let all = try connection.query("SELECT id, title, check_id, verified, depth FROM claims ORDER BY id") { r in
            let id = r.text(0)
            return ClaimSummary(id: id, title: r.text(1), checkID: r.text(2), verified: r.bool(3),
                                architectures: tags[id]?.architectures ?? [], activations: tags[id]?.activations ?? [],
                                depth: r.optionalText(4), sourceKeys: sources[id] ?? [])
        }
        return all.filter { claim in
            if let architecture, !claim.architectures.contains(architecture) { return false }
            if let activationTags, activationTags.isDisjoint(with: claim.activations) { return false }
            if let workKey, !claim.sourceKeys.contains(workKey) { return false }
            return true
        }
    }

    /// One claim with its statement, hypotheses, defaults and full source works; nil if unknown.
    public func claim(id: String) throws(KnowledgeBaseError) -> ClaimDetail? {
        guard let summary = try claims().first(where: { $0.id == id }) else { return nil }
        return try details(of: [summary]).first
    }

    /// The full details of every claim `claims(architecture:activation:cites:)` lists, in the same order.
    public func claimDetails(architecture: String? = nil, activation: String? = nil, cites workKey: String? = nil)
        throws(KnowledgeBaseError) -> [ClaimDetail]
    {
        try claimDetails(architecture: architecture, activationTags: activation.map { [$0, "any"] }, cites: workKey)
    }

    /// The full details of every claim `claims(architecture:activationTags:cites:)` lists, in the same order.
    public func claimDetails(architecture: String?, activationTags: Set<String>?, cites workKey: String? = nil)
        throws(KnowledgeBaseError) -> [ClaimDetail]
    {
        try details(of: try claims(architecture: architecture, activationTags: activationTags, cites: workKey))
    }

    /// Details of these claims, in their order. The claim tables are small, so each is read once for all of
    /// them; the works they cite are read together, by key (one lookup per work, not a pass over all works).
    private func details(of summaries: [ClaimSummary]) throws(KnowledgeBaseError) -> [ClaimDetail] {
        guard !summaries.isEmpty else { return [] }
        let wanted = Set(summaries.map(\.id))
        var rows: [String: (statement: String, defaults: String)] = [:]
        _ = try connection.query("SELECT id, statement, defaults FROM claims") { r in
            if wanted.contains(r.text(0)) { rows[r.text(0)] = (r.text(1), r.text(2)) }
        }
        var hypotheses: [String: [String]] = [:]
        _ = try connection.query("SELECT claim_id, text FROM claim_hypotheses ORDER BY claim_id, position") { r in
            if wanted.contains(r.text(0)) { hypotheses[r.text(0), default: []].append(r.text(1)) }
        }
        var links: [String: [(key: String, locator: String, note: String?)]] = [:]
        _ = try connection.query("""
            SELECT s.claim_id, w.key, s.locator, s.note FROM claim_sources s JOIN works w ON w.id = s.work_id
            ORDER BY s.claim_id, s.position
            """) { r in
            if wanted.contains(r.text(0)) { links[r.text(0), default: []].append((r.text(1), r.text(2), r.optionalText(3))) }
        }
        let works = try workSummaries(where: Set(links.values.joined().map(\.key)))
        let byKey = Dictionary(works.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return summaries.compactMap { summary in
            guard let row = rows[summary.id] else { return nil }
            let sources = (links[summary.id] ?? []).compactMap { link in
                byKey[link.key].map { ClaimSourceDetail(work: $0, locator: link.locator, note: link.note) }
            }
            return ClaimDetail(id: summary.id, title: summary.title, statement: row.statement,
                               hypotheses: hypotheses[summary.id] ?? [], architectures: summary.architectures,
                               activations: summary.activations, depth: summary.depth, checkID: summary.checkID,
                               verified: summary.verified, defaults: JSONText.decodeDictionary(row.defaults),
                               sources: sources)
        }
    }

    /// Adds a check or updates its description.
    public func registerCheck(id: String, description: String) throws(KnowledgeBaseError) {
        try connection.prepare("""
            INSERT INTO checks (id, description) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET description = ?2
            """).run([.text(id), .text(description)])
    }

    /// Every known check id with its description, sorted by id.
    public func checks() throws(KnowledgeBaseError) -> [(id: String, description: String)] {
        try connection.query("SELECT id, description FROM checks ORDER BY id") { ($0.text(0), $0.text(1)) }
    }
}
