// One ingest run inside one transaction: works first (bibliographic records before page records), then
// documents, citation edges and claims, then one rebuild of the full-text index.
import Foundation
import Literature

/// One parsed input file. `format` decides whether its works are authoritative (BibTeX, RIS, CSL-JSON).
public struct IngestInput: Sendable {
    public var path: String
    public var format: SourceFormat?
    public var result: ParseResult

    public init(path: String, format: SourceFormat?, result: ParseResult) {
        self.path = path
        self.format = format
        self.result = result
    }

    var isBibliographic: Bool {
        switch format ?? SourceFormat.detect(path: path, text: "") {
        case .bibtex, .ris, .cslJSON: return true
        default: return false
        }
    }
}

final class IngestRun {
    let connection: SQLiteConnection
    let works: WorkWriter
    var index: WorkIndex
    var summary = IngestSummary()
    /// Work ids already counted in this run, so a work seen twice is counted once as added.
    private var addedThisRun: Set<Int64> = []

    init(connection: SQLiteConnection, timestamp: String) throws(KnowledgeBaseError) {
        self.connection = connection
        works = try WorkWriter(connection: connection, timestamp: timestamp)
        index = try works.loadIndex()
    }

    func run(_ inputs: [IngestInput]) throws(KnowledgeBaseError) -> IngestSummary {
        for input in inputs where input.isBibliographic {
            for record in input.result.works { try ingestWork(record, authoritative: true) }
        }
        return try finish(inputs)
    }

    /// `run(_:)` over `count` files arriving through `pipe` in order: a bibliographic file's streamed works
    /// are stored as they come, which is the order `run(_:)` stores them in.
    func run(files count: Int, from pipe: ParsePipe) throws(KnowledgeBaseError) -> IngestSummary {
        var inputs: [IngestInput] = []
        inputs.reserveCapacity(count)
        while inputs.count < count {
            let piece = pipe.receive()
            switch piece {
            case .works(let records, let rows):
                // Only BibTeX streams, and BibTeX is bibliographic: store now.
                for (record, row) in zip(records, rows) { try ingestWork(record, authoritative: true, incoming: row) }
            case .finished(let input):
                if input.isBibliographic {
                    for record in input.result.works { try ingestWork(record, authoritative: true) }
                }
                inputs.append(input)
            }
            pipe.processed(piece)
        }
        pipe.worksConsumed()
        return try finish(inputs)
    }

    /// Everything after the bibliographic works: page works, documents, citations, claims, the search index.
    private func finish(_ inputs: [IngestInput]) throws(KnowledgeBaseError) -> IngestSummary {
        summary.files = inputs.count
        for input in inputs where !input.isBibliographic {
            for record in input.result.works { try ingestWork(record, authoritative: false) }
        }
        let relations = try RelationWriter(run: self)
        for input in inputs {
            for document in input.result.documents { try relations.ingest(document) }
        }
        for input in inputs {
            for citation in input.result.citations { try relations.ingest(citation) }
        }
        for input in inputs {
            for claim in input.result.claims { try relations.ingest(claim) }
        }
        for conflict in works.identifierConflicts {
            warn(at: Self.location(of: conflict.source) ?? SourceLocation(file: conflict.key), "work \(conflict.key): \(conflict.identifier.scheme) "
                 + "\(conflict.identifier.value) already belongs to another work; kept there")
        }
        // Parser diagnostics come first, file by file, then the store's.
        summary.diagnostics = inputs.flatMap(\.result.diagnostics) + summary.diagnostics
        if !summary.changedNothing { try rebuildSearchIndex() }
        return summary
    }

    func error(at location: SourceLocation, _ message: String) {
        summary.diagnostics.append(Diagnostic(.error, at: location, message))
    }

