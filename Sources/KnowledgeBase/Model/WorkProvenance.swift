// What the ingest recorded about where a work's data came from (issue 9): other keys, merges, conflicts,
// and contributors in roles other than author.
import Literature

/// Everything recorded about the sources of one work.
public struct WorkProvenance: Sendable, Hashable, Codable {
    /// Another key that names the work: `reason` is "merged" (a merged record's key) or "renamed".
    public struct Alias: Sendable, Hashable, Codable {
        public var alias: String
        public var reason: String
        public var source: String
    }

    /// A record merged into the work and the rule that matched it ("same DOI 10.1/x").
    public struct Merge: Sendable, Hashable, Codable {
        public var source: String
        public var key: String?
        public var rule: String
    }

    /// A value two sources disagree on: the one kept and the other, each with its file:line.
    public struct Conflict: Sendable, Hashable, Codable {
        public var field: String
        public var keptValue: String
        public var keptSource: String?
        public var otherValue: String
        public var otherSource: String

        enum CodingKeys: String, CodingKey {
            case field, keptValue = "kept_value", keptSource = "kept_source", otherValue = "other_value",
                 otherSource = "other_source"
        }
    }

    public var key: String
    public var source: String?
    public var aliases: [Alias]
    public var merges: [Merge]
    public var conflicts: [Conflict]
    public var contributors: [Contributor]
}
