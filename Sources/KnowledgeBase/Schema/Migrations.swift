// Schema versions: PRAGMA user_version counts the migrations applied. Migration 1 is the first released
// schema; later schema changes append a migration here AND edit schema.sql. A fresh database runs
// schema.sql (the newest schema) and is stamped with the latest version; an older one runs the steps it
// lacks, so both end with the same tables.

enum Migrations {
    /// Migration i+1 is `all[i]`; each runs in its own transaction with the version bump.
    /// Migration 2 gathers the schema changes of one release; each part is its own piece.
    static let all: [String] = [EmbeddedSchema.sql,
                                [RunRecordsMigration.sql, DeductionMigration.sql, ingestProvenance].joined(separator: "\n")]

    /// The ingest-provenance part of migration 2 (issue 9): the block at the end of schema.sql — aliases,
    /// merges, field conflicts, contributors (CREATE … IF NOT EXISTS).
    static var ingestProvenance: String {
        let sql = EmbeddedSchema.sql
        guard let start = sql.range(of: "-- BEGIN ingest provenance"),
              let end = sql.range(of: "-- END ingest provenance") else { return "" }
        return String(sql[start.lowerBound..<end.upperBound])
    }

    /// The newest schema version this binary knows.
    static var latestVersion: Int { all.count }

    /// Brings the database up to `latestVersion`; refuses a database from a newer binary.
    static func apply(to connection: SQLiteConnection) throws(KnowledgeBaseError) {
        let found = try currentVersion(of: connection)
        if found > latestVersion {
            throw .newerSchema(path: connection.path, found: found, known: latestVersion)
        }
        if found == 0 {
            try connection.transaction { () throws(KnowledgeBaseError) in
                try connection.execute(EmbeddedSchema.sql)
                try connection.execute("PRAGMA user_version = \(latestVersion)")
            }
            return
        }
        for version in found..<latestVersion {
            try connection.transaction { () throws(KnowledgeBaseError) in
                try connection.execute(all[version])
                try connection.execute("PRAGMA user_version = \(version + 1)")
            }
        }
    }

    static func currentVersion(of connection: SQLiteConnection) throws(KnowledgeBaseError) -> Int {
        try connection.query("PRAGMA user_version") { $0.int(0) }.first ?? 0
    }
}
