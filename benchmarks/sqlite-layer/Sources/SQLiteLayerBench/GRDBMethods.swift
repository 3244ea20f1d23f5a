// Methods (b) and (c): GRDB with reused statements, and GRDB records. Same pragmas, schema and
// one write transaction as the raw method.
import GRDB

/// A GRDB queue on a fresh file with nnid's pragmas (GRDB itself turns foreign keys on by default).
private func openQueue(path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
    }
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.write { db in try db.execute(sql: benchmarkSchema) }
    return queue
}

func insertWithGRDBStatements(_ rows: [WorkRow], path: String) throws {
    let queue = try openQueue(path: path)
    try queue.write { db in
        let insertWork = try db.makeStatement(sql: insertWorkSQL)
        let insertAuthor = try db.makeStatement(sql: insertAuthorSQL)
        for row in rows {
            try insertWork.execute(arguments: [row.key, row.title, row.year, row.venue, row.doi])
            let workID = db.lastInsertedRowID
            for (offset, name) in row.authors.enumerated() {
                try insertAuthor.execute(arguments: [workID, offset + 1, name])
            }
        }
    }
}

/// A `works` row as a GRDB record; the id is filled in after insertion.
struct WorkRecord: Codable, MutablePersistableRecord {
    static let databaseTableName = "works"
    var id: Int64?
    var key: String
    var title: String
    var year: Int64
    var venue: String?
    var doi: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A `work_authors` row as a GRDB record.
struct WorkAuthorRecord: Codable, PersistableRecord {
    static let databaseTableName = "work_authors"
    var workID: Int64
    var position: Int
    var name: String

    enum CodingKeys: String, CodingKey {
        case workID = "work_id", position, name
    }
}

func insertWithGRDBRecords(_ rows: [WorkRow], path: String) throws {
    let queue = try openQueue(path: path)
    try queue.write { db in
        for row in rows {
            var work = WorkRecord(id: nil, key: row.key, title: row.title, year: row.year, venue: row.venue, doi: row.doi)
            try work.insert(db)
            guard let workID = work.id else { throw SQLiteFailure(code: 0, message: "no id after insert") }
            for (offset, name) in row.authors.enumerated() {
                try WorkAuthorRecord(workID: workID, position: offset + 1, name: name).insert(db)
            }
        }
    }
}