    func warn(at location: SourceLocation, _ message: String) {
        summary.diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    // MARK: works

    /// The row a record brings, before it is matched against the store (pure; any thread).
    static func incomingRow(_ record: WorkRecord, authoritative: Bool) -> WorkRow {
        WorkRow(record: record, key: record.key.nonEmpty?.trimmedWhitespace ?? "", authoritative: authoritative)
    }

    /// Stores or merges one work; `incoming` is `incomingRow(record, authoritative:)` when already built.
    /// A record is the same as a stored work when they share an identifier (DOI, arXiv, MaRDI, zbMATH), a
    /// title with first author or year, or a key on which they agree. A key held by a work the record
    /// disagrees with gives the record a derived key (`zhang2020deep-b`) and a warning naming both places.
    private func ingestWork(_ record: WorkRecord, authoritative: Bool, incoming prepared: WorkRow? = nil)
        throws(KnowledgeBaseError) {
        let explicitKey = record.key.nonEmpty?.trimmedWhitespace
        var incoming = prepared ?? Self.incomingRow(record, authoritative: authoritative)
        var target: (id: Int64, rule: String, existing: WorkRow)?
        var probe = WorkIndex.Probe(row: incoming, explicitKey: nil)
        probe.isReference = !incoming.isAuthoritative   // a page record may match on its title alone
        if let found = index.match(probe),
           let existing = try works.read(id: found.id) {
            target = (found.id, found.rule, existing)
        }
        var clash: (existing: WorkRow, why: String)?
        if target == nil, let explicitKey {
            // The key itself, then the keys earlier clashes derived from it.
            for offset in 0...26 {
                let candidate = offset == 0 ? explicitKey : "\(explicitKey)-\(Self.letters(offset + 1))"
                guard let id = index.byKey[candidate], let existing = try works.read(id: id) else { break }
                if let why = existing.disagreement(with: incoming) {
                    if offset == 0 { clash = (existing, why) }
                    continue
                }
                target = (id, "same key '\(candidate)', agreeing title, authors and year", existing)
                break
            }
        }
        if let target {
            try merge(record, incoming: incoming, explicitKey: explicitKey, into: target)
            return
        }
        // A title-less entry with a key and something else to say (physics styles omit article titles)
        // is kept; one with neither a title nor a key cannot be named and is refused.
        let hasOtherData = !incoming.authors.isEmpty || incoming.venue != nil || !incoming.identifiers.isEmpty
        guard !incoming.normalizedTitle.isEmpty || (explicitKey != nil && hasOtherData) else {
            summary.works.rejected += 1
            error(at: record.location, "work \(explicitKey ?? "without key") has no title and matches no stored work; skipped")
            return
        }
        if let explicitKey, index.isKeyTaken(explicitKey) {
            var suffix = 1
            var derived = explicitKey
            repeat { suffix += 1; derived = "\(explicitKey)-\(Self.letters(suffix))" } while index.isKeyTaken(derived)
            let first = clash.map { "'\($0.existing.title)' (\($0.existing.source ?? "?"))" } ?? "another work"
            warn(at: record.location, "key '\(explicitKey)' already names \(first); this record "
                 + "('\(record.title)', \(record.location.file):\(record.location.line)) is a different work"
                 + (clash.map { " (\($0.why))" } ?? "") + "; stored as '\(derived)'")
            incoming.key = derived
        } else {
            incoming.key = explicitKey ?? uniqueDerivedKey(family: record.authors.first?.family, year: record.year,
                                                           title: record.title)
        }
        let id = try works.insert(incoming)
        index.register(id: id, row: incoming)
        addedThisRun.insert(id)
        summary.works.added += 1
    }

    /// Merges `incoming` into a stored work: nothing is erased, differing values are kept as conflicts, the
    /// record's key stays usable as an alias, and a record from another source is named in a note.
    private func merge(_ record: WorkRecord, incoming: WorkRow, explicitKey: String?,
                       into target: (id: Int64, rule: String, existing: WorkRow)) throws(KnowledgeBaseError) {
        let (id, rule, existing) = target
        // The same record read again (same file, same key): its values are the newer ones.
        let sameRecord = existing.sourceFile != nil && existing.sourceFile == incoming.sourceFile
            && existing.isAuthoritative == incoming.isAuthoritative
            && (existing.source == incoming.source
                || explicitKey.map { $0 == existing.key || existing.key.hasPrefix($0 + "-") } ?? false)
        // A newer version of the same record, a bibliographic record over a page or a stub win.
        // A curated record over one imported from a user's file: the corpus's values, key and status win
        // (a work it verifies must show the values it verified).
        let curatedOverImport = incoming.isCurated && existing.isImported
        let incomingWins = existing.isStub || (incoming.isAuthoritative && !existing.isAuthoritative) || sameRecord
            || curatedOverImport
        var (merged, conflicts) = existing.merged(with: incoming, incomingWins: incomingWins)
        var renamedFrom: String?
        if let explicitKey, explicitKey != existing.key,
           existing.isStub || (!existing.isAuthoritative && incoming.isAuthoritative) || curatedOverImport,
           !index.isKeyTaken(explicitKey) {
            merged.key = explicitKey
            renamedFrom = existing.key
        }
        if merged != existing {
            try works.update(id: id, from: existing, to: merged)
            index.register(id: id, row: merged, previous: existing)
            if !addedThisRun.contains(id) { summary.works.updated += 1 }
        } else if !addedThisRun.contains(id) {
            summary.works.unchanged += 1
        }
        let source = incoming.source ?? "\(record.location.file):\(record.location.line)"
        if let renamedFrom {
            try works.addAlias(renamedFrom, workID: id, reason: "renamed", source: existing.source ?? source)
            index.registerAlias(renamedFrom, id: id)
        } else if let explicitKey, explicitKey != merged.key, !index.isKeyTaken(explicitKey) {
            try works.addAlias(explicitKey, workID: id, reason: "merged", source: source)
            index.registerAlias(explicitKey, id: id)
        }
        guard !sameRecord, !existing.isStub else { return }
        try works.recordMerge(workID: id, source: source, key: explicitKey, rule: rule)
        // Two bibliographic entries under different keys for one work is worth a warning (a duplicate).
        let duplicate = existing.isAuthoritative && incoming.isAuthoritative && explicitKey != nil && explicitKey != merged.key
        let message = "'\(explicitKey ?? record.title)' merged into '\(merged.key)' (\(existing.source ?? "stored work")): \(rule)"
        if duplicate { warn(at: record.location, message + "; '\(merged.key)' keeps its values") }
        else { note(at: record.location, message) }
        for conflict in conflicts {
            try works.recordConflict(conflict, workID: id)
            warn(at: record.location, "work '\(merged.key)': \(conflict.field) differs between sources; kept "
                 + "'\(Self.clipped(conflict.kept))' (\(conflict.keptSource ?? "?")), also recorded "
                 + "'\(Self.clipped(conflict.other))' (\(conflict.otherSource))")
        }
    }

    /// "file:line" back to a location.
    static func location(of source: String?) -> SourceLocation? {
        guard let source, let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) else { return nil }
        return SourceLocation(file: String(source[..<colon]), line: line)
    }

