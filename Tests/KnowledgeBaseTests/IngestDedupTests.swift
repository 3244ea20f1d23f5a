import XCTest
import Literature
@testable import KnowledgeBase

final class IngestDedupTests: XCTestCase {
    private var kb: KnowledgeBase!

    override func setUpWithError() throws {
        kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
    }

    private func ingest(_ path: String, works: [WorkRecord] = [], citations: [CitationRecord] = [],
                        documents: [DocumentRecord] = [], claims: [ClaimCardRecord] = []) throws -> IngestSummary {
        try kb.ingest([(path: path, result: ParseResult(works: works, citations: citations, documents: documents,
                                                        claims: claims))])
    }

    func testSameKeyMergesAndChangedFieldIsUpdated() throws {
        _ = try ingest("a.bib", works: [Fixtures.work("VB21", "Affine symmetries", year: 2021)])
        let second = try ingest("a.bib", works: [Fixtures.work("VB21", "Affine symmetries", year: 2021, venue: "AiM")])
        XCTAssertEqual(second.works, IngestSummary.Counts(updated: 1))
        XCTAssertEqual(try kb.allWorks().map(\.venue), ["AiM"])
    }

    /// Two bibliographic entries with different keys for one work: the first is kept, the second only fills
    /// empty fields and is named in a warning; a second run then changes nothing.
    func testDuplicateEntriesUnderDifferentKeysAreStableAcrossRuns() throws {
        let records = [Fixtures.work("A1", "Same title", authors: [("Jane", "Doe")], year: 2020, venue: "J One", line: 1),
                       Fixtures.work("B2", "Same Title", authors: [("Jane", "Doe")], year: 2020, doi: "10.5/dup",
                                     venue: "J Two", line: 2)]
        let first = try ingest("dup.bib", works: records)
        XCTAssertEqual(first.works.added, 1)
        XCTAssertTrue(first.diagnostics.contains { diagnostic in
            diagnostic.severity == Diagnostic.Severity.warning && diagnostic.location.line == 2 && diagnostic.message.contains("A1")
        })
        let stored = try XCTUnwrap(try kb.allWorks().first)
        XCTAssertEqual(stored.key, "A1")
        XCTAssertEqual(stored.venue, "J One")
        XCTAssertEqual(stored.doi, "10.5/dup", "the duplicate fills the empty DOI")
        let before = try Fixtures.dump(kb)
        let second = try ingest("dup.bib", works: records)
        XCTAssertEqual(second.works, IngestSummary.Counts(unchanged: 2))
        XCTAssertEqual(try Fixtures.dump(kb), before)
    }

    func testDOIMatchesAcrossKeysAndSpellings() throws {
        _ = try ingest("a.bib", works: [Fixtures.work("A", "First title", doi: "10.1/XYZ")])
        let s = try ingest("b.bib", works: [Fixtures.work(nil, "Completely different", doi: "https://doi.org/10.1/xyz")])
        XCTAssertEqual(s.works.added, 0)
        XCTAssertEqual(try kb.allWorks().count, 1)
    }

    func testArxivMatchesWithoutVersion() throws {
        _ = try ingest("a.bib", works: [Fixtures.work("A", "One", arxiv: "2006.11727")])
        _ = try ingest("p.txt", works: [Fixtures.work(nil, "Another rendering", arxiv: "arXiv:2006.11727v3",
                                                    file: "p.txt")])
        let works = try kb.allWorks()
        XCTAssertEqual(works.map(\.key), ["A"])
        XCTAssertEqual(works.first?.arxiv, "2006.11727")
        XCTAssertEqual(works.first?.title, "One", "a page record must not override a bibliographic title")
    }

