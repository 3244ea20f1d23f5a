import XCTest
import CSQLite
@testable import KnowledgeBase

final class SchemaTests: XCTestCase {
    /// <repo>/schema.sql, found from this file's path (…/Tests/KnowledgeBaseTests/SchemaTests.swift).
    private var schemaURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schema.sql")
    }

    func testEmbeddedSchemaIsByteIdenticalToSchemaSQL() throws {
        let onDisk = try Data(contentsOf: schemaURL)
        XCTAssertFalse(onDisk.isEmpty)
        XCTAssertEqual(Array(onDisk), Array(EmbeddedSchema.sql.utf8),
                       "schema.sql and EmbeddedSchema.swift differ: run scripts/embed-schema")
    }

    func testForeignKeysAreEnforced() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        XCTAssertEqual(try Fixtures.count(kb, "PRAGMA foreign_keys"), 1)
        XCTAssertThrowsError(try kb.connection.execute(
            "INSERT INTO citations (citing_id, cited_id, provenance) VALUES (998, 999, 'x')")) { error in
            XCTAssertTrue("\(error)".contains("FOREIGN KEY"), "\(error)")
        }
    }

    func testJournalIsWALAndVersionIsRecorded() throws {
        let path = Fixtures.temporaryDatabasePath()
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.connection.query("PRAGMA journal_mode") { $0.text(0) }.first, "wal")
        // schema.sql, then the ingest-provenance block (issue 9), then the built-in checks (issue 14)
        XCTAssertEqual(try kb.schemaVersion(), 3)
        XCTAssertEqual(KnowledgeBase.supportedSchemaVersion, 3)
        // Every table the schema promises is there, including the FTS5 index.
        let names = Set(try kb.connection.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.text(0) })
        for table in ["works", "authors", "work_authors", "identifiers", "citations", "documents", "passages",
                      "document_repairs", "claims", "claim_hypotheses", "claim_tags", "claim_sources", "checks",
                      "verification_runs", "search_index", "claim_machine_forms"] {
            XCTAssertTrue(names.contains(table), "missing table \(table)")
        }
    }

    func testReopeningDoesNotReapplyTheSchema() throws {
        let path = Fixtures.temporaryDatabasePath()
        _ = try KnowledgeBase(path: path)
        XCTAssertEqual(try KnowledgeBase(path: path).schemaVersion(), 3)
    }

    func testNewerSchemaVersionIsAClearError() throws {
        let path = Fixtures.temporaryDatabasePath()
        try KnowledgeBase(path: path).connection.execute("PRAGMA user_version = 7")
        XCTAssertThrowsError(try KnowledgeBase(path: path)) { error in
            XCTAssertEqual(error as? KnowledgeBaseError, .newerSchema(path: path, found: 7, known: 3))
            XCTAssertTrue("\(error)".contains("upgrade nnid"))
        }
    }

    func testMissingDatabaseForReadersIsAClearError() {
        XCTAssertThrowsError(try KnowledgeBase(path: "/nonexistent/dir/x.sqlite", createIfMissing: false)) { error in
            XCTAssertEqual(error as? KnowledgeBaseError, .missingDatabase(path: "/nonexistent/dir/x.sqlite"))
        }
    }
}