    private static func clipped(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "…"
    }

    func note(at location: SourceLocation, _ message: String) {
        summary.diagnostics.append(Diagnostic(.note, at: location, message))
    }

    func uniqueDerivedKey(family: String?, year: Int?, title: String) -> String {
        let base = DedupKeys.derivedKey(family: family, year: year, title: title)
        var candidate = base
        var suffix = 0
        while index.isKeyTaken(candidate) {
            suffix += 1
            candidate = base + Self.letters(suffix)
        }
        return candidate
    }

    /// 1 → "a", 26 → "z", 27 → "aa".
    static func letters(_ n: Int) -> String {
        var n = n
        var out = ""
        while n > 0 {
            n -= 1
            out = String(UnicodeScalar(UInt8(97 + n % 26))) + out
            n /= 26
        }
        return out
    }

    /// The work a reference names; an unknown reference with a title becomes a stub work.
    /// Returns nil (after an error diagnostic) when it names nothing known and has no title.
    func resolveOrCreate(_ reference: WorkReference, at location: SourceLocation, what: String)
        throws(KnowledgeBaseError) -> Int64?
    {
        if let id = index.resolve(WorkIndex.Probe(reference: reference)) { return id }
        guard let title = reference.title.nonEmpty, !DedupKeys.title(title).isEmpty else {
            let name = reference.key ?? reference.doi ?? reference.arxiv ?? "(no key, identifier or title)"
            error(at: location, "\(what) names unknown work \(name); add it to the bibliography or give its title")
            return nil
        }
        var key = reference.key.nonEmpty ?? ""
        if key.isEmpty || index.isKeyTaken(key) {
            key = uniqueDerivedKey(family: reference.firstAuthorFamily, year: reference.year, title: title)
        }
        let stub = WorkRow(reference: reference, title: title, key: key, location: location)
        let id = try works.insert(stub)
        index.register(id: id, row: stub)
        addedThisRun.insert(id)
        summary.works.added += 1
        return id
    }

    // MARK: full-text index

    /// Refills search_documents and rebuilds the FTS5 index once (no per-row triggers).
    private func rebuildSearchIndex() throws(KnowledgeBaseError) {
        try connection.execute("""
            DELETE FROM search_documents;
            INSERT INTO search_documents (kind, ref, title, body, people)
                SELECT 'work', w.key, w.title, coalesce(w.abstract, ''),
                       coalesce((SELECT group_concat(name, '; ') FROM (
                           SELECT a.display_name AS name FROM work_authors wa JOIN authors a ON a.id = wa.author_id
                           WHERE wa.work_id = w.id ORDER BY wa.position)), '')
                FROM works w ORDER BY w.id;
            INSERT INTO search_documents (kind, ref, title, body, people)
                SELECT 'passage', w.key, d.title, p.text, coalesce(p.author, '')
                FROM passages p JOIN documents d ON d.id = p.document_id JOIN works w ON w.id = d.work_id
                ORDER BY p.id;
            INSERT INTO search_documents (kind, ref, title, body, people)
                SELECT 'claim', c.id, c.title || ' (' || replace(c.id, '-', ' ') || ')',
                       c.statement || coalesce((SELECT ' ' || group_concat(h.text, ' ') FROM claim_hypotheses h
                                                WHERE h.claim_id = c.id), ''),
                       coalesce((SELECT group_concat(cs.locator, '; ') FROM claim_sources cs
                                 WHERE cs.claim_id = c.id), '')
                FROM claims c ORDER BY c.id;
            INSERT INTO search_index (search_index) VALUES ('rebuild');
            """)
    }
}
