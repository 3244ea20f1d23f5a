import XCTest
import Literature
@testable import KnowledgeBase

/// Migration 2 (ingest provenance) brings a database made by the previous schema forward, keeping its data.
final class ProvenanceMigrationTests: XCTestCase {
    func testVersionOneDatabaseGainsTheProvenanceTables() throws {
        let path = Fixtures.temporaryDatabasePath()
        // The previous release's schema (nnid 0.1.0), at version 1.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schema-0.1.0.sql")
        let old = try String(contentsOf: fixture, encoding: .utf8)
        do {
            let connection = try SQLiteConnection(path: path, mode: .readWrite(create: true))
            try connection.execute(old)
            try connection.execute("""
                INSERT INTO works (key, title, normalized_title, created_at, updated_at)
                VALUES ('OLD1', 'Kept across the migration', 'kept across the migration', 'x', 'x');
                PRAGMA user_version = 1;
                """)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), Migrations.latestVersion)   // through every later step too
        for table in ["work_aliases", "work_merges", "field_conflicts", "work_contributors"] {
            XCTAssertEqual(try Fixtures.count(kb, "SELECT count(*) FROM sqlite_master WHERE name = '\(table)'"), 1, table)
        }
        XCTAssertEqual(try kb.work(key: "OLD1")?.title, "Kept across the migration")
        // And the migrated database works for the new features.
        _ = try kb.ingest([(path: "b.bib", result: BibTeXParser.parse(
            "@article{OLD1, title = {Something else entirely}, author = {Roe, R.}, year = 2001}\n", file: "b.bib"))])
        XCTAssertEqual(try kb.allWorks().map(\.key), ["OLD1", "OLD1-b"])
    }
}
