import ArgumentParser
import Foundation
import KnowledgeBase

/// `nnid search TEXT`: ranked full-text search over works, passages and claims.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over titles, abstracts, document passages and claim statements.",
        discussion: HelpText.reflow("""
            Query syntax: words (English stemming, accents and case ignored); word* for a prefix; OR between
            words for any of them. Without OR every word must occur; when that finds nothing, nnid retries with
            any word, then with every word as a prefix, and says which it used; when nothing matches at all it
            suggests the closest words of the index. Claims are found by their id, title, statement,
            hypotheses and source locators; works by title, abstract, authors and the text of their
            documents. One hit per work or claim (its best passage as the snippet), best first (bm25, titles
            weigh most); snippets mark the matching words [like this].

            Examples:
              nnid search "affine symmetries"
              nnid search relu identifiability --limit 5 --format json
              nnid search "identifiab*"
              nnid search tanh OR uniqueness
            """))

    @Argument(help: "Words to search for.")
    var words: [String]

    @OptionGroup var output: FormatOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !words.isEmpty else { throw ValidationError("give the words to search for, e.g. nnid search relu") }
    }

    func run() throws {
        let result: SearchResult
        do {
            result = try database.openForReading()
                .search(words.joined(separator: " "), limit: output.limit ?? 20)
        } catch {
            throw Terminal.failure("search", error)
        }
        let hits = result.hits
        if hits.isEmpty {
            let hint = result.suggestions.isEmpty ? " (words, word* for a prefix, OR between words; see --help)"
                : "; did you mean: \(result.suggestions.joined(separator: ", "))?"
            Terminal.error("nnid search: no matches\(hint)")
        } else if !hits.isEmpty, result.strategy != .allWords, !words.joined().contains("*"),
                  !words.contains("OR") {
            let how = result.strategy == .anyWord ? "no work or claim has every word; showing those with any of them"
                : "no exact word matches; showing prefix matches"
            Terminal.error("nnid search: \(how)")
        }
        switch output.resolved {
        case .json:
            print(try JSONOutput.string(hits))
        case .csv, .tsv:
            output.printRows(headers: ["rank", "kind", "ref", "title", "snippet"], rows: hits.enumerated().map {
                [String($0.offset + 1), $0.element.kind.rawValue, $0.element.reference, $0.element.title,
                 $0.element.snippet]
            })
        case .table:
            print(TableRenderer.render(headers: ["#", "kind", "ref", "title", "snippet"], rows: hits.enumerated().map {
                [String($0.offset + 1), $0.element.kind.rawValue, $0.element.reference, Works.clip($0.element.title, 40),
                 $0.element.snippet]
            }))
            print("\(hits.count) hit\(hits.count == 1 ? "" : "s")")
        }
    }
}
