// Schema versions: PRAGMA user_version counts the migration steps applied. Step 1 is the schema of nnid
// 0.1.0. A later schema change appends one step to `steps` (SQL that brings version N to N+1) and edits
// schema.sql so that a fresh database gets the same; nothing else needs to change. A fresh database runs
// schema.sql alone (the newest schema) and is stamped with the latest version, so a step never has to
// cope with a schema that already has its change.

enum Migrations {
    /// Step i+1 is `steps[i]`.
    static let steps: [String] = [
        EmbeddedSchema.sql,   // 1: the schema of nnid 0.1.0 (a fresh database gets today's schema.sql instead)
        // 2: run records (origin, assertions, notes, not-applicable), acknowledged edges, claim machine
        //    forms, ingest provenance (aliases, merges, field conflicts, contributors).
        [RunRecordsMigration.sql, DeductionMigration.sql, ingestProvenance].joined(separator: "\n"),
        // 3: the built-in check `network-analysis`, which `nnid analyze` records its runs under (issue 14).
        builtInChecks,
    ]

    /// The ingest-provenance part of step 2 (issue 9): the block at the end of schema.sql — aliases,
    /// merges, field conflicts, contributors (CREATE … IF NOT EXISTS).
    static var ingestProvenance: String { schemaBlock("ingest provenance") }

    /// Step 3: the built-in checks block of schema.sql (an upsert, so it is the same statement either way).
    static var builtInChecks: String { schemaBlock("built-in checks") }

    /// The text of schema.sql from `-- BEGIN name` to `-- END name`, so a step and a fresh database run
    /// the same statements.
    private static func schemaBlock(_ name: String) -> String {
        let sql = EmbeddedSchema.sql
        guard let start = sql.range(of: "-- BEGIN \(name)"),
              let end = sql.range(of: "-- END \(name)") else { return "" }
        return String(sql[start.lowerBound..<end.upperBound])
    }

    /// The newest schema version this binary knows.
    static var latestVersion: Int { steps.count }

    /// Makes the file an up-to-date nnid database: creates the schema in an empty file, migrates an older
    /// one, marks an unmarked one. Runs inside one BEGIN IMMEDIATE transaction, where ownership and version
    /// are read too, so two first runs at once cannot both create the schema. Refuses other programs'
    /// files and newer schemas without writing anything.
    /// Returns true when this call created the schema in an empty file; with `initializeEmpty: false` an
    /// empty file is refused (`.emptyDatabase`) instead.
    @discardableResult
    static func prepareForWriting(_ connection: SQLiteConnection, steps: [String] = steps,
                                  initializeEmpty: Bool = true) throws(KnowledgeBaseError) -> Bool
    {
        try connection.transaction { () throws(KnowledgeBaseError) -> Bool in
            let found: Int, marked: Bool
            switch try DatabaseIdentity.inspect(connection) {
            case .foreign(let reason): throw .foreignDatabase(path: connection.path, reason: reason)
            case .empty:
                if !initializeEmpty { throw .emptyDatabase(path: connection.path) }
                (found, marked) = (0, false)
            case .unmarkedNNID(let version): (found, marked) = (version, false)
            case .nnid(let version): (found, marked) = (version, true)
            }
            if found > steps.count {
                throw .newerSchema(path: connection.path, found: found, known: steps.count)
            }
            if found == 0 {
                try connection.execute(steps[0])
            } else {
                for version in found..<steps.count { try connection.execute(steps[version]) }
            }
            if found < steps.count { try connection.execute("PRAGMA user_version = \(steps.count)") }
            if !marked { try connection.execute("PRAGMA application_id = \(DatabaseIdentity.applicationID)") }
            return found == 0
        }
    }

    /// Checks that a read-only command can use the file as it is (reads only).
    static func checkForReading(_ connection: SQLiteConnection, latestVersion: Int = latestVersion)
        throws(KnowledgeBaseError)
    {
        let version: Int
        switch try DatabaseIdentity.inspect(connection) {
        case .foreign(let reason): throw .foreignDatabase(path: connection.path, reason: reason)
        case .empty: throw .emptyDatabase(path: connection.path)
        case .nnid(let found), .unmarkedNNID(let found): version = found
        }
        if version > latestVersion { throw .newerSchema(path: connection.path, found: version, known: latestVersion) }
        if version < latestVersion { throw .olderSchema(path: connection.path, found: version, known: latestVersion) }
    }

    static func currentVersion(of connection: SQLiteConnection) throws(KnowledgeBaseError) -> Int {
        try connection.query("PRAGMA user_version") { $0.int(0) }.first ?? 0
    }
}
