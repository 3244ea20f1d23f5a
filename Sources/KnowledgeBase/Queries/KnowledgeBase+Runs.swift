extension KnowledgeBase {
    /// The built-in check that `nnid analyze` records its runs under (schema.sql creates it; no claim uses it).
    public static let networkAnalysisCheckID = "network-analysis"

    /// Stores a verification run (its check is registered if unknown) and returns its id.
    @discardableResult
    public func recordRun(_ run: VerificationRun) throws(KnowledgeBaseError) -> Int64 {
        try recordRuns([run])[0]
    }

    /// Stores `runs` in one transaction (all or none) and returns their ids in order. A sweep records
    /// its runs in batches through this: one transaction per run would cost a disk sync each.
    @discardableResult
    public func recordRuns(_ runs: [VerificationRun]) throws(KnowledgeBaseError) -> [Int64] {
        guard !runs.isEmpty else { return [] }
        return try connection.transaction { () throws(KnowledgeBaseError) -> [Int64] in
            let validJSON = try connection.prepare("SELECT json_valid(?)")
            let claimExists = try connection.prepare("SELECT 1 FROM claims WHERE id = ?")
            let insertCheck = try connection.prepare("INSERT OR IGNORE INTO checks (id) VALUES (?)")
            let insertRun = try connection.prepare("""
                INSERT INTO verification_runs (claim_id, check_id, parameters, status, metrics, controls,
                    nnid_version, started_at, duration_ms, origin, assertions, notes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var knownClaims: Set<String> = [], knownChecks: Set<String> = []
            var ids: [Int64] = []
            ids.reserveCapacity(runs.count)
            for run in runs {
                // The CHECK constraints would refuse bad JSON too, but without saying which field.
                for (name, json) in [("parameters", run.parametersJSON), ("metrics", run.metricsJSON),
                                     ("controls", run.controlsJSON), ("assertions", run.assertionsJSON),
                                     ("notes", run.notesJSON)] {
                    if try validJSON.first([.text(json)], { $0.bool(0) }) != true {
                        throw .invalidValue("verification run of \(run.checkID): \(name) is not valid JSON: \(json.prefix(80))")
                    }
                }
                if let claimID = run.claimID, !knownClaims.contains(claimID) {
                    guard try claimExists.first([.text(claimID)], { _ in true }) == true else {
                        throw .invalidValue("unknown claim \(claimID): ingest the corpus first (`nnid ingest`)")
                    }
                    knownClaims.insert(claimID)
                }
                if knownChecks.insert(run.checkID).inserted { try insertCheck.run([.text(run.checkID)]) }
                try insertRun.run([SQLValue(run.claimID), .text(run.checkID), .text(run.parametersJSON),
                                   .text(run.status.rawValue), .text(run.metricsJSON), .text(run.controlsJSON),
                                   .text(run.nnidVersion), .text(run.startedAt), .integer(Int64(run.durationMilliseconds)),
                                   .text(run.origin.rawValue), .text(run.assertionsJSON), .text(run.notesJSON)])
                ids.append(connection.lastInsertRowID)
            }
            return ids
        }
    }

    /// Recorded runs, oldest first; only those of `claimID` and of `origin` when given.
    public func runs(claimID: String? = nil, origin: RunOrigin? = nil) throws(KnowledgeBaseError) -> [VerificationRun] {
        try connection.query("""
            SELECT \(Self.runColumns) FROM verification_runs
            WHERE (?1 IS NULL OR claim_id = ?1) AND (?2 IS NULL OR origin = ?2) ORDER BY id
            """, [SQLValue(claimID), SQLValue(origin?.rawValue)], Self.verificationRun)
    }

    /// The run with this id, if any.
    public func run(id: Int64) throws(KnowledgeBaseError) -> VerificationRun? {
        try connection.query("SELECT \(Self.runColumns) FROM verification_runs WHERE id = ?", [.integer(id)],
                             Self.verificationRun).first
    }

    private static let runColumns = """
        id, claim_id, check_id, parameters, status, metrics, controls, nnid_version, started_at, duration_ms,
        origin, assertions, notes
        """

    private static func verificationRun(_ r: Row) -> VerificationRun {
        VerificationRun(id: r.int64(0), claimID: r.optionalText(1), checkID: r.text(2), parametersJSON: r.text(3),
                        status: RunStatus(rawValue: r.text(4)) ?? .error, metricsJSON: r.text(5),
                        controlsJSON: r.text(6), nnidVersion: r.text(7), startedAt: r.text(8),
                        durationMilliseconds: r.int(9), origin: RunOrigin(rawValue: r.text(10)) ?? .verify,
                        assertionsJSON: r.text(11), notesJSON: r.text(12))
    }
}
