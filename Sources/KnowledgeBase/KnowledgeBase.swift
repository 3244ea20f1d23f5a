// The SQLite store: schema, ingest, queries, full-text search, exports. The only module that speaks SQL.
import CSQLite
import Foundation
import Literature

/// What a command does with the database.
public enum DatabaseAccess: Sendable, Equatable {
    /// Only reads: the file is opened read-only and never changed (no schema, no journal-mode switch).
    case read
    /// Writes: creates the file when `createIfMissing`, creates or migrates the schema, uses WAL.
    case write(createIfMissing: Bool)
    /// Writes only into a database nnid already made: a missing or empty file is refused (nothing is
    /// created), an older schema is migrated. For commands whose writing is a side effect (`analyze`).
    case writeExisting
}

/// An open knowledge base (one SQLite file). Use it from one task at a time.
public final class KnowledgeBase {
    let connection: SQLiteConnection

    /// The database file path.
    public var path: String { connection.path }

    /// Opens the database for `access`. A writer creates (if allowed), marks and migrates it in one
    /// transaction and switches it to WAL; a reader only checks that it is a current nnid database. Other
    /// programs' files, damaged files and newer schemas are refused before anything is written.
    /// `wait` says how long to wait for another process's lock.
    public init(path: String, access: DatabaseAccess, wait: LockWait = .default) throws(KnowledgeBaseError) {
        switch access {
        case .read: connection = try Self.openForReading(path: path, wait: wait)
        case .write(let create): connection = try Self.openForWriting(path: path, create: create, wait: wait)
        case .writeExisting:
            connection = try Self.openForWriting(path: path, create: false, initializeEmpty: false, wait: wait)
        }
        try connection.execute("PRAGMA foreign_keys = ON")
        try connection.execute("PRAGMA synchronous = NORMAL")
        // A bulk ingest touches every index page; the 2 MB default cache made it spill to disk repeatedly.
        try connection.execute("PRAGMA cache_size = -\(Self.defaultCacheKiB)")
        try connection.execute("PRAGMA temp_store = MEMORY")
    }

    /// SQLite page cache of a connection, and of `ingest(files:)` while it bulk-loads (KiB).
    static let defaultCacheKiB = 65536
    static let ingestCacheKiB = 4096

    /// `createIfMissing: true` opens for writing (creating the file), `false` for reading only.
    public convenience init(path: String, createIfMissing: Bool = true) throws(KnowledgeBaseError) {
        try self.init(path: path, access: createIfMissing ? .write(createIfMissing: true) : .read)
    }

    /// False when the database was opened for reading only.
    public var isWritable: Bool { !connection.isReadOnly }

    /// The schema version of the open database (`PRAGMA user_version`).
    public func schemaVersion() throws(KnowledgeBaseError) -> Int {
        try Migrations.currentVersion(of: connection)
    }

    /// The newest schema version this binary knows.
    public static var supportedSchemaVersion: Int { Migrations.latestVersion }
}
