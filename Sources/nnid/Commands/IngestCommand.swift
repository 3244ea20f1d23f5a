import ArgumentParser
import Claims
import Foundation
import KnowledgeBase
import Literature

/// `nnid ingest [PATH ...]`: parse files and store them in one transaction.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read bibliographies, citation lists, pages and claim cards into the database.",
        discussion: HelpText.reflow("""
            Reads BibTeX, RIS, CSL-JSON, HTML pages, page text dumps, citation lists (.csv) and claim cards
            (.claim). Directories are walked recursively in sorted order. Works are merged across sources
            (key, DOI, arXiv id, then title with first author and year). The whole run is one transaction:
            a database error leaves the previous database untouched. A malformed entry is reported on stderr
            as file:line:col and skipped; every valid entry is kept. Running it twice changes nothing.

            The curated corpus (claims, works, citation edges) is built into nnid: `nnid ingest` with no
            paths stores it, from any directory. With paths, the corpus is stored first and then the paths
            (a file identical to a built-in corpus file, such as a checkout's corpus/, is not read twice);
            --no-corpus reads only the paths, --corpus-only only the corpus.

            Files named on the command line are read whatever their extension (the content decides an unknown
            one, with a note); directory walks read known extensions only, never follow symbolic links out of
            the directory, and never open FIFOs, sockets or devices. Skipped files are counted (listed with
            --verbose); refused ones get a warning each. Text that is not UTF-8 is decoded by its declaration
            (Emacs/Vim coding line, JabRef, XML, HTML meta) or ICU's charset detector; --encoding overrides.

            Exit status: 0 clean, 1 some input had errors (valid records are still stored), 2 usage error.

            Examples:
              nnid ingest                      # the built-in corpus into ./nnid.sqlite
              nnid ingest ../shared/seeds --db /tmp/nnid.sqlite
              nnid ingest my.bib --no-corpus --db mine.sqlite
            """))

    @Argument(help: "Files or directories to read (the built-in corpus is read too unless --no-corpus).",
              completion: .file())
    var paths: [String] = []

    @Flag(name: .long, help: "Do not store the built-in curated corpus; read only the paths.")
    var noCorpus = false

    @Flag(name: .long, help: "Store only the built-in curated corpus (no paths).")
    var corpusOnly = false

    func validate() throws {
        if noCorpus && corpusOnly { throw ValidationError("--no-corpus and --corpus-only exclude each other") }
        if corpusOnly && !paths.isEmpty { throw ValidationError("--corpus-only takes no paths") }
        if noCorpus && paths.isEmpty { throw ValidationError("--no-corpus needs files or directories to read") }
    }

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
            selection = try Ingester.selectInputs(paths)
        } catch {
            Terminal.error("nnid ingest: error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        // A file identical to a built-in corpus file (a checkout's corpus/) is not read twice.
        let files = selection.files.filter { noCorpus || !Self.isBuiltInCopy($0) }
        let summary: IngestSummary
        do {
            let base = try database.openForWriting()
            // Files are parsed on another thread while the database is written.
            summary = try base.ingest(files: files, leading: noCorpus ? [] : BuiltInCorpus.inputs(),
                                      encoding: encoding) { offset, file in
                Terminal.progress("reading \(offset + 1)/\(files.count) \(file)")
            }
            // The checks nnid ships are recorded too, so the audit can match claims and checks.
            for check in ClaimRegistry.all { try base.registerCheck(id: check.id, description: check.summary) }
        } catch {
            Terminal.endProgress()
            throw Terminal.failure("ingest", error)
        }
        Terminal.endProgress()
        for skipped in selection.skipped {
            if let diagnostic = skipped.diagnostic { Terminal.error(diagnostic.description) }
            else if verbose { Terminal.error("\(skipped.path): note: skipped: \(skipped.reason)") }
        }
        for diagnostic in summary.diagnostics { Terminal.error(diagnostic.description) }
        print(TerminalText.escape("ingested \(summary.files) file\(summary.files == 1 ? "" : "s") into \(database.path)"))
        let ignored = selection.skipped.filter { $0.kind == .ignored }.count
        if ignored > 0 {
            print("skipped \(ignored) file\(ignored == 1 ? "" : "s") (hidden or unknown extension)" + (verbose ? "" : "; --verbose lists them"))
        }
        for line in summary.lines { print(TerminalText.escape(line, keepingLineBreaks: true)) }
        let unreadable = selection.skipped.contains { $0.kind == .unreadable }
        if summary.hasErrors || unreadable { throw ExitCode(ExitStatus.failure) }
    }

    /// A file with exactly the bytes of a built-in corpus file (checked by size first).
    private static func isBuiltInCopy(_ path: String) -> Bool {
        let sizes = Set(EmbeddedCorpus.files.map { $0.text.utf8.count })
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, sizes.contains(size),
              let data = FileManager.default.contents(atPath: path) else { return false }
        return BuiltInCorpus.contains(bytes: [UInt8](data))
    }
}
