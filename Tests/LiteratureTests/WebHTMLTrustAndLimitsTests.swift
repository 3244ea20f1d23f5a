import XCTest
@testable import Literature

/// HTML metadata sources in their order of trust (Highwire, Dublin Core, JSON-LD, OpenGraph), the page
/// record's unverified status, and the bound on references per page. Pages are written for the test.
final class WebHTMLTrustAndLimitsTests: XCTestCase {
    private func parse(_ html: String) -> ParseResult {
        HTMLPageParser.parse(bytes: Array(html.utf8), file: "page.html")
    }

    private let jsonLD = """
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "WebSite", "name": "Some Site"},
          {"@type": "ScholarlyArticle", "headline": "Linked-data title",
           "author": [{"@type": "Person", "givenName": "Ada", "familyName": "Quint"}, {"@type": "Person", "name": "Bruno Ferrand"}],
           "datePublished": "2020-05-17", "isPartOf": {"@type": "Periodical", "name": "Journal of Invented Results"},
           "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.5555/LD.2020.1"},
           "abstract": "An abstract stated only in the linked data of this page, long enough to count."}
        ]}
        </script>
        """

    func testJSONLDScholarlyArticleFillsEverything() throws {
        let result = parse("""
        <html><head><title>Tab title | Site</title>\(jsonLD)
        <meta property="og:title" content="OpenGraph title"></head><body><h1>Heading</h1></body></html>
        """)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.title, "Linked-data title", "JSON-LD outranks OpenGraph and <title>")
        XCTAssertEqual(work.authors.map(\.family), ["Quint", "Ferrand"])
        XCTAssertEqual(work.authors.map(\.given), ["Ada", "Bruno"])
        XCTAssertEqual(work.year, 2020)
        XCTAssertEqual(work.venue, "Journal of Invented Results")
        XCTAssertEqual(work.identifiers.doi, "10.5555/ld.2020.1")
        XCTAssertEqual(work.abstract, "An abstract stated only in the linked data of this page, long enough to count.")
    }

    func testHighwireAndDublinCoreOutrankJSONLD() throws {
        let highwire = try XCTUnwrap(parse("""
        <html><head>\(jsonLD)<meta name="DC.title" content="Dublin Core title">
        <meta name="citation_title" content="Highwire title"><meta name="citation_author" content="Marsh, Chloé">
        <meta name="citation_date" content="2019"></head><body></body></html>
        """).works.first)
        XCTAssertEqual(highwire.title, "Highwire title")
        XCTAssertEqual(highwire.authors.map(\.family), ["Marsh"])
        XCTAssertEqual(highwire.year, 2019)
        let dublinCore = try XCTUnwrap(parse("""
        <html><head>\(jsonLD)<meta name="DC.title" content="Dublin Core title">
        <meta name="DC.creator" content="Marsh, Chloé"></head><body></body></html>
        """).works.first)
        XCTAssertEqual(dublinCore.title, "Dublin Core title")
        XCTAssertEqual(dublinCore.authors.map(\.family), ["Marsh"])
        XCTAssertEqual(dublinCore.year, 2020, "a field Dublin Core lacks still comes from JSON-LD")
    }

    func testBrokenJSONLDIsIgnored() throws {
        let work = try XCTUnwrap(parse("""
        <html><head><script type="application/ld+json">{"@type": "ScholarlyArticle", "headline": </script>
        <meta property="og:title" content="OpenGraph title"></head><body></body></html>
        """).works.first)
        XCTAssertEqual(work.title, "OpenGraph title")
    }

    func testHTMLPageWorkIsUnverifiedWithProvenance() throws {
        let work = try XCTUnwrap(parse("<html><head><meta name=\"citation_title\" content=\"T\"></head></html>").works.first)
        XCTAssertFalse(work.verified)
        XCTAssertEqual(work.provenance, "scraped page: HTML page (page.html:1)")
    }

    func testReferencesPerPageAreBounded() throws {
        let count = 3 * PageLimits.maximumReferencesPerPage
        var html = "<html><head><meta name=\"citation_title\" content=\"A page citing too much\">\n"
        for index in 0..<count {
            html += "<meta name=\"citation_reference\" content=\"citation_title=Cited work \(index); citation_year=2001\">\n"
        }
        html += "</head><body></body></html>"
        let result = parse(html)
        XCTAssertEqual(result.citations.count, PageLimits.maximumReferencesPerPage)
        XCTAssertEqual(result.citations.last?.cited.title, "Cited work \(PageLimits.maximumReferencesPerPage - 1)")
        let errors = result.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].message.contains("\(count) references"), errors[0].message)
        XCTAssertTrue(errors[0].message.contains("PageLimits.maximumReferencesPerPage"), errors[0].message)
        // The first reference not read is on line 2 + limit (line 1 holds the title tag).
        XCTAssertEqual(errors[0].location.line, 2 + PageLimits.maximumReferencesPerPage)
    }

    func testMaRDIEntriesPerPageAreBounded() throws {
        let count = PageLimits.maximumReferencesPerPage + 5
        let entries = (0..<count).map { "- Cited paper number \($0)" }.joined(separator: "\n")
        let result = PageDumpParser.parse("A MaRDI title\nFrom MaRDI portal\nPublication:42\nCited in\n(\(count))\(entries.dropFirst(0))\n",
                                          file: "m.txt")
        XCTAssertEqual(result.citations.count, PageLimits.maximumReferencesPerPage)
        XCTAssertTrue(result.diagnostics.contains { $0.severity == .error && $0.message.contains("PageLimits.maximumReferencesPerPage") })
    }

    func testReferenceWithManySemicolonsIsSplitCorrectly() throws {
        // One long content with many ";" (formerly lower-cased from each ";" to the end: quadratic).
        let filler = String(repeating: "a; ", count: 20_000)
        let reference = HTMLReferences.metaReference("citation_title=Semi; colons \(filler); citation_doi=10.1234/x.1")
        XCTAssertEqual(reference?.doi, "10.1234/x.1")
        XCTAssertTrue(reference?.title?.hasPrefix("Semi; colons a; a;") == true)
    }
}

extension WebHTMLTrustAndLimitsTests {
    func testMojibakeInMetaTagsIsRepairedWithANote() throws {
        // "Chloé" as UTF-8 read as Windows-1252 is "ChloÃ©"; read as CP437 it is "Chlo├⌐".
        let result = parse("""
        <html><head><meta charset="utf-8"><meta name="citation_title" content="Rank tests ├á la carte">
        <meta name="citation_author" content="Marsh, ChloÃ©"></head><body></body></html>
        """)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.authors.first?.given, "Chloé")
        XCTAssertEqual(work.title, "Rank tests à la carte")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .note && $0.message.contains("mojibake") }.count, 2)
    }
}