    func testTitleAuthorYearRule() throws {
        _ = try ingest("a.bib", works: [Fixtures.work("A", "Affine Symmetries and Neural Network Identifiability",
                                                      authors: [("Verner", "Vlačić")], year: 2021)])
        // Same title, accents and case differ, same author and year: one work.
        _ = try ingest("p.txt", works: [Fixtures.work(nil, "affine symmetries and neural-network identifiability",
                                                    authors: [("V.", "Vlacic")], year: 2021, file: "p.txt")])
        // Same title, another year: a different work.
        _ = try ingest("q.txt", works: [Fixtures.work(nil, "Affine symmetries and neural network identifiability",
                                                    authors: [("V.", "Vlacic")], year: 1999, file: "q.txt")])
        // Same title, no author and no year: matches on title alone.
        _ = try ingest("r.txt", works: [Fixtures.work(nil, "Affine symmetries and neural network identifiability",
                                                    abstract: "filled in", file: "r.txt")])
        let works = try kb.allWorks()
        XCTAssertEqual(works.count, 2)
        let original = try XCTUnwrap(works.first { $0.key == "A" })
        XCTAssertEqual(original.abstract, "filled in", "page record fills an empty field")
        XCTAssertEqual(original.authors, ["Verner Vlačić"])
    }

    func testBibliographicRecordOverridesPageRecordAndTakesItsKey() throws {
        _ = try ingest("p.txt", works: [Fixtures.work(nil, "Sample title", year: 2020, venue: "Page venue",
                                                    file: "p.txt")])
        XCTAssertEqual(try kb.allWorks().map(\.key), ["anon2020sample"])
        let s = try ingest("w.bib", works: [Fixtures.work("K20", "Sample Title", year: 2020, venue: "Journal")])
        XCTAssertEqual(s.works, IngestSummary.Counts(updated: 1))
        let works = try kb.allWorks()
        XCTAssertEqual(works.map(\.key), ["K20"])
        XCTAssertEqual(works.first?.venue, "Journal")
        XCTAssertEqual(works.first?.title, "Sample Title")
    }

    func testUnresolvedReferenceBecomesStubThatAFullRecordUpgrades() throws {
        let edge = CitationRecord(citing: WorkReference(key: "A"),
                                  cited: WorkReference(title: "A cited paper", firstAuthorFamily: "Smith", year: 1990),
                                  source: "reference list of A", location: SourceLocation(file: "a.txt", line: 4))
        let first = try ingest("a.bib", works: [Fixtures.work("A", "Citing paper")], citations: [edge])
        XCTAssertEqual(first.works.added, 2)
        XCTAssertEqual(first.citations.added, 1)
        var stub = try XCTUnwrap(kb.allWorks().first { $0.title == "A cited paper" })
        XCTAssertTrue(stub.isStub)
        XCTAssertEqual(stub.citedBy, ["A"])

        let full = Fixtures.work("S90", "A Cited Paper", authors: [("John", "Smith")], year: 1990, venue: "J")
        let second = try ingest("b.bib", works: [full])
        XCTAssertEqual(second.works, IngestSummary.Counts(updated: 1))
        stub = try XCTUnwrap(kb.allWorks().first { $0.key == "S90" })
        XCTAssertFalse(stub.isStub)
        XCTAssertEqual(stub.citedBy, ["A"], "the edge follows the upgraded stub")
        XCTAssertEqual(try kb.allWorks().count, 2)
    }

    func testEdgesToUnknownKeysAreRejectedWithLocation() throws {
        let s = try ingest("c.csv", works: [Fixtures.work("A", "Paper")], citations: [Fixtures.edge("A", "NOPE", line: 3)])
        XCTAssertEqual(s.citations.rejected, 1)
        XCTAssertEqual(s.diagnostics.map(\.location.description), ["citations.csv:3:1"])
        XCTAssertTrue(s.hasErrors)
    }

    func testCitationFileBeforeBibliographyStillResolves() throws {
        // Sorted file order puts citations.csv before works.bib; works are stored first regardless.
        let s = try kb.ingest([
            (path: "corpus/citations.csv", result: ParseResult(citations: [Fixtures.edge("A", "B", line: 2)])),
            (path: "corpus/works.bib", result: ParseResult(works: [Fixtures.work("A", "Paper A"),
                                                                   Fixtures.work("B", "Paper B")])),
        ])
        XCTAssertEqual(s.citations.added, 1)
        XCTAssertFalse(s.hasErrors)
        XCTAssertEqual(try kb.citationEdges(), [CitationEdge(citingKey: "A", citedKey: "B", relation: "cites",
                                                             provenance: "citations.csv:2 (test list)", verified: true)])
    }

