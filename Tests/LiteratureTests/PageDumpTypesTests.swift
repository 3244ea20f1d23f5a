import XCTest
@testable import Literature

/// Each page type on small dumps written for the test.
final class PageDumpTypesTests: XCTestCase {
    func testQAThreadWithBulletComments() throws {
        let text = """
        Do deep linear nets have unique weights? I wonder about this.

          • 2
            $\\begingroup$ Only up to an invertible matrix. $\\endgroup$ – Ann Example Mar 3 '19 at 9:05
          • $\\begingroup$ See the classic papers. $\\endgroup$ – bob Dec 24 '20 at 23:59

        No: insert any invertible matrix between two layers.

          • $\\begingroup$ Nice answer. $\\endgroup$ – Cy Jan 1 '21 at 0:00

        A second answer without comments.

        Your Answer

        Not the answer you're looking for? Browse other questions.
        """
        XCTAssertEqual(PageDumpParser.detect(text), .qaThread)
        let result = PageDumpParser.parse(text, file: "qa.txt")
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.title, "Do deep linear nets have unique weights?")
        XCTAssertEqual(work.kind, .discussion)
        XCTAssertEqual(work.venue, "Cross Validated")
        let passages = try XCTUnwrap(result.documents.first).passages
        XCTAssertEqual(passages.map(\.role), ["question", "comment", "comment", "answer", "comment", "answer"])
        XCTAssertEqual(passages[1].author, "Ann Example")
        XCTAssertEqual(passages[1].date, "2019-03-03T09:05")
        XCTAssertEqual(passages[1].text, "Only up to an invertible matrix.")
        XCTAssertEqual(passages[2].author, "bob")
        XCTAssertEqual(passages[2].date, "2020-12-24T23:59")
        XCTAssertEqual(passages[3].text, "No: insert any invertible matrix between two layers.")
        XCTAssertEqual(passages[5].text, "A second answer without comments.")
        XCTAssertFalse(passages.contains { $0.text.contains("begingroup") || $0.text.contains("Your Answer") })
        XCTAssertFalse(passages.contains { $0.text == "2" || $0.text == "- 2" }, "vote counts are dropped")
        XCTAssertEqual(result.documents.first?.work.title, work.title)
    }

    func testQAThreadWithBestAnswerHeading() throws {
        let text = """
        **Why** do ReLU nets have scaling symmetries, e.g. in hidden units? More text.

        ## Best Answer

        Because relu(a x) = a relu(x) for a > 0.

        ## A heading inside the answer

        More of the same answer.
        """
        let result = PageDumpParser.parse(text, file: "qa.md.txt")
        XCTAssertEqual(result.works.first?.title, "Why do ReLU nets have scaling symmetries, e.g. in hidden units?")
        let passages = try XCTUnwrap(result.documents.first).passages
        XCTAssertEqual(passages.map(\.role), ["question", "accepted-answer"])
        XCTAssertTrue(passages[1].text.hasSuffix("A heading inside the answer\n\nMore of the same answer."))
    }

    func testMaRDIPage() throws {
        let text = """
        On weights of tiny networks
        From MaRDI portal
        Publication:42
        Abstract: We study tiny networks.
        Recommendations
        - A recommended paper
        Cites work
        - scientific article; zbMATH DE number 77 (Why is no real title available?)
        - An older paper
        Cited in
        (2)- A newer paper
        - Another newer paper
        This page was built for publication: On weights of tiny networks
        Report a bug (only for logged in users!)Click here to report a bug for this page (MaRDI item Q42)
        """
        XCTAssertEqual(PageDumpParser.detect(text), .mardiPage)
        let result = PageDumpParser.parse(text, file: "mardi.txt")
        XCTAssertTrue(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let page = try XCTUnwrap(result.works.first)
        XCTAssertEqual(page.title, "On weights of tiny networks")
        XCTAssertEqual(page.identifiers.mardi, "Q42")
        XCTAssertEqual(page.abstract, "We study tiny networks.")
        let untitled = try XCTUnwrap(result.works.first { $0.identifiers.zbmath == "77" })
        XCTAssertEqual(untitled.title, "zbMATH DE number 77 (untitled)")
        XCTAssertFalse(untitled.verified)

        let edges = result.citations
        XCTAssertEqual(edges.map(\.relation), ["recommends", "cites", "cites", "cites", "cites"])
        XCTAssertEqual(edges.map(\.location.line), [6, 8, 9, 11, 12])
        XCTAssertEqual(edges[0].cited.title, "A recommended paper")
        XCTAssertEqual(edges[1].cited.zbmath, "77")
        XCTAssertEqual(edges[1].citing.mardi, "Q42")
        XCTAssertEqual(edges[3].citing.title, "A newer paper")
        XCTAssertEqual(edges[3].cited.mardi, "Q42")
        XCTAssertEqual(edges[3].source, "MaRDI page, Cited in")
        let document = try XCTUnwrap(result.documents.first)
        XCTAssertEqual(document.kind, "mardi-page")
        XCTAssertFalse(document.passages.contains { $0.text.contains("Report a bug") || $0.text.contains("built for") })
    }

    func testMaRDICountMismatchIsReported() {
        let text = "T\nPublication:1\nCited in\n(3)- Only one\n"
        let result = PageDumpParser.parse(text, file: "m.txt")
        XCTAssertEqual(result.diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(result.diagnostics.first?.location.line, 4)
    }

    func testLandingPageBadgeRow() throws {
        let text = """
        Sign symmetries in tanh networks

        journal-article2020Neural ComputationOpen access

        Flipping the signs of all weights around a tanh unit leaves the network function unchanged; we show these flips and permutations are all the symmetries for generic weights, and give a procedure that recovers them.
        """
        XCTAssertEqual(PageDumpParser.detect(text), .landingPage)
        let work = try XCTUnwrap(PageDumpParser.parse(text, file: "l.txt").works.first)
        XCTAssertEqual(work.kind, .article)
        XCTAssertEqual(work.year, 2020)
        XCTAssertEqual(work.venue, "Neural Computation")
        XCTAssertTrue(work.abstract?.hasPrefix("Flipping the signs") ?? false)
    }

    func testUnknownTextIsAGenericPageWithWarning() throws {
        let text = "Shopping list\n\neggs\nmilk\n"
        XCTAssertEqual(PageDumpParser.detect(text), .generic)
        let result = PageDumpParser.parse(text, file: "g.txt")
        XCTAssertEqual(result.works.first?.title, "Shopping list")
        XCTAssertEqual(result.works.first?.kind, .webpage)
        XCTAssertEqual(result.documents.first?.kind, "generic-page")
        XCTAssertEqual(result.diagnostics.map(\.severity), [.warning])
        XCTAssertTrue(result.diagnostics[0].description.hasPrefix("g.txt:1:1: warning: page type not recognised"))
        XCTAssertTrue(PageDumpParser.parse("  \n\n", file: "e.txt").hasErrors)
    }
}
