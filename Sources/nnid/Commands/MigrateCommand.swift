import ArgumentParser
import KnowledgeBase

/// `nnid migrate`: bring a database written by an older nnid to this version's schema.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Upgrade the database to this nnid's schema.",
        discussion: HelpText.reflow("""
            Read-only commands (works, search, export, …) never change a database, so after an upgrade of
            nnid they refuse one with an older schema (exit status 6) until it is migrated — by this command
            or by any ingest. The migration runs in one transaction: it happens completely or not at all.
            Other programs' SQLite files are refused (exit status 3) and left unchanged.

            Example:
              nnid migrate --db nnid.sqlite
            """))

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        do {
            let base = try database.openForWriting(createIfMissing: false)
            print("\(TerminalText.escape(database.path)): schema version \(try base.schemaVersion())")
        } catch {
            throw Terminal.failure("migrate", error)
        }
    }
}
