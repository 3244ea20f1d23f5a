import XCTest
@testable import Literature
import TestSupport

/// Saved page text shaped like each site researchers cite. Every fixture is written for this test: an
/// invented paper ("Weight recovery for shallow sigmoid networks" by three invented authors) laid out as
/// the site lays out its pages. Expected values are what the fixture states.
final class PageDumpSiteTests: XCTestCase {
    private let title = "Weight Recovery for Shallow Sigmoid Networks"
    private let abstract = "We ask when the weights of a shallow sigmoid network are determined by finitely many "
        + "input-output pairs, and give a sufficient condition on the sample that one matrix rank decides."

    private func work(_ text: String, file: String = #function) throws -> WorkRecord {
        let result = PageDumpParser.parse(text, file: file + ".txt")
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        return try XCTUnwrap(result.works.first)
    }

    private func assertScraped(_ work: WorkRecord, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(work.verified, "a work known only from a page is unverified", file: file, line: line)
        XCTAssertTrue(work.provenance?.hasPrefix("scraped page: ") == true, "\(String(describing: work.provenance))",
                      file: file, line: line)
    }

    func testArXivAbstractPage() throws {
        let page = try work("""
        Skip to main content
        We thank our member institutions and every contributor for their support. Donate
        > cs > arXiv:2301.04567
        Help | Advanced Search
        Computer Science > Machine Learning
        arXiv:2301.04567 (cs)
        [Submitted on 11 Jan 2023 (v1), last revised 2 Mar 2023 (this version, v2)]
        Title:\(title)
        Authors:Ada Quint, Bruno Ferrand, Chloé Marsh
        View PDF
        Abstract:\(abstract)
        Comments: 12 pages
        Subjects: Machine Learning (cs.LG)
        Cite as: arXiv:2301.04567 [cs.LG]
        """)
        XCTAssertEqual(page.title, title)
        XCTAssertEqual(page.authors.map(\.family), ["Quint", "Ferrand", "Marsh"])
        XCTAssertEqual(page.authors.map(\.given), ["Ada", "Bruno", "Chloé"])
        XCTAssertEqual(page.year, 2023)
        XCTAssertEqual(page.identifiers.arxiv, "2301.04567")
        XCTAssertEqual(page.venue, "arXiv")
        XCTAssertEqual(page.kind, .preprint)
        XCTAssertEqual(page.abstract, abstract)
        assertScraped(page)
    }

    func testAr5ivMarkdownPage() throws {
        let page = try work("""
        # \(title)
        Ada Quint
        Bruno Ferrand
        ###### Abstract
        \(abstract)
        ## 1 Introduction
        Networks with sigmoid units have been studied for a long time, and this introduction says so at length.
        """)
        XCTAssertEqual(page.title, title, "Markdown heading marks are not part of the title")
        XCTAssertEqual(page.authors.map(\.displayName), ["Ada Quint", "Bruno Ferrand"])
        XCTAssertEqual(page.abstract, abstract)
    }

    func testHALRecord() throws {
        let page = try work("""
        Conference Papers Year : 2022
        \(title)
        Ada Quint 1, 2 , Bruno Ferrand 2 , Chloé Marsh 1
        1 Institute of Invented Mathematics
        Abstract
        \(abstract)
        Identifiers
        HAL Id : hal-01234567 , version 1
        DOI : 10.1234/WRS.2022.17
        ARXIV : 2301.04567
        """)
        XCTAssertEqual(page.title, title, "the document-type header is not the title")
        XCTAssertEqual(page.authors.map(\.family), ["Quint", "Ferrand", "Marsh"], "affiliation marks are dropped")
        XCTAssertEqual(page.year, 2022)
        XCTAssertEqual(page.kind, .conference)
        XCTAssertEqual(page.identifiers.hal, "hal-01234567")
        XCTAssertEqual(page.identifiers.doi, "10.1234/wrs.2022.17")
        XCTAssertEqual(page.identifiers.arxiv, "2301.04567")
        XCTAssertNil(page.venue, "HAL names no venue here; an arXiv id does not make it an arXiv preprint")
        assertScraped(page)
    }

