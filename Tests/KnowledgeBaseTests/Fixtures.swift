import XCTest
import Literature
@testable import KnowledgeBase

/// Small builders for records, a fresh database per test, and a byte-level dump of every table.
enum Fixtures {
    static func temporaryDatabasePath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-kb-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("test.sqlite").path
    }

    static func work(_ key: String?, _ title: String, authors: [(String, String)] = [], year: Int? = nil,
                     doi: String? = nil, arxiv: String? = nil, venue: String? = nil, abstract: String? = nil,
                     unverified: [String] = [], file: String = "works.bib", line: Int = 1) -> WorkRecord {
        WorkRecord(key: key, kind: .article, title: title,
                   authors: authors.map { PersonName(given: $0.0, family: $0.1) }, year: year, venue: venue,
                   abstract: abstract, identifiers: WorkIdentifiers(doi: doi, arxiv: arxiv),
                   verified: unverified.isEmpty, unverifiedFields: unverified,
                   location: SourceLocation(file: file, line: line))
    }

    static func edge(_ citing: String, _ cited: String, line: Int, relation: String = "cites",
                     verified: Bool = true) -> CitationRecord {
        CitationRecord(citing: WorkReference(key: citing), cited: WorkReference(key: cited), relation: relation,
                       source: "test list", verified: verified,
                       location: SourceLocation(file: "citations.csv", line: line))
    }

    /// Every row of every table (virtual-table shadow tables included), as text.
    static func dump(_ kb: KnowledgeBase) throws -> String {
        let tables = try kb.connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        ) { $0.text(0) }
        var out = ""
        for table in tables {
            out += "## \(table)\n"
            let rows = try kb.connection.query("SELECT * FROM \"\(table)\"") { row in
                (0..<row.columnCount).map { "\(row.value($0))" }.joined(separator: " | ")
            }
            out += rows.joined(separator: "\n") + "\n"
        }
        return out
    }

    static func count(_ kb: KnowledgeBase, _ sql: String) throws -> Int {
        try kb.connection.query(sql) { $0.int(0) }.first ?? -1
    }
}
