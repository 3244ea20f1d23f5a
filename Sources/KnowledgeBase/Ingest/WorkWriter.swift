// SQL for works during an ingest run: prepared once, reused for every record.
import Foundation
import Literature

final class WorkWriter {
    private let connection: SQLiteConnection
    private let timestamp: String
    private var authorIDs: [String: Int64] = [:]
    private let insertWork, updateWork, selectWork, selectAuthors, insertAuthor, insertWorkAuthor,
        deleteWorkAuthors, selectIdentifiers, insertIdentifier, deleteIdentifier, insertContributor,
        deleteContributors, selectContributors, insertAlias, insertMerge, insertConflict, selectTitle: Statement

    /// Identifiers another work already holds, reported as warnings by the caller.
    private(set) var identifierConflicts: [(key: String, identifier: WorkRow.Identifier, source: String?)] = []

    private static let columns = """
        key, kind, title, title_raw, year, month, venue, volume, issue, pages, publisher, abstract, verified,
        unverified_fields, note, is_stub, is_authoritative, normalized_title, first_author_family, source
        """

    init(connection: SQLiteConnection, timestamp: String) throws(KnowledgeBaseError) {
        self.connection = connection
        self.timestamp = timestamp
        insertWork = try connection.prepare("""
            INSERT INTO works (\(Self.columns), created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateWork = try connection.prepare("""
            UPDATE works SET key = ?, kind = ?, title = ?, title_raw = ?, year = ?, month = ?, venue = ?,
            volume = ?, issue = ?, pages = ?, publisher = ?, abstract = ?, verified = ?, unverified_fields = ?,
            note = ?, is_stub = ?, is_authoritative = ?, normalized_title = ?, first_author_family = ?,
            source = ?, updated_at = ? WHERE id = ?
            """)
        selectWork = try connection.prepare("SELECT \(Self.columns) FROM works WHERE id = ?")
        selectTitle = try connection.prepare("SELECT normalized_title FROM works WHERE id = ?")
        selectAuthors = try connection.prepare("""
            SELECT a.given, a.particle, a.family, a.suffix, a.is_corporate FROM work_authors wa
            JOIN authors a ON a.id = wa.author_id WHERE wa.work_id = ? ORDER BY wa.position
            """)
        insertAuthor = try connection.prepare(
            "INSERT INTO authors (display_name, given, particle, family, suffix, is_corporate) VALUES (?, ?, ?, ?, ?, ?)")
        insertWorkAuthor = try connection.prepare(
            "INSERT INTO work_authors (work_id, position, author_id) VALUES (?, ?, ?)")
        deleteWorkAuthors = try connection.prepare("DELETE FROM work_authors WHERE work_id = ?")
        selectIdentifiers = try connection.prepare("SELECT scheme, value FROM identifiers WHERE work_id = ?")
        insertIdentifier = try connection.prepare(
            "INSERT OR IGNORE INTO identifiers (work_id, scheme, value) VALUES (?, ?, ?)")
        deleteIdentifier = try connection.prepare(
            "DELETE FROM identifiers WHERE work_id = ? AND scheme = ? AND value = ?")
        insertContributor = try connection.prepare(
            "INSERT INTO work_contributors (work_id, role, position, author_id) VALUES (?, ?, ?, ?)")
        deleteContributors = try connection.prepare("DELETE FROM work_contributors WHERE work_id = ?")
        selectContributors = try connection.prepare("""
            SELECT wc.role, a.given, a.particle, a.family, a.suffix, a.is_corporate FROM work_contributors wc
            JOIN authors a ON a.id = wc.author_id WHERE wc.work_id = ? ORDER BY wc.role, wc.position
            """)
        insertAlias = try connection.prepare(
            "INSERT OR IGNORE INTO work_aliases (alias, work_id, reason, source) VALUES (?, ?, ?, ?)")
        insertMerge = try connection.prepare(
            "INSERT OR IGNORE INTO work_merges (work_id, source, key, rule) VALUES (?, ?, ?, ?)")
        insertConflict = try connection.prepare("""
            INSERT OR IGNORE INTO field_conflicts (work_id, field, kept_value, kept_source, other_value, other_source)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (name, id) in try connection.query("SELECT display_name, id FROM authors", [], { ($0.text(0), $0.int64(1)) }) {
            authorIDs[name] = id
        }
    }

    /// The match keys of every stored work.
    func loadIndex() throws(KnowledgeBaseError) -> WorkIndex {
        // The title index keeps no titles; it confirms a hash hit against the stored row.
        var index = WorkIndex { [selectTitle] id in try? selectTitle.first([.integer(id)], { $0.text(0) }) ?? nil }
        _ = try connection.prepare("SELECT id, key, normalized_title, first_author_family, year, is_stub FROM works ORDER BY id")
            .query([]) { row in
                index.registerLoaded(id: row.int64(0), key: row.text(1), normalizedTitle: row.text(2),
                                     family: row.optionalText(3), year: row.optionalInt(4), isStub: row.bool(5))
            }
        _ = try connection.prepare("""
            SELECT work_id, scheme, value FROM identifiers WHERE scheme IN ('doi', 'arxiv', 'mardi', 'zbmath') ORDER BY rowid
            """).query([]) { row in
                index.register(WorkRow.Identifier(scheme: row.text(1), value: row.text(2)), id: row.int64(0))
            }
        _ = try connection.prepare("SELECT alias, work_id FROM work_aliases").query([]) { row in
            index.registerAlias(row.text(0), id: row.int64(1))
        }
        return index
    }

    func read(id: Int64) throws(KnowledgeBaseError) -> WorkRow? {
        guard var row = try selectWork.first([.integer(id)], { r in
            WorkRow(key: r.text(0), kind: r.text(1), title: r.text(2), titleRaw: r.optionalText(3),
                    year: r.optionalInt(4), month: r.optionalInt(5), venue: r.optionalText(6),
                    volume: r.optionalText(7), issue: r.optionalText(8), pages: r.optionalText(9),
                    publisher: r.optionalText(10), abstract: r.optionalText(11), verified: r.bool(12),
                    unverifiedFields: JSONText.decodeStrings(r.text(13)), note: r.optionalText(14),
                    isStub: r.bool(15), isAuthoritative: r.bool(16), normalizedTitle: r.text(17),
                    firstAuthorFamily: r.optionalText(18), source: r.optionalText(19), authors: [], identifiers: [])
        }) else { return nil }
        row.authors = try selectAuthors.query([.integer(id)]) { r in
            PersonName(given: r.text(0), particle: r.text(1), family: r.text(2), suffix: r.text(3),
                       isCorporate: r.bool(4))
        }
        row.contributors = try selectContributors.query([.integer(id)]) { r in
            Contributor(role: r.text(0), name: PersonName(given: r.text(1), particle: r.text(2), family: r.text(3),
                                                          suffix: r.text(4), isCorporate: r.bool(5)))
        }
        row.identifiers = try selectIdentifiers.query([.integer(id)]) { r in
            WorkRow.Identifier(scheme: r.text(0), value: r.text(1))
        }.sorted()
        return row
    }

    /// Binds the 20 stored columns of `row` to parameters 1...20 of `statement` (INSERT and UPDATE alike).
    private func bindColumns(_ row: WorkRow, to statement: Statement) throws(KnowledgeBaseError) {
        statement.begin()
        try statement.bind(1, row.key)
        try statement.bind(2, row.kind)
        try statement.bind(3, row.title)
        try statement.bind(4, row.titleRaw)
        try statement.bind(5, row.year)
        try statement.bind(6, row.month)
        try statement.bind(7, row.venue)
        try statement.bind(8, row.volume)
        try statement.bind(9, row.issue)
        try statement.bind(10, row.pages)
        try statement.bind(11, row.publisher)
        try statement.bind(12, row.abstract)
        try statement.bind(13, row.verified)
        try statement.bind(14, JSONText.encode(row.unverifiedFields))
        try statement.bind(15, row.note)
        try statement.bind(16, row.isStub)
        try statement.bind(17, row.isAuthoritative)
        try statement.bind(18, row.normalizedTitle)
        try statement.bind(19, row.firstAuthorFamily)
        try statement.bind(20, row.source)
    }

    func insert(_ row: WorkRow) throws(KnowledgeBaseError) -> Int64 {
        try bindColumns(row, to: insertWork)
        try insertWork.bind(21, timestamp)
        try insertWork.bind(22, timestamp)
        try insertWork.step()
        let id = connection.lastInsertRowID
        try writeAuthors(row.authors, workID: id)
        try writeContributors(row.contributors, workID: id)
        try addIdentifiers(row.identifiers, workID: id, key: row.key, source: row.source)
        return id
    }

    func update(id: Int64, from old: WorkRow, to new: WorkRow) throws(KnowledgeBaseError) {
        try bindColumns(new, to: updateWork)
        try updateWork.bind(21, timestamp)
        try updateWork.bind(22, id)
        try updateWork.step()
        if old.authors != new.authors {
            try deleteWorkAuthors.run([.integer(id)])
            try writeAuthors(new.authors, workID: id)
        }
        if old.contributors != new.contributors {
            try deleteContributors.run([.integer(id)])
            try writeContributors(new.contributors, workID: id)
        }
        let oldIDs = Set(old.identifiers), newIDs = Set(new.identifiers)
        for gone in oldIDs.subtracting(newIDs).sorted() {
            try deleteIdentifier.run([.integer(id), .text(gone.scheme), .text(gone.value)])
        }
        try addIdentifiers(newIDs.subtracting(oldIDs).sorted(), workID: id, key: new.key, source: new.source)
    }

    /// Another key for a work; ignored when the alias is already recorded.
    func addAlias(_ alias: String, workID: Int64, reason: String, source: String) throws(KnowledgeBaseError) {
        try insertAlias.run([.text(alias), .integer(workID), .text(reason), .text(source)])
    }

    /// Which record was merged into a work and by which rule.
    func recordMerge(workID: Int64, source: String, key: String?, rule: String) throws(KnowledgeBaseError) {
        try insertMerge.run([.integer(workID), .text(source), key.map { .text($0) } ?? .null, .text(rule)])
    }

    func recordConflict(_ conflict: FieldConflict, workID: Int64) throws(KnowledgeBaseError) {
        try insertConflict.run([.integer(workID), .text(conflict.field), .text(conflict.kept),
                                conflict.keptSource.map { .text($0) } ?? .null, .text(conflict.other),
                                .text(conflict.otherSource)])
    }

    private func writeContributors(_ contributors: [Contributor], workID: Int64) throws(KnowledgeBaseError) {
        var positions: [String: Int64] = [:]
        for contributor in contributors {
            let authorID = try authorID(for: contributor.name)
            let position = (positions[contributor.role] ?? 0) + 1
            positions[contributor.role] = position
            try insertContributor.run([.integer(workID), .text(contributor.role), .integer(position), .integer(authorID)])
        }
    }

    private func authorID(for author: PersonName) throws(KnowledgeBaseError) -> Int64 {
        let name = author.displayName
        if let known = authorIDs[name] { return known }
        try insertAuthor.run([.text(name), .text(author.given), .text(author.particle), .text(author.family),
                              .text(author.suffix), SQLValue(author.isCorporate)])
        let id = connection.lastInsertRowID
        authorIDs[name] = id
        return id
    }

    private func writeAuthors(_ authors: [PersonName], workID: Int64) throws(KnowledgeBaseError) {
        for (offset, author) in authors.enumerated() {
            let authorID = try authorID(for: author)
            insertWorkAuthor.begin()
            try insertWorkAuthor.bind(1, workID)
            try insertWorkAuthor.bind(2, Int64(offset + 1))
            try insertWorkAuthor.bind(3, authorID)
            try insertWorkAuthor.step()
        }
    }

    private func addIdentifiers(_ identifiers: [WorkRow.Identifier], workID: Int64, key: String, source: String?)
        throws(KnowledgeBaseError)
    {
        for identifier in identifiers {
            insertIdentifier.begin()
            try insertIdentifier.bind(1, workID)
            try insertIdentifier.bind(2, identifier.scheme)
            try insertIdentifier.bind(3, identifier.value)
            try insertIdentifier.step()
            if connection.changes == 0 { identifierConflicts.append((key, identifier, source)) }
        }
    }
}

/// JSON text for the JSON columns (stable: sorted keys, no escaped slashes).
enum JSONText {
    static func encode(_ strings: [String]) -> String {
        strings.isEmpty ? "[]" : encodeValue(strings) ?? "[]"
    }

    static func encode(_ dictionary: [String: String]) -> String {
        encodeValue(dictionary) ?? "{}"
    }

    private static func encodeValue<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func decodeStrings(_ text: String) -> [String] {
        if text == "[]" { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func decodeDictionary(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
