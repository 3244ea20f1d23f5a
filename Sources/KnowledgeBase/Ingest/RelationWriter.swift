// Documents, citation edges and claims of an ingest run; works they name are resolved through the run.
import Foundation
import Literature

final class RelationWriter {
    private let run: IngestRun
    private let selectDocument, insertDocument, insertDocumentSource, selectPassageKeys, insertPassage,
        insertRepair, selectCitation, insertCitation, updateCitation: Statement
    private let claims: ClaimWriter

    init(run: IngestRun) throws(KnowledgeBaseError) {
        self.run = run
        let c = run.connection
        selectDocument = try c.prepare("SELECT id FROM documents WHERE work_id = ? AND kind = ?")
        insertDocument = try c.prepare("INSERT INTO documents (work_id, kind, title) VALUES (?, ?, ?)")
        insertDocumentSource = try c.prepare(
            "INSERT OR IGNORE INTO document_sources (document_id, location) VALUES (?, ?)")
        selectPassageKeys = try c.prepare(
            "SELECT normalized_text, ordinal FROM passages WHERE document_id = ? ORDER BY ordinal")
        insertPassage = try c.prepare("""
            INSERT INTO passages (document_id, ordinal, role, author, text, normalized_text) VALUES (?, ?, ?, ?, ?, ?)
            """)
        insertRepair = try c.prepare(
            "INSERT OR IGNORE INTO document_repairs (document_id, location, description) VALUES (?, ?, ?)")
        selectCitation = try c.prepare("""
            SELECT id, verified, acknowledged FROM citations
            WHERE citing_id = ? AND cited_id = ? AND relation = ? AND provenance = ?
            """)
        insertCitation = try c.prepare("""
            INSERT INTO citations (citing_id, cited_id, relation, provenance, verified, acknowledged)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        updateCitation = try c.prepare("UPDATE citations SET verified = ?, acknowledged = ? WHERE id = ?")
        claims = try ClaimWriter(connection: c)
    }

    // MARK: documents

    /// One document per (work, kind): a second rendering adds its new passages, source and repairs.
    func ingest(_ document: DocumentRecord) throws(KnowledgeBaseError) {
        guard let workID = try run.resolveOrCreate(document.work, at: document.location, what: "document") else {
            run.summary.documents.rejected += 1
            return
        }
        let existingID = try selectDocument.first([.integer(workID), .text(document.kind)]) { $0.int64(0) }
        let documentID: Int64
        var changed = false
        if let existingID {
            documentID = existingID
        } else {
            try insertDocument.run([.integer(workID), .text(document.kind), .text(document.title)])
            documentID = run.connection.lastInsertRowID
        }
        let location = document.location.description
        try insertDocumentSource.run([.integer(documentID), .text(location)])
        changed = changed || run.connection.changes > 0
        var known = Set<String>()
        var nextOrdinal = 1
        for (key, ordinal) in try selectPassageKeys.query([.integer(documentID)], { ($0.text(0), $0.int(1)) }) {
            known.insert(key)
            nextOrdinal = max(nextOrdinal, ordinal + 1)
        }
        for passage in document.passages {
            let folded = DedupKeys.passage(passage.text)
            let key = folded.isEmpty ? passage.text : folded
            guard !passage.text.allSatisfy(\.isWhitespace), !known.contains(key) else { continue }
            try insertPassage.run([.integer(documentID), .integer(Int64(nextOrdinal)), .text(passage.role),
                                   SQLValue(passage.author), .text(passage.text), .text(key)])
            known.insert(key)
            nextOrdinal += 1
            changed = true
        }
        for repair in document.repairs {
            try insertRepair.run([.integer(documentID), .text(location), .text(repair)])
            changed = changed || run.connection.changes > 0
        }
        if existingID == nil {
            run.summary.documents.added += 1
        } else if changed {
            run.summary.documents.updated += 1
        } else {
            run.summary.documents.unchanged += 1
        }
    }

    // MARK: citations

    func ingest(_ citation: CitationRecord) throws(KnowledgeBaseError) {
        guard let citing = try run.resolveOrCreate(citation.citing, at: citation.location, what: "citing work"),
              let cited = try run.resolveOrCreate(citation.cited, at: citation.location, what: "cited work")
        else {
            run.summary.citations.rejected += 1
            return
        }
        guard citing != cited else {
            run.summary.citations.rejected += 1
            run.warn(at: citation.location, "a work citing itself; edge skipped")
            return
        }
        let relation = citation.relation.isEmpty ? "cites" : citation.relation
        let provenance = "\(citation.location.file):\(citation.location.line) (\(citation.source))"
        let key: [SQLValue] = [.integer(citing), .integer(cited), .text(relation), .text(provenance)]
        if let (id, verified, acknowledged) = try selectCitation.first(key, { ($0.int64(0), $0.bool(1), $0.bool(2)) }) {
            if verified == citation.verified && acknowledged == citation.acknowledged {
                run.summary.citations.unchanged += 1
            } else {
                try updateCitation.run([SQLValue(citation.verified), SQLValue(citation.acknowledged), .integer(id)])
                run.summary.citations.updated += 1
            }
        } else {
            try insertCitation.run(key + [SQLValue(citation.verified), SQLValue(citation.acknowledged)])
            run.summary.citations.added += 1
        }
    }

    // MARK: claims

    private var claimsSeen: [String: SourceLocation] = [:]

    /// A claim whose sources name unknown works is rejected with an error at the card.
    func ingest(_ claim: ClaimCardRecord) throws(KnowledgeBaseError) {
        if let first = claimsSeen[claim.id] {
            run.summary.claims.rejected += 1
            run.error(at: claim.location, "claim \(claim.id) is defined twice (first at \(first)); skipped")
            return
        }
        claimsSeen[claim.id] = claim.location
        var sources: [ClaimWriter.Source] = []
        var unknown: [String] = []
        for source in claim.sources {
            if let id = run.index.byKey[source.workKey] {
                sources.append(ClaimWriter.Source(workID: id, locator: source.locator, note: source.note.nonEmpty))
            } else {
                unknown.append(source.workKey)
            }
        }
        guard unknown.isEmpty else {
            run.summary.claims.rejected += 1
            run.error(at: claim.location, "claim \(claim.id) cites unknown work key"
                      + (unknown.count > 1 ? "s " : " ") + unknown.joined(separator: ", ")
                      + "; add the work to the bibliography (corpus/works.bib) or fix the key")
            return
        }
        switch try claims.write(ClaimWriter.Content(claim: claim, sources: sources)) {
        case .added: run.summary.claims.added += 1
        case .updated: run.summary.claims.updated += 1
        case .unchanged: run.summary.claims.unchanged += 1
        }
    }
}
