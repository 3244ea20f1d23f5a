import XCTest
import Literature
@testable import KnowledgeBase

/// Issue 9 item 1: nothing an input says is silently lost or overwritten.
final class IngestNoLossTests: XCTestCase {
    private var kb: KnowledgeBase!

    override func setUpWithError() throws {
        kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
    }

    private func ingest(_ files: [(String, [WorkRecord])]) throws -> IngestSummary {
        try kb.ingest(files.map { (path: $0.0, result: ParseResult(works: $0.1)) })
    }

    private func ingestBibTeX(_ files: [(String, String)]) throws -> IngestSummary {
        try kb.ingest(files.map { (path: $0.0, result: BibTeXParser.parse($0.1, file: $0.0)) })
    }

    func testTwoDifferentWorksWithOneKeyAreBothKept() throws {
        let summary = try ingestBibTeX([
            ("a.bib", "@article{zhang2020deep, title = {Deep residual identifiability}, author = {Zhang, Wei}, year = 2020}\n"),
            ("b.bib", "\n\n@article{zhang2020deep, title = {Deep learning for protein folding}, author = {Zhang, Li}, year = 2020}\n"),
        ])
        XCTAssertEqual(summary.works.added, 2)
        let works = try kb.allWorks()
        XCTAssertEqual(works.map(\.key), ["zhang2020deep", "zhang2020deep-b"])
        XCTAssertEqual(works.map(\.title), ["Deep residual identifiability", "Deep learning for protein folding"])
        let warning = try XCTUnwrap(summary.diagnostics.first { $0.message.contains("zhang2020deep-b") })
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.location.description, "b.bib:3:1")
        XCTAssertTrue(warning.message.contains("a.bib:1") && warning.message.contains("b.bib:3"), warning.message)
        // A second run changes nothing (the -b work is found again, not a -c).
        let before = try Fixtures.dump(kb)
        let again = try ingestBibTeX([
            ("a.bib", "@article{zhang2020deep, title = {Deep residual identifiability}, author = {Zhang, Wei}, year = 2020}\n"),
            ("b.bib", "\n\n@article{zhang2020deep, title = {Deep learning for protein folding}, author = {Zhang, Li}, year = 2020}\n"),
        ])
        XCTAssertEqual(again.works.added, 0)
        XCTAssertEqual(try Fixtures.dump(kb), before)
    }

    func testTitlelessEntryNeverErasesATitle() throws {
        _ = try ingest([("a.bib", [Fixtures.work("K", "A real title", authors: [("A", "Author")], year: 2001)])])
        _ = try ingest([("b.bib", [Fixtures.work("K", "", year: 2001, venue: "Some Journal", file: "b.bib")])])
        let work = try XCTUnwrap(try kb.work(key: "K"))
        XCTAssertEqual(work.title, "A real title")
        XCTAssertEqual(work.venue, "Some Journal", "the empty field is filled")
        XCTAssertEqual(work.authors, ["A Author"])
    }

    func testDuplicateRISIDsInOneFileAreBothKept() throws {
        let ris = """
            TY  - JOUR
            ID  - ref1
            TI  - First paper about symmetry
            AU  - Smith, John
            PY  - 2001
            ER  - 

            TY  - JOUR
            ID  - ref1
            TI  - Second paper about something else
            AU  - Jones, Mary
            PY  - 2005
            ER  - 
            """
        let parsed = RISParser.parse(ris, file: "x.ris")
        XCTAssertEqual(parsed.works.count, 2)
        _ = try kb.ingest([(path: "x.ris", result: parsed)])
        XCTAssertEqual(try kb.allWorks().map(\.title).sorted(), ["First paper about symmetry", "Second paper about something else"])
    }

    func testConflictsAreKeptWithProvenanceAndAuditListsThem() throws {
        _ = try ingest([("a.bib", [Fixtures.work("A1", "Shared work", authors: [("J", "Doe")], year: 2020, doi: "10.1/s",
                                                 venue: "Journal One", line: 4)])])
        let summary = try ingest([("b.bib", [Fixtures.work("B2", "Shared work", authors: [("J", "Doe")], year: 2021,
                                                           doi: "10.1/S", venue: "Journal Two", file: "b.bib", line: 9)])])
        XCTAssertTrue(summary.diagnostics.contains { $0.message.contains("same DOI 10.1/s") }, "\(summary.diagnostics)")
        let provenance = try XCTUnwrap(try kb.workProvenance(key: "B2"))
        XCTAssertEqual(provenance.key, "A1")
        XCTAssertEqual(provenance.aliases.map(\.alias), ["B2"])
        XCTAssertEqual(provenance.merges.map(\.rule), ["same DOI 10.1/s"])
        XCTAssertEqual(Set(provenance.conflicts.map(\.field)), ["venue", "year"])
        let venue = try XCTUnwrap(provenance.conflicts.first { $0.field == "venue" })
        XCTAssertEqual(venue.keptValue, "Journal One")
        XCTAssertEqual(venue.keptSource, "works.bib:4")
        XCTAssertEqual(venue.otherValue, "Journal Two")
        XCTAssertEqual(venue.otherSource, "b.bib:9")
        let findings = try kb.audit().filter { $0.kind == .fieldConflict }
        XCTAssertEqual(findings.count, 2)
        XCTAssertEqual(findings.first?.subject, "A1")
    }

    func testAliasNamesTheMergedWorkEverywhere() throws {
        _ = try ingest([("a.bib", [Fixtures.work("A1", "Shared work", doi: "10.1/s")]),
                        ("b.bib", [Fixtures.work("B2", "Shared work again", doi: "10.1/s", file: "b.bib")])])
        XCTAssertEqual(try kb.canonicalKey("B2"), "A1")
        XCTAssertEqual(try kb.work(key: "B2")?.key, "A1")
        XCTAssertEqual(try kb.bibliographyEntries(keys: ["B2"]).map(\.work.key), ["A1"])
        XCTAssertNil(try kb.canonicalKey("nothing"))
        // A claim or edge naming the old key resolves to the work too.
        let edge = Fixtures.edge("B2", "A1", line: 1)
        let summary = try kb.ingest([(path: "c.csv", result: ParseResult(works: [Fixtures.work("C", "Citing", file: "c.bib")],
                                                                          citations: [Fixtures.edge("C", "B2", line: 2)]))])
        _ = edge
        XCTAssertEqual(summary.citations.added, 1)
        XCTAssertEqual(try kb.work(key: "C")?.cites, ["A1"])
        // graph --root with the old key starts from the merged work.
        XCTAssertEqual(try kb.graphSelectionKeys(GraphSelection(rootKey: "B2")).sorted(), ["A1", "C"])
    }

    func testFullRecordsWithTitleOnlyAreNotMergedByTitleAlone() throws {
        _ = try ingestBibTeX([("a.bib", """
            @inproceedings{full, title = {Introduction}, author = {Smith, A.}, year = 1999, booktitle = {Proc A}}
            @inproceedings{child, title = {Introduction}, crossref = {proc}}
            @proceedings{proc, title = {Proc B}, year = 2005}
            """)])
        let keys = try kb.allWorks().map(\.key)
        XCTAssertTrue(keys.contains("full") && keys.contains("child"), "\(keys)")
    }

    func testEditorsAreStoredAsContributorsNotAuthors() throws {
        _ = try ingestBibTeX([("a.bib", "@collection{c, title = {Edited}, editor = {Smith, Jane}, year = 2000}\n")])
        XCTAssertEqual(try kb.work(key: "c")?.authors, [])
        XCTAssertEqual(try kb.workProvenance(key: "c")?.contributors.map { "\($0.role):\($0.name.family)" }, ["editor:Smith"])
    }
}

final class IngestTitlelessTests: XCTestCase {
    /// Physics styles omit article titles: such an entry with a key and authors is kept, not rejected.
    func testTitlelessEntryWithKeyAndAuthorsIsKept() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let parsed = BibTeXParser.parse("""
            @article{bardeen1957, author = {Bardeen, J. and Cooper, L. N.}, journal = {Phys. Rev.}, volume = 108, year = 1957}
            @misc{, note = {nothing to name it by}}
            """, file: "p.bib")
        let summary = try kb.ingest([(path: "p.bib", result: parsed)])
        XCTAssertEqual(try kb.allWorks().map(\.key), ["bardeen1957"])
        XCTAssertEqual(try kb.work(key: "bardeen1957")?.authors, ["J. Bardeen", "L. N. Cooper"])
        XCTAssertEqual(summary.works.added, 1)
    }
}
