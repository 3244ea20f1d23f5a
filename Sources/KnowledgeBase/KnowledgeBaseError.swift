/// Everything that can go wrong in the store, each with a message that says what to do.
public enum KnowledgeBaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The database does not exist and the command only reads.
    case missingDatabase(path: String)
    /// The database was written by a newer nnid whose schema this binary does not know.
    case newerSchema(path: String, found: Int, known: Int)
    /// The file exists but holds no nnid data yet (empty, or created and never written).
    case emptyDatabase(path: String)
    /// The file is not an SQLite database, or SQLite found it damaged.
    case corruptDatabase(path: String, reason: String)
    /// The file is an SQLite database that belongs to another program; nnid leaves it alone.
    case foreignDatabase(path: String, reason: String)
    /// The database has an older nnid schema, and the command only reads (so it may not migrate it).
    case olderSchema(path: String, found: Int, known: Int)
    /// A command that writes was given a database it may not write (file or directory not writable).
    case readOnlyDatabase(path: String, reason: String)
    /// Another process held the database lock for longer than the wait allowed.
    case locked(path: String, waitedSeconds: Double)
    /// SQLite reported an error; the transaction in progress was rolled back.
    case sqlite(code: Int32, message: String, sql: String)
    /// An input path given on the command line does not exist.
    case missingInput(path: String)
    /// An input file could not be read.
    case unreadableInput(path: String, reason: String)
    /// A value handed to the store is malformed (for example JSON that does not parse).
    case invalidValue(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open database \(path): \(reason) (check the path and its permissions, or pass --db)"
        case .missingDatabase(let path):
            return "no database at \(path): run `nnid ingest` first, or pass --db / set NNID_DB"
        case .newerSchema(let path, let found, let known):
            return "database \(path) has schema version \(found), but this nnid knows only up to \(known): "
                + "upgrade nnid, or ingest into a new database with --db"
        case .emptyDatabase(let path):
            return "database \(path) holds no nnid data yet: run `nnid ingest` first, or pass --db / set NNID_DB"
        case .corruptDatabase(let path, let reason):
            return "database \(path) is damaged or not an SQLite database (\(reason)); nnid did not change it: "
                + "restore it from a backup, or ingest into a new database with --db"
        case .foreignDatabase(let path, let reason):
            return "\(path) is an SQLite database of another program (\(reason)); nnid will not read or change it: "
                + "pass --db with an nnid database or a new file name"
        case .olderSchema(let path, let found, let known):
            return "database \(path) has schema version \(found) and this nnid uses \(known); a read-only command "
                + "does not upgrade it: run `nnid migrate --db \(path)` (or any ingest) first"
        case .readOnlyDatabase(let path, let reason):
            return "cannot write database \(path): \(reason); read-only commands (works, search, export, …) "
                + "still work, or pass --db with a writable location"
        case .locked(let path, let seconds):
            return "database \(path) is still locked by another process after waiting \(Self.seconds(seconds)); "
                + "try again when it has finished, or wait longer with --wait SECONDS"
        case .sqlite(let code, let message, let sql) where Self.isDamage(code):
            let statement = sql.split(separator: "\n").first.map(String.init) ?? sql
            return "database is damaged: error \(code): \(message) (in: \(statement.prefix(120))); "
                + "restore it from a backup, or ingest into a new database with --db"
        case .sqlite(let code, let message, let sql):
            let statement = sql.split(separator: "\n").first.map(String.init) ?? sql
            return "database error \(code): \(message) (in: \(statement.prefix(120))); nothing was changed"
        case .missingInput(let path):
            return "no such file or directory: \(path)"
        case .unreadableInput(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidValue(let message):
            return message
        }
    }

    /// SQLITE_CORRUPT or SQLITE_NOTADB, with or without an extended code.
    static func isDamage(_ code: Int32) -> Bool { code & 0xFF == 11 || code & 0xFF == 26 }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// The process exit status for this error (README, "Exit statuses"): 1 for input and general errors,
    /// 3–8 for the database conditions a script may want to tell apart.
    public var exitStatus: Int32 {
        switch self {
        case .foreignDatabase: return 3
        case .corruptDatabase: return 4
        case .sqlite(let code, _, _) where Self.isDamage(code): return 4
        case .newerSchema: return 5
        case .olderSchema: return 6
        case .readOnlyDatabase: return 7
        case .sqlite(let code, _, _) where code & 0xFF == 8: return 7   // SQLITE_READONLY
        case .locked: return 8
        default: return 1
        }
    }
}
