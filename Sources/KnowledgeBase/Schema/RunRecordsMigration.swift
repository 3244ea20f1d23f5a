/// Migration 2: citation edges can be acknowledged anomalies; verification runs record where they came from (show, verify, analyze, sweep), their
/// assertions and notes, and the `not-applicable` outcome. SQLite cannot change a CHECK constraint in
/// place, so the table is rebuilt with the same ids.
enum RunRecordsMigration {
    static let sql = """
        CREATE TABLE verification_runs_v2 (
            id           INTEGER PRIMARY KEY,
            claim_id     TEXT    REFERENCES claims (id) ON DELETE SET NULL,
            check_id     TEXT    NOT NULL REFERENCES checks (id),
            parameters   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(parameters)),
            status       TEXT    NOT NULL CHECK (status IN ('passed', 'failed', 'inconclusive', 'not-applicable', 'error')),
            metrics      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(metrics)),
            controls     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(controls)),
            nnid_version TEXT    NOT NULL,
            started_at   TEXT    NOT NULL,
            duration_ms  INTEGER NOT NULL,
            origin       TEXT    NOT NULL DEFAULT 'verify' CHECK (origin IN ('show', 'verify', 'analyze', 'sweep')),
            assertions   TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(assertions)),
            notes        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(notes))
        );
        INSERT INTO verification_runs_v2 (id, claim_id, check_id, parameters, status, metrics, controls, nnid_version,
                                          started_at, duration_ms)
            SELECT id, claim_id, check_id, parameters, status, metrics, controls, nnid_version, started_at, duration_ms
            FROM verification_runs;
        DROP TABLE verification_runs;
        ALTER TABLE verification_runs_v2 RENAME TO verification_runs;
        CREATE INDEX verification_runs_claim ON verification_runs (claim_id);
        CREATE INDEX verification_runs_check ON verification_runs (check_id);
        CREATE INDEX verification_runs_origin ON verification_runs (origin);
        ALTER TABLE citations ADD COLUMN acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1));
        """
}
