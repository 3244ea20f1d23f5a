import CSQLite
import Literature
import Foundation
import XCTest
@testable import KnowledgeBase

/// Issue 10, item 3: nnid writes only to its own databases, readers never write, creation and migration
/// are one transaction, and every refusal is its own error. Every input file is made here.
final class DatabaseOwnershipTests: XCTestCase {
    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func siblings(_ path: String) -> [String] {
        let dir = (path as NSString).deletingLastPathComponent
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// A file made with SQLite directly, as another program would (rollback journal, its own tables).
    private func foreignDatabase(applicationID: Int32 = 0, journal: String = "DELETE") throws -> String {
        let path = Fixtures.temporaryDatabasePath()
        let other = try SQLiteConnection(path: path, mode: .readWrite(create: true))
        _ = try other.query("PRAGMA journal_mode = \(journal)") { $0.text(0) }
        try other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'x');")
        if applicationID != 0 { try other.execute("PRAGMA application_id = \(applicationID)") }
        return path
    }

    func testForeignDatabaseIsRefusedAndItsBytesStayTheSame() throws {
        for (mark, journal) in [(Int32(0), "DELETE"), (Int32(0x4750_4B47), "DELETE"), (Int32(0), "WAL")] {
            let path = try foreignDatabase(applicationID: mark, journal: journal)
            let before = try bytes(path)
            let filesBefore = siblings(path)
            for access in [DatabaseAccess.read, .write(createIfMissing: true), .write(createIfMissing: false)] {
                XCTAssertThrowsError(try KnowledgeBase(path: path, access: access)) { error in
                    guard case .foreignDatabase(let reported, _)? = error as? KnowledgeBaseError else {
                        return XCTFail("\(access) on a foreign file: \(error)")
                    }
                    XCTAssertEqual(reported, path)
                    XCTAssertEqual((error as? KnowledgeBaseError)?.exitStatus, 3)
                }
            }
            XCTAssertEqual(try bytes(path), before, "the foreign file (mark \(mark), \(journal)) was changed")
            XCTAssertEqual(siblings(path), filesBefore, "journal files appeared next to the foreign file")
            let check = try SQLiteConnection(path: path, mode: .readOnly(immutable: false))
            XCTAssertEqual(try check.query("PRAGMA journal_mode") { $0.text(0) }.first, journal.lowercased())
        }
    }

    func testNotADatabaseAndDamagedDatabaseAreCorrupt() throws {
        let text = Fixtures.temporaryDatabasePath()
        try Data("these are notes, not a database\n".utf8).write(to: URL(fileURLWithPath: text))
        // A real nnid database whose page 2 onwards is overwritten with garbage.
        let damaged = Fixtures.temporaryDatabasePath()
        do {
            let kb = try KnowledgeBase(path: damaged)
            _ = try kb.connection.query("PRAGMA journal_mode = DELETE") { $0.text(0) }
        }
        var data = try bytes(damaged)
        let pageSize = 4096
        for index in pageSize..<min(data.count, pageSize * 8) { data[index] = UInt8(truncatingIfNeeded: index &* 131) }
        try data.write(to: URL(fileURLWithPath: damaged))
        for path in [text, damaged] {
            let before = try bytes(path)
            for access in [DatabaseAccess.read, .write(createIfMissing: true)] {
                XCTAssertThrowsError(try KnowledgeBase(path: path, access: access).works(search: nil)) { error in
                    let kbError = error as? KnowledgeBaseError
                    XCTAssertEqual(kbError?.exitStatus, 4, "\(error)")
                    XCTAssertTrue("\(error)".contains("damaged"), "\(error)")
                    XCTAssertFalse("\(error)".contains("nnid ingest` first"), "\(error)")
                }
            }
            XCTAssertEqual(try bytes(path), before)
        }
    }

    func testEmptyFileIsNewForWritersAndEmptyForReaders() throws {
        let path = Fixtures.temporaryDatabasePath()
        FileManager.default.createFile(atPath: path, contents: Data())
        XCTAssertThrowsError(try KnowledgeBase(path: path, access: .read)) { error in
            XCTAssertEqual(error as? KnowledgeBaseError, .emptyDatabase(path: path))
        }
        XCTAssertEqual(try bytes(path).count, 0, "a reader wrote to the empty file")
        let kb = try KnowledgeBase(path: path, access: .write(createIfMissing: true))
        XCTAssertEqual(try kb.connection.query("PRAGMA application_id") { $0.int64(0) }.first,
                       Int64(DatabaseIdentity.applicationID))
        XCTAssertEqual(try kb.schemaVersion(), Migrations.latestVersion)
    }

    func testReadersNeverWrite() throws {
        // An nnid database left in rollback-journal mode: a reader must not switch it to WAL or touch it.
        let path = Fixtures.temporaryDatabasePath()
        do {
            let kb = try KnowledgeBase(path: path)
            _ = try kb.ingest([(path: "a.bib", result: ParseResult(works: [Fixtures.work("K1", "A title")]))])
            _ = try kb.connection.query("PRAGMA journal_mode = DELETE") { $0.text(0) }
        }
        let before = try bytes(path)
        let filesBefore = siblings(path)
        let reader = try KnowledgeBase(path: path, access: .read)
        XCTAssertEqual(try reader.works(search: nil).map(\.key), ["K1"])
        XCTAssertFalse(reader.isWritable)
        XCTAssertThrowsError(try reader.connection.execute("DELETE FROM works"))
        XCTAssertEqual(try bytes(path), before)
        XCTAssertEqual(siblings(path), filesBefore)
        XCTAssertEqual(try reader.connection.query("PRAGMA journal_mode") { $0.text(0) }.first, "delete")
    }

