// Opening a database file for reading or for writing, with every refusal decided before a write.
import CSQLite
import Foundation

extension KnowledgeBase {
    static func openForReading(path: String, wait: LockWait) throws(KnowledgeBaseError) -> SQLiteConnection {
        if path != ":memory:" {
            guard FileManager.default.fileExists(atPath: path) else { throw .missingDatabase(path: path) }
            guard let header = try DatabaseFileHeader.read(path: path) else { throw .emptyDatabase(path: path) }
            try refuseForeignMark(header, path: path)
        }
        do {
            return try checkedReader(path: path, immutable: false, wait: wait)
        } catch let error where needsImmutableReader(error, path: path) {
            // A WAL database in a directory we cannot write: SQLite cannot create the shared-memory file,
            // and no writer can be active there (it would need to create the -wal file too).
            return try checkedReader(path: path, immutable: true, wait: wait)
        }
    }

    private static func checkedReader(path: String, immutable: Bool, wait: LockWait)
        throws(KnowledgeBaseError) -> SQLiteConnection
    {
        let connection = try SQLiteConnection(path: path, mode: .readOnly(immutable: immutable), wait: wait)
        // No PRAGMA query_only: the graph selection needs TEMP tables, and a read-only open already
        // keeps the file itself unchanged.
        try damageAsCorrupt(path: path) { () throws(KnowledgeBaseError) in try Migrations.checkForReading(connection) }
        return connection
    }

    private static func needsImmutableReader(_ error: KnowledgeBaseError, path: String) -> Bool {
        guard case .sqlite(let code, _, _) = error, code & 0xFF == SQLITE_READONLY || code & 0xFF == SQLITE_CANTOPEN
        else { return false }
        let directory = (path as NSString).deletingLastPathComponent
        let walFile = path + "-wal"
        let walIsEmpty = ((try? FileManager.default.attributesOfItem(atPath: walFile)[.size] as? Int) ?? 0) == 0
        return access(directory.isEmpty ? "." : directory, W_OK) != 0 && walIsEmpty
    }

    /// `initializeEmpty: false` refuses an empty file (0 bytes, or SQLite's without tables) instead of
    /// creating the schema in it.
    static func openForWriting(path: String, create: Bool, initializeEmpty: Bool = true, wait: LockWait)
        throws(KnowledgeBaseError) -> SQLiteConnection
    {
        if path != ":memory:" {
            let exists = FileManager.default.fileExists(atPath: path)
            if !exists && !create { throw .missingDatabase(path: path) }
            if exists {
                if let header = try DatabaseFileHeader.read(path: path) {
                    try refuseForeignMark(header, path: path)
                } else if !initializeEmpty {
                    throw .emptyDatabase(path: path)
                }
            }
            try refuseUnwritable(path: path, exists: exists)
        }
        let connection = try SQLiteConnection(path: path, mode: .readWrite(create: create), wait: wait)
        if connection.isReadOnly { throw .readOnlyDatabase(path: path, reason: "the file is not writable") }
        try damageAsCorrupt(path: path) { () throws(KnowledgeBaseError) in
            // A new database is switched to WAL (readers then never wait for a writer); outside the
            // transaction, as SQLite requires. An existing file keeps the journal mode it has.
            if try Migrations.prepareForWriting(connection, initializeEmpty: initializeEmpty), path != ":memory:" {
                _ = try connection.retryingWhileLocked { () throws(KnowledgeBaseError) in
                    try connection.query("PRAGMA journal_mode = WAL") { $0.text(0) }
                }
            }
        }
        return connection
    }

    /// A foreign application_id already in the file header: refuse without letting SQLite open it.
    private static func refuseForeignMark(_ header: DatabaseFileHeader, path: String) throws(KnowledgeBaseError) {
        let mark = header.applicationID
        if mark != 0 && mark != DatabaseIdentity.applicationID {
            throw .foreignDatabase(path: path, reason: "its application_id is \(DatabaseIdentity.hex(mark)), "
                + "nnid's is \(DatabaseIdentity.hex(DatabaseIdentity.applicationID))")
        }
    }

    /// SQLite writes the file and a journal beside it: both must be writable.
    private static func refuseUnwritable(path: String, exists: Bool) throws(KnowledgeBaseError) {
        let directory = (path as NSString).deletingLastPathComponent
        if exists && access(path, W_OK) != 0 {
            throw .readOnlyDatabase(path: path, reason: "the file is not writable")
        }
        if access(directory.isEmpty ? "." : directory, W_OK) != 0 {
            throw .readOnlyDatabase(path: path, reason: "its directory \(directory.isEmpty ? "." : directory) is not "
                + "writable (SQLite keeps its journal there)")
        }
    }

    /// SQLite's "not a database" and "malformed" become `.corruptDatabase` with SQLite's words.
    private static func damageAsCorrupt(path: String, _ body: () throws(KnowledgeBaseError) -> Void)
        throws(KnowledgeBaseError)
    {
        do {
            try body()
        } catch let error {
            if case .sqlite(let code, let message, _) = error, KnowledgeBaseError.isDamage(code) {
                throw .corruptDatabase(path: path, reason: "SQLite: \(message)")
            }
            throw error
        }
    }
}
