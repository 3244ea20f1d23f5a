import ArgumentParser
import Foundation
import KnowledgeBase

/// `--db PATH` (default $NNID_DB, then ./nnid.sqlite) and `--wait SECONDS`, with the two ways to open it.
struct DatabaseOptions: ParsableArguments {
    /// How long a command waits for another nnid process's lock unless --wait says otherwise.
    static let defaultWaitSeconds = 300.0

    @Option(name: .long, help: "SQLite database (default: $NNID_DB, else ./nnid.sqlite).",
            completion: Completions.database)
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "Seconds to wait while another nnid process writes the database (default: 300; 0 fails at once).",
        valueName: "seconds"))
    var wait: Double = DatabaseOptions.defaultWaitSeconds

    func validate() throws {
        guard wait.isFinite, wait >= 0 else { throw ValidationError("--wait must be a number of seconds ≥ 0") }
    }

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["NNID_DB"], !env.isEmpty { return env }
        return "nnid.sqlite"
    }

    /// True when the user named the database (--db or $NNID_DB) rather than relying on ./nnid.sqlite.
    var isExplicit: Bool {
        db != nil || !(ProcessInfo.processInfo.environment["NNID_DB"] ?? "").isEmpty
    }

    /// The lock wait, announced on stderr once it lasts (so a blocked command never looks hung).
    var lockWait: LockWait {
        let path = self.path
        return LockWait(seconds: wait) { limit in
            Terminal.error("nnid: waiting for another process that is writing \(path) "
                + "(giving up after \(Int(limit.rounded())) s; --wait SECONDS changes this)")
        }
    }

    /// For commands that only read: opened read-only, never changed.
    func openForReading() throws(KnowledgeBaseError) -> KnowledgeBase {
        try KnowledgeBase(path: path, access: .read, wait: lockWait)
    }

    /// For a command whose writing is a side effect (`analyze` recording its run): only an existing,
    /// non-empty nnid database, migrated if older; nothing is ever created.
    func openForRecording() throws(KnowledgeBaseError) -> KnowledgeBase {
        try KnowledgeBase(path: path, access: .writeExisting, wait: lockWait)
    }

    /// For commands that write: created when `createIfMissing`, migrated, marked as nnid's.
    func openForWriting(createIfMissing: Bool = true) throws(KnowledgeBaseError) -> KnowledgeBase {
        try KnowledgeBase(path: path, access: .write(createIfMissing: createIfMissing), wait: lockWait)
    }
}
