// The SQLite store: schema, ingest, queries, full-text search, exports. The only module that speaks SQL.
import CSQLite
import Foundation
import Literature

/// An open knowledge base (one SQLite file). Use it from one task at a time.
public final class KnowledgeBase {
    let connection: SQLiteConnection

    /// The database file path.
    public var path: String { connection.path }

    /// Opens (and, unless `createIfMissing` is false, creates) the database and migrates it to the
    /// current schema. Foreign keys are enforced and the journal is in WAL mode.
    public init(path: String, createIfMissing: Bool = true) throws(KnowledgeBaseError) {
        if !createIfMissing, path != ":memory:", !FileManager.default.fileExists(atPath: path) {
            throw .missingDatabase(path: path)
        }
        connection = try SQLiteConnection(path: path, createIfMissing: createIfMissing)
        try connection.execute("PRAGMA foreign_keys = ON")
        _ = try connection.query("PRAGMA journal_mode = WAL") { $0.text(0) }
        try connection.execute("PRAGMA synchronous = NORMAL")
        try Migrations.apply(to: connection)
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    public func schemaVersion() throws(KnowledgeBaseError) -> Int {
        try Migrations.currentVersion(of: connection)
    }

    /// The newest schema version this binary knows.
    public static var supportedSchemaVersion: Int { Migrations.latestVersion }
}