    func testTwoRenderingsOfAPageMergeIntoOneDocument() throws {
        let ref = WorkReference(title: "Why are neural networks not identifiable?")
        func doc(_ file: String, _ texts: [String]) -> DocumentRecord {
            DocumentRecord(work: ref, kind: "qa-thread", title: "Why?", passages: texts.map {
                PassageRecord(role: "answer", text: $0)
            }, repairs: ["repaired mojibake in 1 place"], location: SourceLocation(file: file, line: 1))
        }
        let a = doc("one.txt", ["Permutations of hidden units.", "Sign flips for tanh."])
        let b = doc("two.txt", ["permutations of  hidden units", "A third remark."])
        let s = try kb.ingest([(path: "one.txt", result: ParseResult(documents: [a])),
                               (path: "two.txt", result: ParseResult(documents: [b]))])
        XCTAssertEqual(s.documents, IngestSummary.Counts(added: 1, updated: 1))
        XCTAssertEqual(s.works.added, 1)
        XCTAssertEqual(try Fixtures.count(kb, "SELECT count(*) FROM documents"), 1)
        XCTAssertEqual(try kb.connection.query("SELECT ordinal, text FROM passages ORDER BY ordinal") {
            "\($0.int(0)) \($0.text(1))"
        }, ["1 Permutations of hidden units.", "2 Sign flips for tanh.", "3 A third remark."])
        XCTAssertEqual(try Fixtures.count(kb, "SELECT count(*) FROM document_sources"), 2)
        XCTAssertEqual(try Fixtures.count(kb, "SELECT count(*) FROM document_repairs"), 2)
    }

    func testClaimWithUnknownSourceIsRejectedAtItsLocation() throws {
        let good = ClaimCardRecord(id: "good", title: "Good", statement: "Holds.", hypotheses: ["h1", "h2"],
                                   architectures: ["mlp"], activations: ["relu"], depth: "any", check: "good",
                                   sources: [ClaimSource(workKey: "A", locator: "Theorem 1", note: "n")],
                                   defaults: ["seed": "1"], location: SourceLocation(file: "g.claim", line: 1))
        let bad = ClaimCardRecord(id: "bad", title: "Bad", statement: "x", check: "bad",
                                  sources: [ClaimSource(workKey: "MISSING", locator: "§1")],
                                  location: SourceLocation(file: "b.claim", line: 1, column: 1))
        let s = try ingest("w.bib", works: [Fixtures.work("A", "Paper")], claims: [good, bad])
        XCTAssertEqual(s.claims, IngestSummary.Counts(added: 1, rejected: 1))
        let error = try XCTUnwrap(s.diagnostics.first)
        XCTAssertEqual(error.description.prefix(18), "b.claim:1:1: error")
        XCTAssertTrue(error.message.contains("MISSING"))
        let detail = try XCTUnwrap(kb.claim(id: "good"))
        XCTAssertEqual(detail.hypotheses, ["h1", "h2"])
        XCTAssertEqual(detail.defaults, ["seed": "1"])
        XCTAssertEqual(detail.sources.map(\.work.key), ["A"])
        XCTAssertEqual(detail.sources.first?.locator, "Theorem 1")
        XCTAssertNil(try kb.claim(id: "bad"))
        XCTAssertEqual(try kb.claims(architecture: "mlp", activation: "relu").map(\.id), ["good"])
        XCTAssertEqual(try kb.claims(activation: "tanh").map(\.id), [])
        XCTAssertEqual(try kb.claims(cites: "A").map(\.id), ["good"])
    }

    func testUnverifiedFieldsAreStoredAndListed() throws {
        _ = try ingest("w.bib", works: [Fixtures.work("R", "Rumoured", doi: "10.9/r", unverified: ["doi", "volume"])])
        let work = try XCTUnwrap(kb.allWorks().first)
        XCTAssertFalse(work.verified)
        XCTAssertEqual(work.unverifiedFields, ["doi", "volume"])
    }
}