    func testOpenReviewForum() throws {
        let page = try work("""
        \(title) Download PDF
        Ada Quint, Bruno Ferrand, Chloé Marsh
        Published: 28 Oct 2022, Last Modified: 14 Jan 2023
        NeurIPS 2022 Accept
        Readers: Everyone
        Keywords: identifiability, sigmoid networks
        Abstract: \(abstract)
        """)
        XCTAssertEqual(page.title, title, "the glued button is not part of the title")
        XCTAssertEqual(page.authors.count, 3)
        XCTAssertEqual(page.year, 2022)
        XCTAssertEqual(page.venue, "NeurIPS 2022")
        XCTAssertEqual(page.kind, .conference)
        XCTAssertEqual(page.abstract, abstract)
    }

    func testPMLRPage() throws {
        let page = try work("""
        \(title)
        Ada Quint, Bruno Ferrand, Chloé Marsh
        Proceedings of the 40th International Conference on Machine Learning, PMLR 202:1234-1250, 2023.
        Abstract
        \(abstract)
        Cite this Paper
        [abs] [Download PDF] [Supplementary PDF]
        """)
        XCTAssertEqual(page.title, title)
        XCTAssertEqual(page.authors.map(\.family), ["Quint", "Ferrand", "Marsh"])
        XCTAssertEqual(page.year, 2023)
        XCTAssertEqual(page.venue, "Proceedings of the 40th International Conference on Machine Learning")
        XCTAssertEqual(page.volume, "202")
        XCTAssertEqual(page.pages, "1234–1250")
        XCTAssertEqual(page.kind, .conference)
    }

    func testNeurIPSProceedingsPage() throws {
        let page = try work("""
        \(title)
        Part of Advances in Neural Information Processing Systems 35 (NeurIPS 2022) Main Conference Track
        Bibtex Paper Supplemental
        Authors
        Ada Quint, Bruno Ferrand, Chloé Marsh
        Abstract
        \(abstract)
        """)
        XCTAssertEqual(page.title, title)
        XCTAssertEqual(page.authors.map(\.family), ["Quint", "Ferrand", "Marsh"])
        XCTAssertEqual(page.year, 2022)
        XCTAssertEqual(page.venue, "Advances in Neural Information Processing Systems 35 (NeurIPS 2022)")
        XCTAssertEqual(page.abstract, abstract)
    }

    func testZbMATHDocument() throws {
        let page = try work("""
        Quint, Ada; Ferrand, Bruno
        Weight recovery for shallow sigmoid networks. (English) Zbl 1500.68001
        Adv. Math. 401, Article ID 108256, 40 p. (2022).
        Summary: \(abstract)
        MSC:
        68T07 Artificial neural networks and deep learning
        """)
        XCTAssertEqual(page.title, "Weight recovery for shallow sigmoid networks")
        XCTAssertEqual(page.authors.map(\.family), ["Quint", "Ferrand"])
        XCTAssertEqual(page.authors.map(\.given), ["Ada", "Bruno"])
        XCTAssertEqual(page.year, 2022)
        XCTAssertEqual(page.venue, "Adv. Math.")
        XCTAssertEqual(page.volume, "401")
        XCTAssertEqual(page.identifiers.zbmath, "1500.68001")
        XCTAssertEqual(page.abstract, abstract)
    }

    func testSemanticScholarPage() throws {
        let page = try work("""
        \(title)
        A. Quint, B. Ferrand, C. Marsh
        Published in International Conference on Machine Learning 11 January 2023
        Computer Science, Mathematics
        TLDR
        A rank test decides weight recovery.
        Abstract
        \(abstract)
        """)
        XCTAssertEqual(page.title, title)
        XCTAssertEqual(page.authors.map(\.family), ["Quint", "Ferrand", "Marsh"])
        XCTAssertEqual(page.year, 2023)
        XCTAssertEqual(page.venue, "International Conference on Machine Learning")
    }

