import ArgumentParser
import Foundation
import KnowledgeBase

/// `nnid works`: list the works with their verification status and citation neighbours.
struct Works: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the works in the database.",
        discussion: """
            --search matches words of titles, abstracts and author names, or part of a key, or an identifier
            (DOI, arXiv id). Works whose facts are not yet confirmed in a primary source are shown as
            "unverified"; works only known from a reference as "stub".

            JSON (--format json): an array of objects with key, title, authors, year, venue, doi, arxiv,
            verified, cites, cited_by, plus kind, unverified_fields, stub and the remaining fields.

            Examples:
              nnid works --search sussmann
              nnid works --format csv > works.csv
            """)

    @Option(name: .long, help: "Only works matching this text.")
    var search: String?

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let works: [WorkSummary]
        do {
            works = try database.openForReading().works(search: search)
        } catch {
            throw Terminal.failure("works", error)
        }
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(works))
        case .csv:
            let headers = ["key", "title", "authors", "year", "venue", "doi", "arxiv", "verified", "unverified_fields",
                           "cites", "cited_by"]
            print(CSVRenderer.render(headers: headers, rows: works.map { w in
                [w.key, w.title, w.authors.joined(separator: "; "), w.year.map(String.init) ?? "", w.venue ?? "",
                 w.doi ?? "", w.arxiv ?? "", w.verified ? "true" : "false", w.unverifiedFields.joined(separator: "; "),
                 w.cites.joined(separator: " "), w.citedBy.joined(separator: " ")]
            }))
        case .table:
            print(TableRenderer.render(
                headers: ["key", "year", "authors", "title", "status", "cites", "cited by"],
                rows: works.map { w in
                    [w.key, w.year.map(String.init) ?? "", Self.shortAuthors(w.authors), Self.clip(w.title, 60),
                     Self.status(w), String(w.cites.count), String(w.citedBy.count)]
                }))
            print("\(works.count) work\(works.count == 1 ? "" : "s")")
        }
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

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
