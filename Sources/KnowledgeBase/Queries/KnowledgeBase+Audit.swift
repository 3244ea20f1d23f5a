// The data-quality audit: one query per kind of finding; duplicate detection groups titles in memory.
import Foundation

extension KnowledgeBase {
    /// Every finding, errors first, then by kind and subject.
    public func audit(_ options: AuditOptions = AuditOptions()) throws(KnowledgeBaseError) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        findings += try anachronisticCitations(tolerance: options.preprintToleranceYears)
        findings += try stubEdges()
        findings += try probableDuplicates()
        findings += try unverifiedFacts()
        findings += try claimProblems(executableChecks: options.executableChecks)
        findings += try deductionFindings()
        return findings.sorted {
            ($0.severity, $0.kind.rawValue, $0.subject) < ($1.severity, $1.kind.rawValue, $1.subject)
        }
    }

    private func anachronisticCitations(tolerance: Int) throws(KnowledgeBaseError) -> [AuditFinding] {
        try connection.query("""
            SELECT a.key, a.year, b.key, b.year, group_concat(c.provenance, '; '), max(c.acknowledged) FROM citations c
            JOIN works a ON a.id = c.citing_id JOIN works b ON b.id = c.cited_id
            WHERE c.relation = 'cites' AND a.year IS NOT NULL AND b.year IS NOT NULL AND b.year - a.year > ?
            GROUP BY c.citing_id, c.cited_id ORDER BY a.key, b.key
            """, [.integer(Int64(tolerance))]) { r in
            AuditFinding(kind: .anachronisticCitation, subject: "\(r.text(0)) -> \(r.text(2))",
                         message: "\(r.text(0)) (\(r.int(1))) is said to cite \(r.text(2)) (\(r.int(3))), "
                            + "\(r.int(3) - r.int(1)) years later (tolerance \(tolerance)); source: \(r.text(4))"
                            + (r.bool(5) ? " [acknowledged in the corpus as a known anomaly]" : ""),
                         acknowledged: r.bool(5))
        }
    }

    private func stubEdges() throws(KnowledgeBaseError) -> [AuditFinding] {
        try connection.query("""
            SELECT w.key, w.title, count(*) FROM works w JOIN citations c ON c.citing_id = w.id OR c.cited_id = w.id
            WHERE w.is_stub = 1 GROUP BY w.id ORDER BY w.key
            """) { r in
            AuditFinding(kind: .edgeToStub, subject: r.text(0),
                         message: "\(r.int(2)) edge\(r.int(2) == 1 ? "" : "s") touch \(r.text(0)) "
                            + "(\"\(r.text(1))\"), known only from a reference; add it to the bibliography")
        }
    }

    private func probableDuplicates() throws(KnowledgeBaseError) -> [AuditFinding] {
        struct Entry { let key: String, title: String, year: Int?, family: String? }
        let works = try connection.query(
            "SELECT key, normalized_title, year, first_author_family FROM works ORDER BY key"
        ) { Entry(key: $0.text(0), title: $0.text(1), year: $0.optionalInt(2), family: $0.optionalText(3)) }
        var pairs: [String: String] = [:]  // "A|B" → reason
        func note(_ a: String, _ b: String, _ reason: String) {
            let (x, y) = a < b ? (a, b) : (b, a)
            if pairs["\(x)|\(y)"] == nil { pairs["\(x)|\(y)"] = reason }
        }
        // Same normalized title (ingest keeps them apart only when author or year differ).
        for group in Dictionary(grouping: works, by: \.title).values where group.count > 1 {
            for (i, a) in group.enumerated() {
                for b in group[(i + 1)...] { note(a.key, b.key, "same normalized title \"\(a.title)\"") }
            }
        }
        // Near-identical titles by the same first author within a year of each other.
        let byAuthor = Dictionary(grouping: works.filter { $0.family != nil }, by: { $0.family ?? "" })
        for group in byAuthor.values where group.count > 1 {
            for (i, a) in group.enumerated() {
                for b in group[(i + 1)...] where a.title != b.title {
                    if let ya = a.year, let yb = b.year, abs(ya - yb) > 1 { continue }
                    let similarity = Self.titleSimilarity(a.title, b.title)
                    if similarity >= 0.8 {
                        note(a.key, b.key, String(format: "titles %.0f%% alike, same first author", similarity * 100))
                    }
                }
            }
        }
        // A DOI of arXiv (10.48550/arxiv.ID) on one work and the arXiv id ID on another.
        _ = try connection.query("""
            SELECT a.key, b.key, d.value FROM identifiers d JOIN identifiers x
                ON x.scheme = 'arxiv' AND d.scheme = 'doi' AND d.value = '10.48550/arxiv.' || x.value
            JOIN works a ON a.id = d.work_id JOIN works b ON b.id = x.work_id WHERE a.id <> b.id
            """) { r in note(r.text(0), r.text(1), "DOI \(r.text(2)) of one is the arXiv id of the other") }
        return pairs.map { pair, reason in
            let keys = pair.split(separator: "|")
            return AuditFinding(kind: .probableDuplicate, subject: "\(keys[0]) = \(keys[1])",
                                message: "\(keys[0]) and \(keys[1]) are probably the same work: \(reason)")
        }
    }

    /// Jaccard similarity of the word sets of two normalized titles.
    static func titleSimilarity(_ a: String, _ b: String) -> Double {
        let x = Set(a.split(separator: " ")), y = Set(b.split(separator: " "))
        let union = x.union(y).count
        return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
    }

    private func unverifiedFacts() throws(KnowledgeBaseError) -> [AuditFinding] {
        var findings = try connection.query("""
            SELECT key, unverified_fields, source FROM works
            WHERE is_stub = 0 AND (verified = 0 OR unverified_fields <> '[]') ORDER BY key
            """) { r in
            let fields = JSONText.decodeStrings(r.text(1))
            return AuditFinding(kind: .unverifiedWork, subject: r.text(0), message: fields.isEmpty
                ? "\(r.text(0)) is not yet confirmed in a primary source or the curated corpus (source: "
                    + "\(r.optionalText(2) ?? "unknown"))"
                : "\(r.text(0)): unconfirmed " + fields.joined(separator: ", "))
        }
        // One finding per pair, as the graph has one edge per pair: a pair is verified when any of its rows
        // is (the graph's rule), so the two always agree.
        findings += try connection.query("""
            SELECT a.key, b.key, replace(group_concat(DISTINCT c.relation), ',', ';'), group_concat(c.provenance, '; '),
                   max(c.acknowledged) FROM citations c
            JOIN works a ON a.id = c.citing_id JOIN works b ON b.id = c.cited_id
            GROUP BY c.citing_id, c.cited_id HAVING max(c.verified) = 0 ORDER BY a.key, b.key
            """) { r in
            AuditFinding(kind: .unverifiedEdge, subject: "\(r.text(0)) -> \(r.text(1))",
                         message: "\(r.text(0)) \(r.text(2)) \(r.text(1)) is unconfirmed (source: \(r.text(3)))"
                            + (r.bool(4) ? " [acknowledged in the corpus as a known anomaly]" : ""),
                         acknowledged: r.bool(4))
        }
        findings += try connection.query("SELECT id FROM claims WHERE verified = 0 ORDER BY id") { r in
            AuditFinding(kind: .unverifiedClaim, subject: r.text(0),
                         message: "claim \(r.text(0)) is not yet confirmed in its sources")
        }
        return findings
    }

    private func claimProblems(executableChecks: Set<String>?) throws(KnowledgeBaseError) -> [AuditFinding] {
        var findings = try connection.query("""
            SELECT c.id FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_sources s WHERE s.claim_id = c.id)
            ORDER BY c.id
            """) { r in
            AuditFinding(kind: .claimWithoutSource, subject: r.text(0),
                         message: "claim \(r.text(0)) names no work that states it; add a `source:` line to its card")
        }
        var runnable = executableChecks ?? []
        if executableChecks == nil {
            runnable = Set(try connection.query("SELECT id FROM checks WHERE description <> ''") { $0.text(0) })
        }
        findings += try connection.query("SELECT id, check_id FROM claims ORDER BY id") { r in
            (r.text(0), r.text(1))
        }.filter { !runnable.contains($0.1) }.map { claim, check in
            AuditFinding(kind: .claimWithoutCheck, subject: claim,
                         message: "claim \(claim) names check \(check), which nnid cannot run")
        }
        // The built-in analysis check belongs to `nnid analyze`, not to a claim.
        findings += try connection.query("""
            SELECT k.id FROM checks k WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.check_id = k.id)
              AND k.id <> ? ORDER BY k.id
            """, [.text(Self.networkAnalysisCheckID)]) { r in
            AuditFinding(kind: .checkWithoutClaim, subject: r.text(0),
                         message: "check \(r.text(0)) is registered but no claim uses it")
        }
        findings += try fieldConflicts().map { key, c in
            AuditFinding(kind: .fieldConflict, subject: key,
                         message: "\(c.field): kept '\(c.keptValue)' (\(c.keptSource ?? "?")), other source says '\(c.otherValue)' (\(c.otherSource))")
        }
        return findings
    }
}