    func testNewerSchemaIsRefusedByReadersAndWriters() throws {
        let path = Fixtures.temporaryDatabasePath()
        try KnowledgeBase(path: path).connection.execute("PRAGMA user_version = 99")
        let before = try bytes(path)
        for access in [DatabaseAccess.read, .write(createIfMissing: true)] {
            XCTAssertThrowsError(try KnowledgeBase(path: path, access: access)) { error in
                XCTAssertEqual(error as? KnowledgeBaseError,
                               .newerSchema(path: path, found: 99, known: Migrations.latestVersion))
                XCTAssertEqual((error as? KnowledgeBaseError)?.exitStatus, 5)
            }
        }
        XCTAssertEqual(try bytes(path), before)
    }

    /// The schema of nnid 0.1.0 (git show e514302:schema.sql), as a test fixture.
    private var previousReleaseSchema: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/schema-0.1.0.sql")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    /// A database as nnid 0.1.0 wrote it: its schema, user_version 1, no application_id, one work.
    private func previousReleaseDatabase() throws -> String {
        let path = Fixtures.temporaryDatabasePath()
        let old = try SQLiteConnection(path: path, mode: .readWrite(create: true))
        _ = try old.query("PRAGMA journal_mode = WAL") { $0.text(0) }
        try old.execute(try previousReleaseSchema)
        try old.execute("PRAGMA user_version = 1")
        try old.execute("INSERT INTO works (key, title, normalized_title, year, created_at, updated_at) VALUES ('Old19', 'An old title', 'an old title', 2019, '2026-01-01', '2026-01-01')")
        return path
    }

    func testPreviousReleaseDatabaseIsAdoptedAndKeepsItsData() throws {
        let path = try previousReleaseDatabase()
        // A reader refuses the older schema without touching it (0.1.0 is one step behind) and says how to
        // upgrade; the file stays unmarked.
        XCTAssertThrowsError(try KnowledgeBase(path: path, access: .read)) { error in
            XCTAssertEqual(error as? KnowledgeBaseError,
                           .olderSchema(path: path, found: 1, known: Migrations.latestVersion))
        }
        let check = try SQLiteConnection(path: path, mode: .readOnly(immutable: false))
        XCTAssertEqual(try check.query("PRAGMA application_id") { $0.int64(0) }.first, 0)
        // A writer migrates and marks it and keeps the data; readers then accept it.
        let kb = try KnowledgeBase(path: path, access: .write(createIfMissing: false))
        XCTAssertEqual(try KnowledgeBase(path: path, access: .read).works(search: nil).map(\.key), ["Old19"])
        XCTAssertEqual(try kb.connection.query("PRAGMA application_id") { $0.int64(0) }.first,
                       Int64(DatabaseIdentity.applicationID))
        XCTAssertEqual(try kb.works(search: nil).map(\.title), ["An old title"])
    }

    func testOlderSchemaMigratesForwardInOneTransaction() throws {
        let path = try previousReleaseDatabase()
        let connection = try SQLiteConnection(path: path, mode: .readWrite(create: false))
        let steps = Migrations.steps + ["ALTER TABLE works ADD COLUMN language TEXT; UPDATE works SET language = 'en';"]
        // A reader of a newer binary (one more step) refuses to use the older file and says how to upgrade.
        XCTAssertThrowsError(try Migrations.checkForReading(connection, latestVersion: steps.count)) { error in
            XCTAssertEqual(error as? KnowledgeBaseError, .olderSchema(path: path, found: 1, known: steps.count))
            XCTAssertEqual((error as? KnowledgeBaseError)?.exitStatus, 6)
            XCTAssertTrue("\(error)".contains("nnid migrate"))
        }
        // A failing step leaves the file exactly as it was: version, mark and tables.
        XCTAssertThrowsError(try Migrations.prepareForWriting(connection, steps: Migrations.steps + ["ALTER TABLE nope ADD x"]))
        XCTAssertEqual(try Migrations.currentVersion(of: connection), 1)
        XCTAssertEqual(try connection.query("PRAGMA application_id") { $0.int64(0) }.first, 0)
        // The real migration: applied once, data kept and transformed, the file marked.
        try Migrations.prepareForWriting(connection, steps: steps)
        XCTAssertEqual(try Migrations.currentVersion(of: connection), steps.count)
        XCTAssertEqual(try connection.query("SELECT key, language FROM works") { "\($0.text(0)) \($0.text(1))" }, ["Old19 en"])
        try Migrations.prepareForWriting(connection, steps: steps)   // already current: nothing to do
        XCTAssertEqual(try Migrations.currentVersion(of: connection), steps.count)
        XCTAssertNoThrow(try Migrations.checkForReading(connection, latestVersion: steps.count))
    }

    func testWriterWaitsForAnotherWriterThenGivesUpWithLocked() throws {
        let path = Fixtures.temporaryDatabasePath()
        let holder = try KnowledgeBase(path: path)
        try holder.connection.execute("BEGIN IMMEDIATE")
        let announced = Announcements()
        let started = Date()
        XCTAssertThrowsError(try KnowledgeBase(path: path, access: .write(createIfMissing: true),
                                               wait: LockWait(seconds: 0.8) { _ in announced.add() })) { error in
            XCTAssertEqual(error as? KnowledgeBaseError, .locked(path: path, waitedSeconds: 0.8))
            XCTAssertEqual((error as? KnowledgeBaseError)?.exitStatus, 8)
        }
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 0.8)
        XCTAssertLessThan(waited, 5)
        XCTAssertEqual(announced.count, 1, "the wait is announced exactly once")
        try holder.connection.execute("COMMIT")
        XCTAssertNoThrow(try KnowledgeBase(path: path, access: .write(createIfMissing: true), wait: LockWait(seconds: 0)))
    }

}

private final class Announcements: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