    func testJSONAuthorsListInADump() throws {
        let page = try work("""
        \(title)
        {"paperId": "x1", "title": "\(title)", "year": 2021, "authors": [{"authorId": "7", "name": "Ada Quint"}, {"name": "Bruno Ferrand"}]}
        Abstract
        \(abstract)
        """)
        XCTAssertEqual(page.authors.map(\.displayName), ["Ada Quint", "Bruno Ferrand"])
        XCTAssertEqual(page.year, 2021)
    }

    func testNavigationNeverBecomesTheTitle() throws {
        for navigation in ["Skip to main content", "Home › Proceedings › NeurIPS 2022", "Help | Advanced Search",
                           "Statistics > Machine Learning", "Journal articles Year : 2021", "Download PDF"] {
            let page = try work("\(navigation)\n\(title)\nAbstract\n\(abstract)\n", file: "nav")
            XCTAssertEqual(page.title, title, "'\(navigation)' taken for the title")
        }
    }

    func testCodePageMojibakeInAuthorsIsRepaired() throws {
        // "François" encoded as UTF-8 and read back with DOS code pages, done by Python's codecs.
        let garbled = try PythonOracle.run("""
            import sys
            for page in ("cp437", "cp850", "cp852"):
                print("François".encode("utf-8").decode(page))
            """).split(separator: "\n").map(String.init)
        XCTAssertEqual(garbled.count, 3)
        XCTAssertTrue(garbled.contains("Fran├ºois") && garbled.contains("Fran├žois"), "\(garbled)")
        for (index, name) in garbled.enumerated() {
            let result = PageDumpParser.parse("\(title)\nAuthors: \(name) Marsh, Ada Quint\nAbstract\n\(abstract)\n",
                                              file: "cp\(index).txt")
            let page = try XCTUnwrap(result.works.first)
            XCTAssertEqual(page.authors.first?.given, "François", "from '\(name)'")
            XCTAssertTrue(result.diagnostics.contains { $0.severity == .note && $0.message.contains("repaired mojibake") })
        }
    }

    func testStackExchangeAndMaRDIWorksAreScraped() throws {
        let thread = PageDumpParser.parse("Is a shallow net identifiable? Asking.\n\n## Best Answer\n\nYes, up to symmetry.\n",
                                          file: "qa.txt")
        assertScraped(try XCTUnwrap(thread.works.first))
        let mardi = PageDumpParser.parse("\(title)\nFrom MaRDI portal\nPublication:1234567\nAbstract: \(abstract)\n",
                                         file: "mardi.txt")
        assertScraped(try XCTUnwrap(mardi.works.first))
        XCTAssertEqual(mardi.works.first?.identifiers.mardi, "Q1234567")
    }
}

extension PageDumpSiteTests {
    func testMojibakeNotesAreBoundedPerPage() throws {
        let runs = 3 * PageLimits.maximumRepairNotesPerPage
        let body = (0..<runs).map { "rÃ©sumÃ© \($0)" }.joined(separator: " ")
        let result = PageDumpParser.parse("\(title)\nAbstract\n\(abstract) \(body)\n", file: "many.txt")
        let notes = result.diagnostics.filter { $0.severity == .note && $0.message.contains("mojibake") }
        XCTAssertEqual(notes.count, PageLimits.maximumRepairNotesPerPage + 1)
        XCTAssertTrue(notes.last?.message.contains("repaired \(2 * runs - PageLimits.maximumRepairNotesPerPage) more") == true,
                      "\(String(describing: notes.last?.message))")
        XCTAssertFalse(result.works.first?.abstract?.contains("Ã") ?? true, "every run is repaired, reported or not")
    }

    func testHTMLTitleElementWithoutArXivIdOrNavigation() throws {
        let page = HTMLPageParser.parse(bytes: Array("""
        <html><head><title>[2301.04567] \(title)</title></head><body><h1>Skip to main content</h1></body></html>
        """.utf8), file: "a.html")
        XCTAssertEqual(page.works.first?.title, title)
        let noTitle = HTMLPageParser.parse(bytes: Array("""
        <html><body><h1>Skip to main content</h1><h1>\(title) Download PDF</h1></body></html>
        """.utf8), file: "b.html")
        XCTAssertEqual(noTitle.works.first?.title, title)
    }
}
