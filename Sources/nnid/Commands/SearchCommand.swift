import ArgumentParser
import Foundation
import KnowledgeBase

/// `nnid search TEXT`: ranked full-text search over works, passages and claims.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Full-text search over titles, abstracts, document passages and claim statements.",
        discussion: """
            Every word must occur (English stemming, accents ignored); best matches first (bm25, titles weigh
            most). Snippets mark the matching words [like this].

            Examples:
              nnid search "affine symmetries"
              nnid search relu identifiability --limit 5 --format json
            """)

    @Argument(help: "Words to search for.")
    var words: [String]

    @Option(name: .long, help: "At most this many hits (default 20).")
    var limit = 20

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !words.isEmpty else { throw ValidationError("give the words to search for, e.g. nnid search relu") }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() throws {
        let hits: [SearchHit]
        do {
            hits = try database.openForReading()
                .search(words.joined(separator: " "), limit: limit)
        } catch {
            throw Terminal.failure("search", error)
        }
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(hits))
        case .csv:
            print(CSVRenderer.render(headers: ["rank", "kind", "ref", "title", "snippet"], rows: hits.enumerated().map {
                [String($0.offset + 1), $0.element.kind.rawValue, $0.element.reference, $0.element.title,
                 $0.element.snippet]
            }))
        case .table:
            print(TableRenderer.render(headers: ["#", "kind", "ref", "title", "snippet"], rows: hits.enumerated().map {
                [String($0.offset + 1), $0.element.kind.rawValue, $0.element.reference, Works.clip($0.element.title, 40),
                 $0.element.snippet.replacingOccurrences(of: "\n", with: " ")]
            }))
            print("\(hits.count) hit\(hits.count == 1 ? "" : "s")")
        }
    }
}
