// Migration step for the deduction block (issue 11): the same statement as schema.sql's "deduction"
// section, idempotent, so fresh databases (which already ran schema.sql) and older ones end up equal.

enum DeductionMigration {
    static let sql = """
        CREATE TABLE IF NOT EXISTS claim_machine_forms (
            claim_id TEXT PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
            form     TEXT NOT NULL CHECK (json_valid(form))
        ) WITHOUT ROWID;
        """
}
