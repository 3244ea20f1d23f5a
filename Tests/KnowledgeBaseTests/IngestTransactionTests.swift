import XCTest
import Literature
@testable import KnowledgeBase

final class IngestTransactionTests: XCTestCase {
    private func corpus() -> [(path: String, result: ParseResult)] {
        let works = [
            Fixtures.work("A", "Paper A", authors: [("Ann", "Able"), ("Bob", "Baker")], year: 2001, doi: "10.1/a"),
            Fixtures.work("B", "Paper B", authors: [("Cy", "Cole")], year: 2002, arxiv: "2101.00001"),
            Fixtures.work("C", "Paper C", year: 2003, unverified: ["year"]),
        ]
        let citations = [Fixtures.edge("A", "B", line: 2), Fixtures.edge("B", "C", line: 3, verified: false),
                         CitationRecord(citing: WorkReference(key: "C"), cited: WorkReference(title: "Stub paper"),
                                        source: "refs", location: SourceLocation(file: "citations.csv", line: 4))]
        let document = DocumentRecord(work: WorkReference(key: "A"), kind: "landing-page", title: "A page",
                                      passages: [PassageRecord(role: "abstract", text: "We study things.")],
                                      location: SourceLocation(file: "page.txt", line: 1))
        let claim = ClaimCardRecord(id: "c1", title: "Claim", statement: "A statement.", hypotheses: ["h"],
                                    architectures: ["mlp"], check: "c1",
                                    sources: [ClaimSource(workKey: "A", locator: "Thm 1")],
                                    location: SourceLocation(file: "c1.claim", line: 1))
        return [(path: "works.bib", result: ParseResult(works: works)),
                (path: "citations.csv", result: ParseResult(citations: citations)),
                (path: "page.txt", result: ParseResult(documents: [document])),
                (path: "c1.claim", result: ParseResult(claims: [claim]))]
    }

    func testSecondIdenticalRunChangesNothing() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let first = try kb.ingest(corpus())
        XCTAssertEqual(first.works.added, 4)  // three records and one stub
        XCTAssertEqual(first.citations.added, 3)
        XCTAssertEqual(first.documents.added, 1)
        XCTAssertEqual(first.claims.added, 1)
        let before = try Fixtures.dump(kb)
        let second = try kb.ingest(corpus())
        XCTAssertEqual(second.works, IngestSummary.Counts(unchanged: 3))
        XCTAssertEqual(second.citations, IngestSummary.Counts(unchanged: 3))
        XCTAssertEqual(second.documents, IngestSummary.Counts(unchanged: 1))
        XCTAssertEqual(second.claims, IngestSummary.Counts(unchanged: 1))
        XCTAssertEqual(try Fixtures.dump(kb), before)
    }

    func testChangedEdgeStatusIsAnUpdate() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest(corpus())
        var changed = corpus()
        changed[1].result.citations[1].verified = true
        let s = try kb.ingest(changed)
        XCTAssertEqual(s.citations, IngestSummary.Counts(updated: 1, unchanged: 2))
    }

    func testFatalErrorMidRunLeavesTheDatabaseExactlyAsBefore() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest(corpus())
        try kb.connection.execute("""
            CREATE TRIGGER planted BEFORE INSERT ON works WHEN NEW.title = 'boom'
            BEGIN SELECT RAISE(ABORT, 'planted'); END
            """)
        let before = try Fixtures.dump(kb)
        var batch = corpus()
        batch[0].result.works[0].venue = "changed venue"           // an update before the failure
        batch[0].result.works.insert(Fixtures.work("D", "New paper D"), at: 1)
        batch[0].result.works.insert(Fixtures.work("E", "boom"), at: 2)
        batch[0].result.works.append(Fixtures.work("F", "New paper F"))
        XCTAssertThrowsError(try kb.ingest(batch)) { error in
            XCTAssertTrue("\(error)".contains("planted"), "\(error)")
        }
        XCTAssertEqual(try Fixtures.dump(kb), before)
        // The connection is usable afterwards and a clean batch goes through.
        try kb.connection.execute("DROP TRIGGER planted")
        XCTAssertEqual(try kb.ingest([(path: "x.bib", result: ParseResult(works: [Fixtures.work("D", "D")]))]).works.added, 1)
    }
}
