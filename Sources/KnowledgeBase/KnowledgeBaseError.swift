/// Everything that can go wrong in the store, each with a message that says what to do.
public enum KnowledgeBaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The database does not exist and the command only reads.
    case missingDatabase(path: String)
    /// The database was written by a newer nnid whose schema this binary does not know.
    case newerSchema(path: String, found: Int, known: Int)
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
}
