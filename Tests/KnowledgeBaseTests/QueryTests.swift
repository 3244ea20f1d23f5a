import XCTest
import Literature
@testable import KnowledgeBase

final class QueryTests: XCTestCase {
    func testTitleHitOutranksAbstractHit() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(works: [
            Fixtures.work("ABS", "Some paper on networks",
                          abstract: "A long abstract that mentions symmetries once among many other words here."),
            Fixtures.work("TIT", "Affine symmetries of networks", abstract: "Short."),
            Fixtures.work("NONE", "Unrelated", abstract: "Nothing to see."),
        ]))])
        let hits = try kb.search("symmetries", limit: 10).hits
        XCTAssertEqual(hits.map(\.reference), ["TIT", "ABS"])
        XCTAssertEqual(hits.first?.kind, .work)
        XCTAssertTrue(hits.first?.snippet.contains("[symmetries]") ?? false, hits.first?.snippet ?? "")
        // Porter stemming: "symmetry" finds "symmetries"; FTS syntax in user text is harmless.
        XCTAssertEqual(try kb.search("symmetry", limit: 10).hits.count, 2)
        XCTAssertEqual(try kb.search("\"AND OR (", limit: 10).hits.count, 0)
        XCTAssertEqual(try kb.works(search: "affine").map(\.key), ["TIT"])
        XCTAssertEqual(try kb.works(search: "nonE").map(\.key), ["NONE"], "key substring, any case")
    }

    func testWorkSummaryJSONHasTheDocumentedKeys() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(
            works: [Fixtures.work("A", "Paper A", authors: [("Ann", "Able")], year: 2001, doi: "10.1/a"),
                    Fixtures.work("B", "Paper B")],
            citations: [Fixtures.edge("A", "B", line: 2), Fixtures.edge("B", "A", line: 3, relation: "recommends")]))])
        let works = try kb.allWorks()
        let data = try JSONEncoder().encode(works)
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let a = try XCTUnwrap(objects.first { $0["key"] as? String == "A" })
        for key in ["key", "title", "authors", "year", "venue", "doi", "arxiv", "verified", "cites", "cited_by"] {
            XCTAssertNotNil(a[key], "missing key \(key)")
        }
        XCTAssertEqual(a["authors"] as? [String], ["Ann Able"])
        XCTAssertEqual(a["cites"] as? [String], ["B"])
        XCTAssertEqual(a["cited_by"] as? [String], [], "a recommendation is not a citation")
        XCTAssertEqual(a["verified"] as? Bool, true)
        XCTAssertTrue(a["venue"] is NSNull, "absent values are null, not missing")
        XCTAssertEqual(try kb.citationEdges().map(\.relation), ["cites", "recommends"])
    }

    func testRunsAreRecordedAndListed() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let run = VerificationRun(claimID: nil, checkID: "demo", parametersJSON: #"{"seed":1}"#, status: .passed,
                                  metricsJSON: #"{"rank":12}"#, nnidVersion: "0.1.0",
                                  startedAt: "2025-01-01T00:00:00Z", durationMilliseconds: 5)
        let id = try kb.recordRun(run)
        XCTAssertEqual(try kb.runs().map(\.id), [id])
        XCTAssertEqual(try kb.runs().first?.metricsJSON, #"{"rank":12}"#)
        var broken = run
        broken.metricsJSON = "{not json"
        XCTAssertThrowsError(try kb.recordRun(broken))
        var unknownClaim = run
        unknownClaim.claimID = "nope"
        XCTAssertThrowsError(try kb.recordRun(unknownClaim))
        XCTAssertEqual(try kb.runs().count, 1)
    }
}
