// Method (a): the raw C API as nnid's own layer uses it — two prepared statements reused for every
// row, values bound in place with sqlite3_bind_*, then sqlite3_step and sqlite3_reset.
import CSQLiteBench

/// An SQLite failure with the code and message of the connection.
struct SQLiteFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "sqlite error \(code): \(message)" }
}

/// A minimal owner of one sqlite3 connection.
final class RawConnection {
    let handle: OpaquePointer

    init(path: String) throws {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteFailure(code: code, message: message)
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    func check(_ code: Int32, _ expected: Int32 = SQLITE_OK) throws {
        if code != expected { throw SQLiteFailure(code: code, message: String(cString: sqlite3_errmsg(handle))) }
    }

    /// Runs SQL that may hold several statements (rows, as from PRAGMA journal_mode, are discarded).
    func execute(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil))
    }

    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "empty SQL") }
        return statement
    }

    /// The single text of a one-row, one-column query.
    func text(_ sql: String) throws -> String {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        try check(sqlite3_step(statement), SQLITE_ROW)
        return sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? ""
    }

    /// The single integer of a one-row, one-column query.
    func scalar(_ sql: String) throws -> Int64 {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        try check(sqlite3_step(statement), SQLITE_ROW)
        return sqlite3_column_int64(statement, 0)
    }
}

/// The pragmas nnid sets on open (KnowledgeBase.swift), applied to every method alike.
let connectionPragmas = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"

func insertWithRawCAPI(_ rows: [WorkRow], path: String) throws {
    let connection = try RawConnection(path: path)
    try connection.execute(connectionPragmas)
    try connection.execute(benchmarkSchema)
    let insertWork = try connection.prepare(insertWorkSQL)
    let insertAuthor = try connection.prepare(insertAuthorSQL)
    defer { sqlite3_finalize(insertWork); sqlite3_finalize(insertAuthor) }

    try connection.execute("BEGIN IMMEDIATE")
    for row in rows {
        sqlite3_reset(insertWork)
        sqlite3_clear_bindings(insertWork)
        try bindText(insertWork, 1, row.key, connection)
        try bindText(insertWork, 2, row.title, connection)
        try connection.check(sqlite3_bind_int64(insertWork, 3, row.year))
        if let venue = row.venue { try bindText(insertWork, 4, venue, connection) }
        if let doi = row.doi { try bindText(insertWork, 5, doi, connection) }
        try connection.check(sqlite3_step(insertWork), SQLITE_DONE)
        let workID = sqlite3_last_insert_rowid(connection.handle)

        for (offset, name) in row.authors.enumerated() {
            sqlite3_reset(insertAuthor)
            try connection.check(sqlite3_bind_int64(insertAuthor, 1, workID))
            try connection.check(sqlite3_bind_int64(insertAuthor, 2, Int64(offset + 1)))
            try bindText(insertAuthor, 3, name, connection)
            try connection.check(sqlite3_step(insertAuthor), SQLITE_DONE)
        }
    }
    sqlite3_reset(insertWork)
    sqlite3_reset(insertAuthor)
    try connection.execute("COMMIT")
}

/// Binds a Swift string the way nnid does: explicit UTF-8 length, SQLite copies the bytes.
private func bindText(_ statement: OpaquePointer, _ index: Int32, _ value: String, _ connection: RawConnection) throws {
    try connection.check(sqlite3_bind_text(statement, index, value, Int32(value.utf8.count), bench_sqlite_transient()))
}

/// Row counts of a finished database, read with the raw API so that every method is checked alike.
func countRows(path: String) throws -> (works: Int64, authors: Int64, orphans: Int64, journal: String) {
    let connection = try RawConnection(path: path)
    return (try connection.scalar("SELECT count(*) FROM works"),
            try connection.scalar("SELECT count(*) FROM work_authors"),
            try connection.scalar("SELECT count(*) FROM work_authors WHERE work_id NOT IN (SELECT id FROM works)"),
            try connection.text("PRAGMA journal_mode"))
}
