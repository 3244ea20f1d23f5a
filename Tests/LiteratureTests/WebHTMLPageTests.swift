import XCTest
@testable import Literature

final class WebHTMLPageTests: XCTestCase {
    private func parse(_ html: String, file: String = "page.html") -> ParseResult {
        HTMLPageParser.parse(bytes: Array(html.utf8), file: file)
    }

    func testCitationMetaTagsGiveTitleAuthorsIdentifiersYearVenue() throws {
        let result = parse("""
        <!DOCTYPE html><html><head><title>Ignored | Publisher</title>
        <meta name="citation_title" content="Uniqueness of  weights in small nets">
        <meta name="citation_author" content="Doe, Jane Q.">
        <meta name="citation_author" content="Karl van der Berg">
        <meta name="citation_author" content="Li Wei">
        <meta name="citation_doi" content="doi:10.1234/ABC.5678">
        <meta name="citation_arxiv_id" content="arXiv:2101.01234v3">
        <meta name="citation_publication_date" content="2019/07/04">
        <meta name="citation_journal_title" content="Journal of Small Networks">
        <meta name="citation_volume" content="12"><meta name="citation_firstpage" content="3">
        <meta name="citation_lastpage" content="17">
        <meta name="citation_pdf_url" content="https://example.org/paper.pdf">
        <link rel="canonical" href="https://example.org/paper">
        </head><body><p>x</p></body></html>
        """)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.title, "Uniqueness of weights in small nets")
        XCTAssertEqual(work.authors.map(\.family), ["Doe", "Berg", "Wei"])
        XCTAssertEqual(work.authors.map(\.given), ["Jane Q.", "Karl", "Li"])
        XCTAssertEqual(work.authors[1].particle, "van der")
        XCTAssertEqual(work.identifiers.doi, "10.1234/abc.5678")
        XCTAssertEqual(work.identifiers.arxiv, "2101.01234")
        XCTAssertEqual(work.identifiers.urls, ["https://example.org/paper.pdf", "https://example.org/paper"])
        XCTAssertEqual(work.year, 2019)
        XCTAssertEqual(work.venue, "Journal of Small Networks")
        XCTAssertEqual(work.kind, .article)
        XCTAssertEqual(work.volume, "12")
        XCTAssertEqual(work.pages, "3–17")
        let document = try XCTUnwrap(result.documents.first)
        XCTAssertEqual(document.kind, "html-page")
        XCTAssertEqual(document.work.doi, "10.1234/abc.5678")
        XCTAssertEqual(document.work.title, work.title)
        XCTAssertFalse(result.hasErrors)
    }

    func testDublinCoreAndOpenGraphFallbacks() throws {
        let dc = parse("""
        <html><head><meta name="DC.title" content="Dublin title"><meta name="DC.creator" content="Ng, Andrew">
        <meta name="DC.identifier" content="doi:10.5555/XYZ"><meta name="DC.date" content="2008-03-01">
        <meta name="DC.description" content="A description long enough to count as an abstract here.">
        <meta property="og:title" content="OG title"></head><body></body></html>
        """)
        let work = try XCTUnwrap(dc.works.first)
        XCTAssertEqual(work.title, "Dublin title")
        XCTAssertEqual(work.authors.first?.family, "Ng")
        XCTAssertEqual(work.identifiers.doi, "10.5555/xyz")
        XCTAssertEqual(work.year, 2008)
        XCTAssertEqual(work.abstract, "A description long enough to count as an abstract here.")

        let og = parse(#"<html><head><meta property="og:title" content="OG title"><title>T</title></head></html>"#)
        XCTAssertEqual(og.works.first?.title, "OG title")
        let plain = parse("<html><head><title>Plain &amp; simple | Site</title></head><body></body></html>")
        XCTAssertEqual(plain.works.first?.title, "Plain & simple")
        XCTAssertEqual(plain.works.first?.kind, .webpage)
    }

    func testEntitiesAreDecoded() throws {
        let result = parse("""
        <html><head><title>Caf&eacute;&nbsp;na&iuml;ve &#8211; &lt;nets&gt;</title></head>
        <body><div id="abstract">Abstract: Weights &amp; biases of a caf&eacute; network&nbsp;are studied.</div></body></html>
        """)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.title, "Café naïve – <nets>")
        XCTAssertEqual(work.abstract, "Weights & biases of a café network are studied.")
    }

    func testTagSoupDoesNotTruncate() throws {
        let result = parse("""
        <html><head><title>Soup</title></head><body>
        <p>First paragraph with <b>unclosed bold and <i>italic text that goes on for a while
        <p>Second paragraph still present after the unclosed tags, with more words.
        <div><span>Third block text inside unclosed div elements, still readable
        <p>Last paragraph at the very end of the page, nothing closed at all
        """)
        let texts = try XCTUnwrap(result.documents.first).passages.map(\.text).joined(separator: " ")
        XCTAssertTrue(texts.contains("unclosed bold and italic text"))
        XCTAssertTrue(texts.contains("Second paragraph still present"))
        XCTAssertTrue(texts.contains("Last paragraph at the very end of the page"))
    }

    func testAbstractElementAndHeadingRemoved() throws {
        let result = parse("""
        <html><head><title>T</title><meta name="description" content="Short site blurb"></head><body>
        <section class="Abstract-Section"><h2>Abstract</h2><p>We show that the weights of a generic network are determined by its function.</p></section>
        <p>A body paragraph that is long enough to be kept as a passage of the page.</p>
        <footer><p>Copyright footer paragraph that is long enough but sits in the footer.</p></footer>
        </body></html>
        """)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.abstract, "We show that the weights of a generic network are determined by its function.")
        let passages = try XCTUnwrap(result.documents.first).passages
        XCTAssertEqual(passages.map(\.role), ["abstract", "paragraph"])
        XCTAssertFalse(passages.contains { $0.text.contains("Copyright") })
    }

    func testCitationReferenceMetaTags() throws {
        let result = parse("""
        <html><head><meta name="citation_title" content="Citing paper">
        <meta name="citation_reference" content="citation_title=First cited; part two; citation_author=Roe, R.; citation_year=1994">
        <meta name="citation_reference" content="citation_doi=10.1000/CITED.2; citation_title=Second cited">
        <meta name="citation_reference" content="citation_journal_title=Only a journal">
        </head><body></body></html>
        """)
        XCTAssertEqual(result.citations.count, 2)
        let first = result.citations[0]
        XCTAssertEqual(first.citing.title, "Citing paper")
        XCTAssertEqual(first.cited.title, "First cited; part two")
        XCTAssertEqual(first.cited.firstAuthorFamily, "Roe")
        XCTAssertEqual(first.cited.year, 1994)
        XCTAssertEqual(first.relation, "cites")
        XCTAssertEqual(first.location.line, 2)
        XCTAssertEqual(result.citations[1].cited.doi, "10.1000/cited.2")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .warning }.count, 1, "the journal-only reference is reported")
    }

    func testReferenceListItems() throws {
        let result = parse("""
        <html><head><title>Survey</title></head><body>
        <ul class="nav"><li>Home</li></ul>
        <div id="bibliography-section"><h2>References</h2><ol>
        <li>[1] A. Author and B. Writer. A study of neural symmetries. J. Nets, 2001.</li>
        <li>Smith, J., Jones, K. (2015). Permutations of hidden units. Neural Computation, 7, 1–9.</li>
        <li>K. Lee, “Scaling invariance in ReLU nets,” <a href="https://arxiv.org/abs/1905.00001v1">preprint</a>, 2019.</li>
        <li>R. Roe. Something with a DOI. <a href="https://doi.org/10.7777/Q.1">link</a></li>
        </ol></div></body></html>
        """)
        let cited = result.citations.map(\.cited)
        XCTAssertEqual(cited.count, 4, "the navigation list is not a reference list")
        XCTAssertEqual(cited[0].title, "A study of neural symmetries")
        XCTAssertEqual(cited[0].firstAuthorFamily, "Author")
        XCTAssertEqual(cited[0].year, 2001)
        XCTAssertEqual(cited[1].title, "Permutations of hidden units")
        XCTAssertEqual(cited[1].firstAuthorFamily, "Smith")
        XCTAssertEqual(cited[1].year, 2015)
        XCTAssertEqual(cited[2].title, "Scaling invariance in ReLU nets")
        XCTAssertEqual(cited[2].arxiv, "1905.00001")
        XCTAssertEqual(cited[3].doi, "10.7777/q.1")
        XCTAssertTrue(result.citations.allSatisfy { $0.source == "HTML page, reference list" && $0.citing.title == "Survey" })
        XCTAssertEqual(result.citations.map(\.location.line), [4, 5, 6, 7])
    }

    func testLegacyPageWithoutCharsetIsReadAsWindows1252() throws {
        var bytes = Array("<html><head><title>Caf".utf8)
        bytes.append(0xE9)   // "é" in Windows-1252, invalid as UTF-8
        bytes += Array(" page</title></head></html>".utf8)
        let result = HTMLPageParser.parse(bytes: bytes, file: "legacy.html")
        XCTAssertEqual(result.works.first?.title, "Café page")
    }

    func testPageWithoutTitleIsAnError() {
        let result = parse("<html><body><p>no title anywhere</p></body></html>", file: "bad.html")
        XCTAssertTrue(result.works.isEmpty)
        XCTAssertEqual(result.diagnostics.first?.severity, .error)
        XCTAssertEqual(result.diagnostics.first?.location.file, "bad.html")
        XCTAssertTrue(HTMLPageParser.parse(bytes: [], file: "empty.html").hasErrors)
    }

    func testDispatcherRoutesHTML() {
        let result = parseSource(path: "x.htm", bytes: Array(#"<html><head><meta name="citation_title" content="Via dispatcher"></head></html>"#.utf8))
        XCTAssertEqual(result.works.first?.title, "Via dispatcher")
    }
}
