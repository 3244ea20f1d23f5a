import ArgumentParser
import Claims
import Foundation
import KnowledgeBase
import Literature

/// `nnid ingest [PATH ...]`: parse files and store them in one transaction.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read bibliographies, citation lists, pages and claim cards into the database.",
        discussion: """
            Reads BibTeX, RIS, CSL-JSON, HTML pages, page text dumps, citation lists (.csv) and claim cards
            (.claim). Directories are walked recursively in sorted order. Works are merged across sources
            (key, DOI, arXiv id, then title with first author and year). The whole run is one transaction:
            a database error leaves the previous database untouched. A malformed entry is reported on stderr
            as file:line:col and skipped; every valid entry is kept. Running it twice changes nothing.

            Exit status: 0 clean, 1 some input had errors (valid records are still stored), 2 usage error.

            Examples:
              nnid ingest                      # reads ./corpus into ./nnid.sqlite
              nnid ingest corpus ../shared/seeds --db /tmp/nnid.sqlite
            """)

    @Argument(help: "Files or directories to read (default: corpus).")
    var paths: [String] = []

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let files: [String]
        do {
            files = try Ingester.inputFiles(paths.isEmpty ? ["corpus"] : paths)
        } catch {
            Terminal.error("nnid ingest: error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let summary: IngestSummary
        do {
            let base = try database.openForWriting()
            // Files are parsed on another thread while the database is written.
            summary = try base.ingest(files: files) { offset, file in
                Terminal.progress("reading \(offset + 1)/\(files.count) \(file)")
            }
            // The checks nnid ships are recorded too, so the audit can match claims and checks.
            for check in ClaimRegistry.all { try base.registerCheck(id: check.id, description: check.summary) }
        } catch {
            Terminal.endProgress()
            throw Terminal.failure("ingest", error)
        }
        Terminal.endProgress()
        for diagnostic in summary.diagnostics { Terminal.error(diagnostic.description) }
        print(TerminalText.escape("ingested \(summary.files) file\(summary.files == 1 ? "" : "s") into \(database.path)"))
        for line in summary.lines { print(TerminalText.escape(line, keepingLineBreaks: true)) }
        if summary.hasErrors { throw ExitCode(ExitStatus.failure) }
    }
}
