// Schema versions: PRAGMA user_version counts the migrations applied. Migration 1 is schema.sql.
// Later schema changes append a migration here (and edit schema.sql so a fresh database gets the same).

enum Migrations {
    /// Migration i+1 is `all[i]`; each runs in its own transaction with the version bump.
    static let all: [String] = [EmbeddedSchema.sql, DeductionMigration.sql]

    /// The newest schema version this binary knows.
    static var latestVersion: Int { all.count }

    /// Brings the database up to `latestVersion`; refuses a database from a newer binary.
    static func apply(to connection: SQLiteConnection) throws(KnowledgeBaseError) {
        let found = try currentVersion(of: connection)
        if found > latestVersion {
            throw .newerSchema(path: connection.path, found: found, known: latestVersion)
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
