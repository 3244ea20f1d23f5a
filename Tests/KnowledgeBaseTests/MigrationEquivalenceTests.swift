import Foundation
import XCTest
@testable import KnowledgeBase

/// A database written by nnid 0.1.0 and migrated forward has exactly the tables, columns (types, defaults,
/// NOT NULL, keys) and indexes of a fresh database: every migration step matches its edit of schema.sql.
final class MigrationEquivalenceTests: XCTestCase {
    private func shape(_ connection: SQLiteConnection) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        let tables = try connection.query("""
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
              AND name NOT LIKE 'search_index_%' ORDER BY name
            """) { $0.text(0) }
        for table in tables {
            out[table] = try connection.query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)",
                                              [.text(table)]) {
                "\($0.text(0)) \($0.text(1)) \($0.int(2)) \($0.optionalText(3) ?? "-") \($0.int(4))"
            }.sorted()
        }
        out["indexes"] = try connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name") { $0.text(0) }
        return out
    }

    func testMigratedOldDatabaseHasTheFreshSchema() throws {
        let old = Fixtures.temporaryDatabasePath()
        let legacy = try SQLiteConnection(path: old, mode: .readWrite(create: true))
        let v1 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schema-0.1.0.sql")
        try legacy.execute(try String(contentsOf: v1, encoding: .utf8))
        try legacy.execute("PRAGMA user_version = 1")
        try legacy.execute("""
            INSERT INTO checks (id) VALUES ('c');
            INSERT INTO verification_runs (check_id, status, nnid_version, started_at, duration_ms)
                VALUES ('c', 'passed', '0.1.0', '2026-01-01T00:00:00Z', 5);
            """)
        let migrated = try KnowledgeBase(path: old)
        let fresh = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        XCTAssertEqual(try migrated.schemaVersion(), try fresh.schemaVersion())
        let a = try shape(migrated.connection), b = try shape(fresh.connection)
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        for key in b.keys.sorted() { XCTAssertEqual(a[key], b[key], key) }
        // The old run survives, with the defaults of the new columns.
        let runs = try migrated.runs()
        XCTAssertEqual(runs.map(\.origin), [.verify])
        XCTAssertEqual(runs.first?.durationMilliseconds, 5)
        // The widened CHECK constraint: a not-applicable run can be recorded in the migrated file.
        XCTAssertNoThrow(try migrated.recordRun(VerificationRun(claimID: nil, checkID: "c", status: .notApplicable,
                                                                nnidVersion: "0.2.0", startedAt: "2026-01-02T00:00:00Z",
                                                                durationMilliseconds: 1, origin: .sweep)))
    }

    /// Step 3 (issue 14) from a database built by the previous schema (nnid 0.2.0, version 2): the same
    /// shape as a fresh database, the built-in analysis check added, the old runs kept; audit does not
    /// count that check as one without a claim.
    func testVersionTwoDatabaseGainsTheBuiltInAnalysisCheck() throws {
        let old = Fixtures.temporaryDatabasePath()
        do {
            let legacy = try SQLiteConnection(path: old, mode: .readWrite(create: true))
            let v2 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/schema-0.2.0.sql")
            try legacy.execute(try String(contentsOf: v2, encoding: .utf8))
            try legacy.execute("""
                PRAGMA user_version = 2;
                PRAGMA application_id = \(DatabaseIdentity.applicationID);
                INSERT INTO checks (id) VALUES ('c');
                INSERT INTO verification_runs (check_id, status, nnid_version, started_at, duration_ms, origin)
                    VALUES ('c', 'passed', '0.2.0', '2026-01-01T00:00:00Z', 5, 'show');
                """)
            XCTAssertEqual(try legacy.query("SELECT count(*) FROM checks WHERE id = 'network-analysis'") { $0.int(0) }, [0])
        }
        let migrated = try KnowledgeBase(path: old)
        let fresh = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        XCTAssertEqual(try migrated.schemaVersion(), 3)
        let a = try shape(migrated.connection), b = try shape(fresh.connection)
        for key in b.keys.sorted() { XCTAssertEqual(a[key], b[key], key) }
        let builtIn = "SELECT id, description <> '' FROM checks WHERE id = 'network-analysis'"
        for base in [migrated, fresh] {
            XCTAssertEqual(try base.connection.query(builtIn) { "\($0.text(0)) \($0.bool(1))" }, ["network-analysis true"])
        }
        XCTAssertEqual(try migrated.runs().map(\.origin), [.show])
        let id = try migrated.recordRun(VerificationRun(claimID: nil, checkID: KnowledgeBase.networkAnalysisCheckID,
                                                        status: .inconclusive, nnidVersion: "0.2.0",
                                                        startedAt: "2026-01-02T00:00:00Z", durationMilliseconds: 1,
                                                        origin: .analyze))
        XCTAssertEqual(try migrated.runs(origin: .analyze).map(\.id), [id])
        let orphans = try fresh.audit().filter { $0.kind == .checkWithoutClaim }.map(\.subject)
        XCTAssertFalse(orphans.contains(KnowledgeBase.networkAnalysisCheckID), "\(orphans)")
    }

    /// Many runs in one call are one transaction: all are stored, with consecutive ids, or none.
    func testRecordRunsIsAllOrNothing() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        func run(_ parameters: String) -> VerificationRun {
            VerificationRun(claimID: nil, checkID: "c", parametersJSON: parameters, status: .passed, nnidVersion: "x",
                            startedAt: "2026-01-01T00:00:00Z", durationMilliseconds: 1, origin: .sweep)
        }
        let ids = try kb.recordRuns((1...3).map { run("{\"seed\": \($0)}") })
        XCTAssertEqual(ids, [ids[0], ids[0] + 1, ids[0] + 2])
        XCTAssertThrowsError(try kb.recordRuns([run("{}"), run("{not json")]))
        XCTAssertEqual(try kb.runs().count, 3)
    }
}
