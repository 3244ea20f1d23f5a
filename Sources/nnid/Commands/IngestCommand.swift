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

            Files named on the command line are read whatever their extension (the content decides an unknown
            one, with a note); directory walks read known extensions only, never follow symbolic links out of
            the directory, and never open FIFOs, sockets or devices. Skipped files are counted (listed with
            --verbose); refused ones get a warning each. Text that is not UTF-8 is decoded by its declaration
            (Emacs/Vim coding line, JabRef, XML, HTML meta) or ICU's charset detector; --encoding overrides.

            Exit status: 0 clean, 1 some input had errors (valid records are still stored), 2 usage error.

            Examples:
              nnid ingest                      # reads ./corpus into ./nnid.sqlite
              nnid ingest corpus ../shared/seeds --db /tmp/nnid.sqlite
            """)

    @Argument(help: "Files or directories to read (default: corpus).")
    var paths: [String] = []

    @Option(name: .long, help: "Read every file in this charset (e.g. latin-9, windows-1250, gbk, shift_jis).")
    var encoding: String?

    @Flag(name: .long, help: "List every skipped file with its reason.")
    var verbose = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        if let encoding, !TextDecoder.isKnownEncoding(encoding) {
            Terminal.error("nnid ingest: error: unknown encoding '\(encoding)' (ICU names such as utf-8, latin-9, windows-1252, gbk, shift_jis)")
            throw ExitCode(ExitStatus.usage)
        }
        let selection: InputSelection
        do {
            selection = try Ingester.selectInputs(paths.isEmpty ? ["corpus"] : paths)
        } catch {
            Terminal.error("nnid ingest: error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let files = selection.files
        let summary: IngestSummary
        do {
            let base = try KnowledgeBase(path: database.path)
            // Files are parsed on another thread while the database is written.
            summary = try base.ingest(files: files, encoding: encoding) { offset, file in
                Terminal.progress("reading \(offset + 1)/\(files.count) \(file)")
            }
            // The checks nnid ships are recorded too, so the audit can match claims and checks.
            for check in ClaimRegistry.all { try base.registerCheck(id: check.id, description: check.summary) }
        } catch {
            Terminal.endProgress()
            Terminal.error("nnid ingest: error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        Terminal.endProgress()
        for skipped in selection.skipped {
            if let diagnostic = skipped.diagnostic { Terminal.error(diagnostic.description) }
            else if verbose { Terminal.error("\(skipped.path): note: skipped: \(skipped.reason)") }
        }
        for diagnostic in summary.diagnostics { Terminal.error(diagnostic.description) }
        print("ingested \(summary.files) file\(summary.files == 1 ? "" : "s") into \(database.path)")
        let ignored = selection.skipped.filter { $0.kind == .ignored }.count
        if ignored > 0 {
            print("skipped \(ignored) file\(ignored == 1 ? "" : "s") (hidden or unknown extension)" + (verbose ? "" : "; --verbose lists them"))
        }
        for line in summary.lines { print(line) }
        let unreadable = selection.skipped.contains { $0.kind == .unreadable }
        if summary.hasErrors || unreadable { throw ExitCode(ExitStatus.failure) }
    }
}
