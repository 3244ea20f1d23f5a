import ArgumentParser
import Foundation

/// `--db PATH`; defaults to $NNID_DB, then ./nnid.sqlite.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database (default: $NNID_DB, else ./nnid.sqlite).",
            completion: Completions.database)
    var db: String?

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["NNID_DB"], !env.isEmpty { return env }
        return "nnid.sqlite"
    }
}
