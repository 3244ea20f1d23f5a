// Whose file is this? nnid marks its databases with PRAGMA application_id and counts its schema
// migrations in PRAGMA user_version; anything else is another program's file and is left untouched.
import CSQLite
import Foundation

/// What an SQLite file is, as far as nnid is concerned.
enum DatabaseOwnership: Equatable {
    /// No tables, user_version 0 and application_id 0: a new file nnid may turn into its database.
    case empty
    /// Marked as nnid's, at this schema version.
    case nnid(version: Int)
    /// nnid's tables and a schema version but no mark: written before nnid marked its files (0.1.0).
    case unmarkedNNID(version: Int)
    /// Another program's database.
    case foreign(reason: String)
}

enum DatabaseIdentity {
    /// "nnid" in ASCII, stored in the SQLite header (offset 68) by PRAGMA application_id.
    static let applicationID: Int32 = 0x6E6E_6964

    /// Tables every nnid schema since version 1 has; an unmarked file with all of them is an old nnid file.
    static let signatureTables: Set<String> = ["works", "authors", "citations", "claims", "verification_runs"]

    /// Reads the mark, the version and the table names (reads only).
    static func inspect(_ connection: SQLiteConnection) throws(KnowledgeBaseError) -> DatabaseOwnership {
        let application = try connection.query("PRAGMA application_id") { Int32(truncatingIfNeeded: $0.int64(0)) }
            .first ?? 0
        let version = try Migrations.currentVersion(of: connection)
        let tables = Set(try connection.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.text(0) })
        if application == applicationID { return .nnid(version: version) }
        if application != 0 {
            return .foreign(reason: "its application_id is \(hex(application)), nnid's is \(hex(applicationID))")
        }
        if tables.isEmpty && version == 0 { return .empty }
        if version >= 1 && signatureTables.isSubset(of: tables) { return .unmarkedNNID(version: version) }
        if tables.isEmpty { return .foreign(reason: "it has no tables but user_version \(version)") }
        let names = tables.sorted().prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "")
        return .foreign(reason: "it has tables (\(names)) and no nnid mark")
    }

    static func hex(_ value: Int32) -> String {
        "0x" + String(UInt32(bitPattern: value), radix: 16, uppercase: true)
    }
}

/// The first 100 bytes of an SQLite file (https://www.sqlite.org/fileformat2.html#the_database_header),
/// read with plain file I/O so that a file which is not nnid's is judged before SQLite opens it.
struct DatabaseFileHeader {
    static let magic = Array("SQLite format 3\0".utf8)

    let bytes: [UInt8]

    /// nil when the file is empty (SQLite treats a 0-byte file as a new database).
    static func read(path: String) throws(KnowledgeBaseError) -> DatabaseFileHeader? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "the file cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 100)) ?? Data()
        if data.isEmpty { return nil }
        let bytes = [UInt8](data)
        guard bytes.count == 100, Array(bytes[0..<16]) == magic else {
            throw .corruptDatabase(path: path, reason: "it does not start with the SQLite header")
        }
        return DatabaseFileHeader(bytes: bytes)
    }

    private func bigEndian32(at offset: Int) -> Int32 {
        Int32(bitPattern: bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    /// PRAGMA application_id as last checkpointed into the file.
    var applicationID: Int32 { bigEndian32(at: 68) }
}
