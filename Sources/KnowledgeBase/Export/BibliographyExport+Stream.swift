// The whole base's bibliography, streamed: works, their authors and their identifiers are read from
// three queries sorted by key, walked side by side, and each entry is written as soon as it is complete,
// so memory stays flat however large the base (like the graph export).
import Literature

extension KnowledgeBase {
    /// Writes every work (sorted by key) in `format` to `output` without loading the base; returns the
    /// number of entries. Same text as `exportBibliography(format:to:)` with no selection.
    @discardableResult
    public func streamBibliography(format: BibliographyFormat, to output: ExportOutput) throws(ExportError) -> Int {
        var writer = BibliographyExport.EntryWriter(format: format, output: output)
        try storeQuery { () throws(KnowledgeBaseError) in
            try forEachBibliographyEntry { writer.add($0) }
        }
        writer.finish()
        try output.finish()
        return writer.count
    }

    /// Calls `body` with each work's entry, in key order; rows are read one at a time.
    func forEachBibliographyEntry(_ body: (BibliographyEntry) -> Void) throws(KnowledgeBaseError) {
        let works = try connection.prepare("""
            SELECT key, kind, title, year, month, venue, volume, issue, pages, publisher, abstract, verified,
                   unverified_fields, is_stub FROM works ORDER BY key
            """)
        let authors = try connection.prepare("""
            SELECT w.key, a.given, a.particle, a.family, a.suffix, a.is_corporate, a.display_name FROM work_authors wa
            JOIN authors a ON a.id = wa.author_id JOIN works w ON w.id = wa.work_id ORDER BY w.key, wa.position
            """)
        let identifiers = try connection.prepare("""
            SELECT w.key, i.scheme, i.value FROM identifiers i JOIN works w ON w.id = i.work_id
            ORDER BY w.key, i.scheme, i.value
            """)
        for statement in [works, authors, identifiers] { statement.begin() }
        // Each side query is one row ahead; its rows for a work follow each other (same order as works).
        var authorPending = try authors.advance()
        var identifierPending = try identifiers.advance()
        while try works.advance() {
            let r = works.row
            let key = r.text(0)
            var work = WorkSummary(
                key: key, kind: r.text(1), title: r.text(2), authors: [], year: r.optionalInt(3),
                month: r.optionalInt(4), venue: r.optionalText(5), volume: r.optionalText(6), issue: r.optionalText(7),
                pages: r.optionalText(8), publisher: r.optionalText(9), abstract: r.optionalText(10), doi: nil,
                arxiv: nil, otherIdentifiers: [:], verified: r.bool(11),
                unverifiedFields: JSONText.decodeStrings(r.text(12)), cites: [], citedBy: [], isStub: r.bool(13))
            var names: [PersonName] = []
            while authorPending, authors.row.text(0) == key {
                let a = authors.row
                names.append(PersonName(given: a.text(1), particle: a.text(2), family: a.text(3), suffix: a.text(4),
                                        isCorporate: a.bool(5)))
                work.authors.append(a.text(6))
                authorPending = try authors.advance()
            }
            while identifierPending, identifiers.row.text(0) == key {
                let i = identifiers.row
                let scheme = i.text(1), value = i.text(2)
                switch scheme {
                case "doi": work.doi = value
                case "arxiv": work.arxiv = value
                default: work.otherIdentifiers[scheme] = work.otherIdentifiers[scheme].map { $0 + " " + value } ?? value
                }
                identifierPending = try identifiers.advance()
            }
            body(BibliographyEntry(work: work, authors: names))
        }
        for statement in [authors, identifiers] { statement.begin() }   // resets them
    }
}
