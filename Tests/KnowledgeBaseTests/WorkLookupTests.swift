import XCTest
import Literature
@testable import KnowledgeBase

/// The by-key work lookup (used by claims, show, works --search) reads only the wanted works; these tests
/// pin what it must return: the same summaries as the whole-base listing, neighbours once each and sorted.
final class WorkLookupTests: XCTestCase {
    /// Five works: C cites A twice (two provenances, one edge in the listing), B and A; D cites C; A
    /// recommends D (not a citation); E is isolated. Expected neighbours worked out by hand below.
    private func fixture() throws -> KnowledgeBase {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(
            works: [Fixtures.work("A", "Paper A", authors: [("Ann", "Able"), ("Bo", "Baker")], doi: "10.1/a",
                                  arxiv: "2001.00001"),
                    Fixtures.work("B", "Paper B", authors: [("Cy", "Cole")]),
                    Fixtures.work("C", "Paper C", year: 2020),
                    Fixtures.work("D", "Paper D"),
                    Fixtures.work("E", "Paper E")],
            citations: [Fixtures.edge("C", "A", line: 2), Fixtures.edge("C", "B", line: 3),
                        Fixtures.edge("C", "A", line: 4), Fixtures.edge("D", "C", line: 5),
                        Fixtures.edge("A", "D", line: 6, relation: "recommends")]))])
        return kb
    }

    func testLookupByKeyMatchesTheWholeBaseListing() throws {
        let kb = try fixture()
        let all = try kb.allWorks()
        XCTAssertEqual(all.map(\.key), ["A", "B", "C", "D", "E"])
        for keys: Set<String> in [["A"], ["C", "A"], ["E"], ["B", "D", "E"], ["A", "B", "C", "D", "E"]] {
            XCTAssertEqual(try kb.workSummaries(where: keys), all.filter { keys.contains($0.key) }, "\(keys.sorted())")
        }
        XCTAssertEqual(try kb.workSummaries(where: ["nope"]), [])
        XCTAssertEqual(try kb.workSummaries(where: []), [])
    }

    func testNeighboursAreListedOnceAndSorted() throws {
        let kb = try fixture()
        let byKey = Dictionary(uniqueKeysWithValues: try kb.workSummaries(where: ["A", "C", "D"]).map { ($0.key, $0) })
        XCTAssertEqual(byKey["C"]?.cites, ["A", "B"], "two provenances of C → A are one citation")
        XCTAssertEqual(byKey["C"]?.citedBy, ["D"])
        XCTAssertEqual(byKey["A"]?.citedBy, ["C"])
        XCTAssertEqual(byKey["A"]?.cites, [], "a recommendation is not a citation")
        XCTAssertEqual(byKey["A"]?.authors, ["Ann Able", "Bo Baker"])
        XCTAssertEqual(byKey["A"]?.doi, "10.1/a")
        XCTAssertEqual(byKey["A"]?.arxiv, "2001.00001")
        XCTAssertEqual(byKey["D"]?.cites, ["C"])
    }

    func testNeighboursFollowKeyOrderNotInsertionOrder() throws {
        // Ids follow the input order (Z1 = 1, M1 = 2, A1 = 3), the reverse of the keys' order.
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(
            works: [Fixtures.work("Z1", "Zeta"), Fixtures.work("M1", "Mu"), Fixtures.work("A1", "Alpha")],
            citations: [Fixtures.edge("M1", "Z1", line: 2), Fixtures.edge("M1", "A1", line: 3),
                        Fixtures.edge("Z1", "M1", line: 4), Fixtures.edge("A1", "M1", line: 5)]))])
        let looked = try kb.workSummaries(where: ["M1", "Z1"])
        XCTAssertEqual(looked.map(\.key), ["M1", "Z1"])
        XCTAssertEqual(looked[0].cites, ["A1", "Z1"])
        XCTAssertEqual(looked[0].citedBy, ["A1", "Z1"])
        XCTAssertEqual(looked, try kb.allWorks().filter { $0.key != "A1" })
    }

    func testALimitReturnsTheFirstWorksAndTheFullCount() throws {
        let kb = try fixture()
        // Every title has "paper": all five match; the first two by key are A and B.
        let full = try kb.works(search: "paper")
        XCTAssertEqual(full.map(\.key), ["A", "B", "C", "D", "E"])
        let limited = try kb.works(search: "paper", limit: 2)
        XCTAssertEqual(limited.works, Array(full.prefix(2)))
        XCTAssertEqual(limited.total, 5)
        XCTAssertEqual(try kb.works(search: "paper", limit: 9).works, full)
        let unfiltered = try kb.works(search: nil, limit: 3)
        XCTAssertEqual(unfiltered.works.map(\.key), ["A", "B", "C"])
        XCTAssertEqual(unfiltered.total, 5)
        XCTAssertEqual(try kb.workKeys(), ["A", "B", "C", "D", "E"])
    }

    func testKeyAndIdentifierMatchesFoldASCIICaseAndTakeWildcardsLiterally() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(works: [
            Fixtures.work("Vla_21", "Alpha", doi: "10.1/xyz"), Fixtures.work("VlaX21", "Beta"),
            Fixtures.work("Pct%1", "Gamma"), Fixtures.work("PctZ1", "Delta"), Fixtures.work("Öst20", "Epsilon"),
        ]))])
        XCTAssertEqual(try kb.works(search: "vla_").map(\.key), ["Vla_21"], "_ is a character, not a wildcard")
        XCTAssertEqual(try kb.works(search: "CT%").map(\.key), ["Pct%1"], "% is a character, not a wildcard")
        XCTAssertEqual(try kb.works(search: "vla").map(\.key), ["VlaX21", "Vla_21"], "ASCII case folded; BINARY order")
        XCTAssertEqual(try kb.works(search: "10.1/XYZ").map(\.key), ["Vla_21"], "identifier, any ASCII case")
        XCTAssertEqual(try kb.works(search: "Öst").map(\.key), ["Öst20"])
        // SQLite's lower() leaves non-ASCII letters alone, and so does the key match: "öst" is not "Öst".
        XCTAssertEqual(try kb.works(search: "öst").map(\.key), [])
    }

    func testSearchSnippetsMarkTheMatchedWordsOfEachHit() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(works: [
            Fixtures.work("X", "Rescaling of ReLU networks", abstract: "Positive rescaling leaves the function unchanged."),
            Fixtures.work("Y", "Permutations", abstract: "Hidden units can be permuted; rescaling is another symmetry."),
        ]))])
        let hits = try kb.search("rescaling", limit: 10).hits
        XCTAssertEqual(Set(hits.map(\.reference)), ["X", "Y"])
        for hit in hits { XCTAssertTrue(hit.snippet.contains("[") && hit.snippet.lowercased().contains("[rescaling]"), hit.snippet) }
        let y = try XCTUnwrap(hits.first { $0.reference == "Y" })
        XCTAssertTrue(y.snippet.contains("permuted"), "Y's own text, not another row's: \(y.snippet)")
    }
}
