import ArgumentParser
import Foundation
import KnowledgeBase

/// `nnid works`: list the works with their verification status and citation neighbours.
struct Works: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "works",
        abstract: "List the works in the database.",
        discussion: HelpText.reflow("""
            --search matches words of titles, abstracts and author names, or part of a key, or an identifier
            (DOI, arXiv id). Works whose facts are not yet confirmed in a primary source or the curated corpus
            are shown as "unverified" (so is every record read from your own files); works only known from a
            reference as "stub".

            The table shows key, year, authors, title, venue, the DOI or arXiv id, the verification status and
            the numbers of citations out and in, clipped to the terminal's width.

            JSON (--format json): an array of objects with key, title, authors, year, venue, doi, arxiv,
            verified, cites, cited_by, plus kind, unverified_fields, stub and the remaining fields.

            Examples:
              nnid works --search sussmann
              nnid works --format csv > works.csv
              nnid works | grep -i sussmann        (tab-separated in a pipe)
            """))

    @Option(name: .long, help: "Only works matching this text.")
    var search: String?

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let shown: [WorkSummary], total: Int
        do {
            (shown, total) = try database.openForReading().works(search: search, limit: output.limit)
        } catch {
            throw Terminal.failure("works", error)
        }
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(shown))
        case .csv, .tsv:
            let headers = ["key", "title", "authors", "year", "venue", "doi", "arxiv", "verified", "unverified_fields",
                           "cites", "cited_by"]
            output.printRows(headers: headers, rows: shown.map { w in
                [w.key, w.title, w.authors.joined(separator: "; "), w.year.map(String.init) ?? "", w.venue ?? "",
                 w.doi ?? "", w.arxiv ?? "", w.verified ? "true" : "false", w.unverifiedFields.joined(separator: "; "),
                 w.cites.joined(separator: " "), w.citedBy.joined(separator: " ")]
            })
        case .table:
            print(TableRenderer.render(
                headers: ["key", "year", "authors", "title", "venue", "id", "status", "cites", "cited by"],
                rows: shown.map { w in
                    [w.key, w.year.map(String.init) ?? "", Self.shortAuthors(w.authors), w.title, w.venue ?? "",
                     Self.identifier(w), Self.status(w), String(w.cites.count), String(w.citedBy.count)]
                }))
            let more = total > shown.count ? " (showing \(shown.count); --limit to change)" : ""
            print("\(total) work\(total == 1 ? "" : "s")\(more)")
        }
    }

    /// The identifier a reader would follow: the DOI, else the arXiv id.
    static func identifier(_ work: WorkSummary) -> String {
        if let doi = work.doi { return "doi:" + doi }
        if let arxiv = work.arxiv { return "arXiv:" + arxiv }
        return ""
    }

    static func status(_ work: WorkSummary) -> String {
        if work.isStub { return "stub" }
        if work.verified { return "verified" }
        return work.unverifiedFields.isEmpty ? "unverified" : "unverified: " + work.unverifiedFields.joined(separator: ",")
    }

    static func shortAuthors(_ authors: [String]) -> String {
        guard let first = authors.first else { return "" }
        func family(_ name: String) -> String { name.split(separator: " ").last.map(String.init) ?? name }
        switch authors.count {
        case 1: return family(first)
        case 2: return family(first) + " & " + family(authors[1])
        default: return family(first) + " et al."
        }
    }

    static func clip(_ text: String, _ width: Int) -> String { TableRenderer.clip(text, width) }
}
