import Literature

/// What one ingest run did, per kind of record, plus every diagnostic (parsers' and the store's).
public struct IngestSummary: Sendable, Hashable, Codable {
    /// Counts for one kind of record.
    public struct Counts: Sendable, Hashable, Codable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected = 0

        public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0, rejected: Int = 0) {
            self.added = added
            self.updated = updated
            self.unchanged = unchanged
            self.rejected = rejected
        }

        /// True when nothing was added or updated.
        public var isUnchanged: Bool { added == 0 && updated == 0 }
    }

    public var files = 0
    public var works = Counts()
    public var citations = Counts()
    public var documents = Counts()
    public var claims = Counts()
    public var diagnostics: [Diagnostic] = []

    public init() {}

    /// True when any input had an error (exit status 1).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// True when the database was not modified.
    public var changedNothing: Bool {
        works.isUnchanged && citations.isUnchanged && documents.isUnchanged && claims.isUnchanged
    }

    /// Human-readable lines, one per kind.
    public var lines: [String] {
        func line(_ name: String, _ c: Counts) -> String {
            "\(name): \(c.added) added, \(c.updated) updated, \(c.unchanged) unchanged, \(c.rejected) rejected"
        }
        return [line("works", works), line("citations", citations), line("documents", documents),
                line("claims", claims)]
    }
}
