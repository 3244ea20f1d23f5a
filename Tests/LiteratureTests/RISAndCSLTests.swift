import XCTest
@testable import Literature

final class RISParserTests: XCTestCase {
    private let sample = """
        TY  - JOUR
        ID  - BMB22
        AU  - Bona-Pellissier, Joachim
        AU  - Bachoc, François
        A1  - Malgouyres, François
        TI  - Local identification of
          feedforward networks
        JO  - Some Journal
        PY  - 2022/05/01/
        VL  - 3
        IS  - 2
        SP  - 10
        EP  - 20
        DO  - https://doi.org/10.5555/ABC
        UR  - https://arxiv.org/abs/2111.05012v2
        AB  - An abstract.
        KW  - identifiability
        N1  - A note
        PB  - Pub
        ZZ  - custom value
        ER  -
        TY  - BOOK
        AU  - Fefferman, Charles
        TI  - A book
        PY  - 1994
        ER  - 
        """

    func testRecordFields() throws {
        let result = RISParser.parse(sample, file: "r.ris")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.works.count, 2)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.key, "BMB22")
        XCTAssertEqual(work.kind, .article)
        XCTAssertEqual(work.title, "Local identification of feedforward networks")
        XCTAssertEqual(work.authors.map(\.family), ["Bona-Pellissier", "Bachoc", "Malgouyres"])
        XCTAssertEqual(work.authors[1].given, "François")
        XCTAssertEqual(work.year, 2022)
        XCTAssertEqual(work.month, 5)
        XCTAssertEqual(work.venue, "Some Journal")
        XCTAssertEqual(work.volume, "3")
        XCTAssertEqual(work.issue, "2")
        XCTAssertEqual(work.pages, "10–20")
        XCTAssertEqual(work.identifiers.doi, "10.5555/abc")
        XCTAssertEqual(work.identifiers.arxiv, "2111.05012")
        XCTAssertEqual(work.abstract, "An abstract.")
        XCTAssertEqual(work.note, "A note")
        XCTAssertEqual(work.publisher, "Pub")
        XCTAssertEqual(work.rawFields["ZZ"], "custom value")
        XCTAssertEqual(work.location, SourceLocation(file: "r.ris", line: 1, column: 1))
        XCTAssertEqual(result.works[1].kind, .book)
        XCTAssertEqual(result.works[1].location.line, 22)  // the second TY line
    }

    func testErrors() {
        let text = """
            AU  - Stray, Author
            TY  - JOUR
            TI  - Good
            ER  -
            TY  - JOUR
            AU - Broken, Spacing
            TI  - Bad
            ER  -
            TY  - JOUR
            TI  - Never closed
            TY  - JOUR
            TI  - Second good
            ER  -
            TY  - JOUR
            TI  - Open at end
            """
        let result = RISParser.parse(text, file: "r.ris")
        XCTAssertEqual(result.works.map(\.title), ["Good", "Second good"])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "r.ris:1:1: error: tag 'AU' outside a record: expected 'TY  - ' first",
            "r.ris:6:1: error: malformed RIS line: expected 'XX  - value' (two-character tag, two spaces, '-', space); record skipped",
            "r.ris:9:1: error: record has no 'ER  - ' before the next 'TY  - ' on line 11; skipped",
            "r.ris:14:1: error: record is not closed by 'ER  - '; skipped",
        ])
    }
}

final class CSLJSONParserTests: XCTestCase {
    func testItems() throws {
        let text = """
            [
              {"id": "VB21", "type": "article-journal", "title": "Affine symmetries",
               "author": [{"family": "Vlačić", "given": "Verner"},
                          {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van", "suffix": "Jr."},
                          {"literal": "The Consortium"}],
               "issued": {"date-parts": [[2021, 3]]}, "container-title": "Advances in Mathematics",
               "volume": 376, "issue": "2", "page": "1-20", "DOI": "10.1016/J.AIM", "URL": "https://x.org",
               "abstract": "Abs.", "publisher": "Elsevier"},
              {"id": "P", "type": "article", "title": "A preprint", "issued": {"date-parts": [["2020"]]}}
            ]
            """
        let result = CSLJSONParser.parse(text, file: "c.json")
        XCTAssertEqual(result.diagnostics, [])
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.key, "VB21")
        XCTAssertEqual(work.kind, .article)
        XCTAssertEqual(work.authors, [PersonName(given: "Verner", family: "Vlačić"),
                                      PersonName(given: "Ludwig", particle: "van", family: "Beethoven", suffix: "Jr."),
                                      PersonName(family: "The Consortium", isCorporate: true)])
        XCTAssertEqual(work.year, 2021)
        XCTAssertEqual(work.month, 3)
        XCTAssertEqual(work.venue, "Advances in Mathematics")
        XCTAssertEqual(work.volume, "376")
        XCTAssertEqual(work.issue, "2")
        XCTAssertEqual(work.pages, "1-20")
        XCTAssertEqual(work.identifiers.doi, "10.1016/j.aim")
        XCTAssertEqual(work.identifiers.urls, ["https://x.org"])
        XCTAssertEqual(work.abstract, "Abs.")
        XCTAssertEqual(work.publisher, "Elsevier")
        XCTAssertEqual(work.location, SourceLocation(file: "c.json", line: 2, column: 3))
        XCTAssertEqual(result.works[1].kind, .preprint)
        XCTAssertEqual(result.works[1].year, 2020)
        XCTAssertEqual(result.works[1].location.line, 9)  // the second item opens on line 9
    }

    func testSingleItemAndErrors() {
        XCTAssertEqual(CSLJSONParser.parse(#"{"title": "One", "type": "book"}"#, file: "c.json").works.map(\.kind), [.book])
        let result = CSLJSONParser.parse("[\n  {\"title\": \"ok\"},\n  {\"id\": \"x\"},\n  42\n]", file: "c.json")
        XCTAssertEqual(result.works.count, 1)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "c.json:3:3: error: item 2 has no title; skipped",
            "c.json:4:3: error: item 3 is not a JSON object; skipped",
        ])
        // The item itself is complete (Foundation tolerates its trailing comma): it is kept, and the
        // missing ']' is reported (issue 9: only a bad item is rejected).
        let broken = CSLJSONParser.parse("[{\"title\": \"x\",}", file: "c.json")
        XCTAssertEqual(broken.works.count, 1)
        XCTAssertEqual(broken.diagnostics.count, 1)
        XCTAssertEqual(broken.diagnostics.first?.severity, .error)
        XCTAssertTrue(broken.diagnostics.first?.message.hasPrefix("invalid JSON") ?? false)
    }
}
