import XCTest
import Literature
@testable import KnowledgeBase

/// The relaxation steps of `search`: all words (each with its word family), any word, prefixes, and
/// suggestions from the titles when nothing matches. Expected hits follow from the fixture titles.
final class SearchRelaxationTests: XCTestCase {
    private func base() throws -> KnowledgeBase {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(works: [
            Fixtures.work("SUS", "Uniqueness of the weights for minimal feedforward nets",
                          authors: [("Hector", "Sussmann")]),
            Fixtures.work("TAN", "Tanh networks and their symmetric groups"),
            Fixtures.work("IDF", "Identifiability of deep networks"),
            Fixtures.work("OTH", "Convolutional kernels"),
        ]))])
        return kb
    }

    func testAllWordsFirstThenAnyWord() throws {
        let kb = try base()
        let both = try kb.search("tanh networks", limit: 10)
        XCTAssertEqual(both.strategy, .allWords)
        XCTAssertEqual(both.hits.map(\.reference), ["TAN"])
        // No title has both "tanh" and "uniqueness": fall back to any word, and say so.
        let either = try kb.search("tanh uniqueness", limit: 10)
        XCTAssertEqual(either.strategy, .anyWord)
        XCTAssertEqual(Set(either.hits.map(\.reference)), ["TAN", "SUS"])
        XCTAssertEqual(Set(try kb.search("tanh OR uniqueness", limit: 10).hits.map(\.reference)), ["TAN", "SUS"])
    }

    func testWordFamiliesAcrossPorterStems() throws {
        // porter: "symmetry" → symmetri, "symmetric" → symmetr; the family of "symmetry" includes symmetr*.
        let hits = try base().search("symmetry", limit: 10)
        XCTAssertEqual(hits.hits.map(\.reference), ["TAN"])
    }

    func testPrefixes() throws {
        let kb = try base()
        XCTAssertEqual(try kb.search("identifiab*", limit: 10).hits.map(\.reference), ["IDF"])
        let sussman = try kb.search("Sussman", limit: 10)
        XCTAssertEqual(sussman.strategy, .prefix)
        XCTAssertEqual(sussman.hits.map(\.reference), ["SUS"])
    }

    func testSuggestionsWhenNothingMatches() throws {
        let result = try base().search("convolutoinal", limit: 10)
        XCTAssertTrue(result.hits.isEmpty)
        XCTAssertEqual(result.suggestions.first, "convolutional")
        XCTAssertTrue(try base().search("zzzqqq", limit: 10).suggestions.isEmpty)
    }

    func testTooManyTermsAreRefused() throws {
        let words = (0..<40).map { "w\($0)" }.joined(separator: " ")
        XCTAssertThrowsError(try base().search(words, limit: 10))
        // Repeated words count once.
        XCTAssertNoThrow(try base().search(Array(repeating: "tanh", count: 20_000).joined(separator: " "), limit: 10))
    }

    func testEditDistance() {
        XCTAssertEqual(EditDistance.between("kitten", "sitting", limit: 5), 3)
        XCTAssertNil(EditDistance.between("kitten", "sitting", limit: 2))
        XCTAssertEqual(EditDistance.closest(to: "clams", among: ["claims", "show", "verify"]), ["claims"])
    }
}
