// SQL for claim cards: a claim and its hypotheses, tags and sources are replaced together when changed.
import Foundation
import Deduction
import Literature

final class ClaimWriter {
    struct Source: Equatable {
        var workID: Int64
        var locator: String
        var note: String?
    }

    /// Everything stored about one claim, comparable with what is already there.
    struct Content: Equatable {
        var id: String
        var title: String
        var statement: String
        var depth: String?
        var checkID: String
        var verified: Bool
        var defaultsJSON: String
        var source: String
        var hypotheses: [String]
        /// (kind, value), sorted.
        var tags: [[String]]
        var sources: [Source]
        /// The `deduction:` block as JSON (claim_machine_forms), nil when the card has none.
        var machineFormJSON: String?

        init(claim: ClaimCardRecord, sources: [Source]) {
            machineFormJSON = claim.machineForm.flatMap(Self.json)
            id = claim.id
            title = claim.title
            statement = claim.statement
            depth = claim.depth.nonEmpty
            checkID = claim.check
            verified = claim.verified
            defaultsJSON = JSONText.encode(claim.defaults)
            source = claim.location.description
            hypotheses = claim.hypotheses
            var tags = Set<[String]>()
            for value in claim.architectures { tags.insert(["architecture", value]) }
            for value in claim.activations { tags.insert(["activation", value]) }
            if let depth = claim.depth.nonEmpty { tags.insert(["depth", depth]) }
            self.tags = tags.sorted { $0.lexicographicallyPrecedes($1) }
            self.sources = sources
        }

        init(id: String, title: String, statement: String, depth: String?, checkID: String, verified: Bool,
             defaultsJSON: String, source: String) {
            self.id = id
            self.title = title
            self.statement = statement
            self.depth = depth
            self.checkID = checkID
            self.verified = verified
            self.defaultsJSON = defaultsJSON
            self.source = source
            hypotheses = []
            tags = []
            sources = []
        }

        static func json(_ form: MachineForm) -> String? {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(form)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    enum Outcome { case added, updated, unchanged }

    private let connection: SQLiteConnection
    private let selectClaim, selectHypotheses, selectTags, selectSources, insertCheck, insertClaim, updateClaim,
        deleteHypotheses, deleteTags, deleteSources, insertHypothesis, insertTag, insertSource: Statement
    private let selectMachineForm, deleteMachineForm, insertMachineForm: Statement

    init(connection: SQLiteConnection) throws(KnowledgeBaseError) {
        self.connection = connection
        selectClaim = try connection.prepare(
            "SELECT title, statement, depth, check_id, verified, defaults, source FROM claims WHERE id = ?")
        selectHypotheses = try connection.prepare(
            "SELECT text FROM claim_hypotheses WHERE claim_id = ? ORDER BY position")
        selectTags = try connection.prepare("SELECT kind, value FROM claim_tags WHERE claim_id = ? ORDER BY kind, value")
        selectSources = try connection.prepare(
            "SELECT work_id, locator, note FROM claim_sources WHERE claim_id = ? ORDER BY position")
        insertCheck = try connection.prepare("INSERT OR IGNORE INTO checks (id) VALUES (?)")
        insertClaim = try connection.prepare("""
            INSERT INTO claims (title, statement, depth, check_id, verified, defaults, source, id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateClaim = try connection.prepare("""
            UPDATE claims SET title = ?, statement = ?, depth = ?, check_id = ?, verified = ?, defaults = ?,
            source = ? WHERE id = ?
            """)
        deleteHypotheses = try connection.prepare("DELETE FROM claim_hypotheses WHERE claim_id = ?")
        deleteTags = try connection.prepare("DELETE FROM claim_tags WHERE claim_id = ?")
        deleteSources = try connection.prepare("DELETE FROM claim_sources WHERE claim_id = ?")
        insertHypothesis = try connection.prepare(
            "INSERT INTO claim_hypotheses (claim_id, position, text) VALUES (?, ?, ?)")
        insertTag = try connection.prepare("INSERT INTO claim_tags (claim_id, kind, value) VALUES (?, ?, ?)")
        insertSource = try connection.prepare(
            "INSERT INTO claim_sources (claim_id, position, work_id, locator, note) VALUES (?, ?, ?, ?, ?)")
        selectMachineForm = try connection.prepare("SELECT form FROM claim_machine_forms WHERE claim_id = ?")
        deleteMachineForm = try connection.prepare("DELETE FROM claim_machine_forms WHERE claim_id = ?")
        insertMachineForm = try connection.prepare("INSERT INTO claim_machine_forms (claim_id, form) VALUES (?, ?)")
    }

    func read(id: String) throws(KnowledgeBaseError) -> Content? {
        guard var content = try selectClaim.first([.text(id)], { r in
            Content(id: id, title: r.text(0), statement: r.text(1), depth: r.optionalText(2), checkID: r.text(3),
                    verified: r.bool(4), defaultsJSON: r.text(5), source: r.text(6))
        }) else { return nil }
        content.hypotheses = try selectHypotheses.query([.text(id)]) { $0.text(0) }
        content.tags = try selectTags.query([.text(id)]) { [$0.text(0), $0.text(1)] }
        content.sources = try selectSources.query([.text(id)]) {
            Source(workID: $0.int64(0), locator: $0.text(1), note: $0.optionalText(2))
        }
        content.machineFormJSON = try selectMachineForm.first([.text(id)]) { $0.text(0) }
        return content
    }

    func write(_ content: Content) throws(KnowledgeBaseError) -> Outcome {
        let existing = try read(id: content.id)
        if existing == content { return .unchanged }
        try insertCheck.run([.text(content.checkID)])
        let values: [SQLValue] = [.text(content.title), .text(content.statement), SQLValue(content.depth),
                                  .text(content.checkID), SQLValue(content.verified), .text(content.defaultsJSON),
                                  .text(content.source), .text(content.id)]
        let id = SQLValue.text(content.id)
        if existing == nil {
            try insertClaim.run(values)
        } else {
            try updateClaim.run(values)
            try deleteHypotheses.run([id])
            try deleteTags.run([id])
            try deleteSources.run([id])
            try deleteMachineForm.run([id])
        }
        if let form = content.machineFormJSON { try insertMachineForm.run([id, .text(form)]) }
        for (offset, text) in content.hypotheses.enumerated() {
            try insertHypothesis.run([id, .integer(Int64(offset + 1)), .text(text)])
        }
        for tag in content.tags { try insertTag.run([id, .text(tag[0]), .text(tag[1])]) }
        for (offset, source) in content.sources.enumerated() {
            try insertSource.run([id, .integer(Int64(offset + 1)), .integer(source.workID), .text(source.locator),
                                  SQLValue(source.note)])
        }
        return existing == nil ? .added : .updated
    }
}
