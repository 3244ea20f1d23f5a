import XCTest
@testable import Literature

/// Out-of-range years and months are refused per field with a warning in every bibliographic format,
/// never clamped, wrapped or cut to their first digits; NUL characters stay visible. Expected years are
/// read off the inputs by hand.
final class ParserValuesTests: XCTestCase {
    private let huge = "100000000000000000000000"   // 10^23, written out

    func testYearOfADateText() {
        XCTAssertEqual(ParserLimits.year(in: "2021").year, 2021)
        XCTAssertEqual(ParserLimits.year(in: "2021/03/15/").year, 2021)
        XCTAssertEqual(ParserLimits.year(in: "15.03.2021").year, 2021)
        XCTAssertEqual(ParserLimits.year(in: "circa 1950").year, 1950)
        XCTAssertEqual(ParserLimits.year(in: "1000").year, 1000)
        XCTAssertEqual(ParserLimits.year(in: "2100").year, 2100)
        for refused in ["0999", "2101", "99999", huge, "-" + huge] {
            let parsed = ParserLimits.year(in: refused)
            XCTAssertNil(parsed.year, refused)
            XCTAssertNotNil(parsed.refusal, refused)
        }
        XCTAssertTrue(ParserLimits.year(in: huge).refusal?.contains("24-digit number") ?? false)
        // No run of four digits: no year and nothing to refuse.
        XCTAssertEqual(ParserLimits.year(in: "n.d.").year, nil)
        XCTAssertEqual(ParserLimits.year(in: "12/3").refusal, nil)
    }

    func testRISYearsAndMonthsOutOfRange() {
        let text = """
            TY  - JOUR
            TI  - Huge
            PY  - \(huge)
            ER  - 
            TY  - JOUR
            TI  - Early
            PY  - 0999
            ER  - 
            TY  - JOUR
            TI  - Fallback
            PY  - 99999
            DA  - 2003/13/01
            ER  - 
            TY  - JOUR
            TI  - Fine
            PY  - 2021///
            ER  - 

            """
        let result = RISParser.parse(text, file: "y.ris")
        XCTAssertEqual(result.works.map(\.title), ["Huge", "Early", "Fallback", "Fine"])
        XCTAssertEqual(result.works.map(\.year), [nil, nil, 2003, 2021])
        XCTAssertEqual(result.works.map(\.month), [nil, nil, nil, nil])
        XCTAssertEqual(result.diagnostics.map(\.location.description), ["y.ris:1:1", "y.ris:5:1", "y.ris:9:1", "y.ris:9:1"])
        XCTAssertTrue(result.diagnostics.allSatisfy { $0.severity == .warning })
        let messages = result.diagnostics.map(\.message)
        XCTAssertTrue(messages[0].hasPrefix("tag 'PY': '\(huge)' is not a year in 1000–2100"), messages[0])
        XCTAssertTrue(messages[1].hasPrefix("tag 'PY': '0999'"), messages[1])
        XCTAssertTrue(messages[2].hasPrefix("tag 'PY': '99999'"), messages[2])
        XCTAssertEqual(messages[3], "tag 'DA': month '13' is not a month 1–12; not stored")
    }

    func testCSLJSONYearsAndMonthsOutOfRange() {
        let text = """
            [{"id": "a", "title": "A", "issued": {"raw": "\(huge)"}},
             {"id": "b", "title": "B", "issued": {"date-parts": [[2020, 14]]}},
             {"id": "c", "title": "C", "issued": {"date-parts": [[-5]]}},
             {"id": "d", "title": "D", "issued": {"raw": "Spring 2019"}}]
            """
        let result = CSLJSONParser.parse(text, file: "y.json")
        XCTAssertEqual(result.works.map(\.year), [nil, 2020, nil, 2019])
        XCTAssertEqual(result.works.map(\.month), [nil, nil, nil, nil])
        XCTAssertEqual(result.diagnostics.map(\.location.description), ["y.json:1:2", "y.json:2:2", "y.json:3:2"])
        XCTAssertTrue(result.diagnostics[0].message.hasPrefix("item 1: issued date '\(huge)' is not a year"), result.diagnostics[0].message)
        XCTAssertEqual(result.diagnostics[1].message, "item 2: issued month '14' is not a month 1–12; not stored")
        XCTAssertTrue(result.diagnostics[2].message.hasPrefix("item 3: issued year '-5'"), result.diagnostics[2].message)
    }

    func testHTMLDateMetaOutOfRangeIsRefusedAndTheNextTagUsed() {
        let html = """
            <html><head><meta name="citation_title" content="T">
            <meta name="citation_publication_date" content="\(huge)">
            <meta name="citation_date" content="1999-05-01">
            </head></html>
            """
        let result = HTMLPageParser.parse(bytes: Array(html.utf8), file: "y.html")
        XCTAssertEqual(result.works.first?.year, 1999)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "y.html:2:1: warning: meta tag 'citation_publication_date': '\(huge)' is not a year in 1000–2100 "
                + "(a 24-digit number); not stored",
        ])
        let alone = HTMLPageParser.parse(bytes: Array(html.replacingOccurrences(of: "1999-05-01", with: "0042").utf8), file: "y.html")
        XCTAssertNil(alone.works.first?.year)
        XCTAssertEqual(alone.diagnostics.count, 2)
    }

    func testHTMLReferenceYearOutOfRangeIsWarned() {
        let html = """
            <html><head><meta name="citation_title" content="T">
            <meta name="citation_reference" content="citation_title=Cited; citation_year=20011">
            <meta name="citation_reference" content="citation_title=Other; citation_year=2001">
            </head></html>
            """
        let result = HTMLPageParser.parse(bytes: Array(html.utf8), file: "r.html")
        XCTAssertEqual(result.citations.map(\.cited.year), [nil, 2001])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "r.html:2:1: warning: citation_reference year '20011' is not a year in 1000–2100 (a 5-digit number); not stored",
        ])
    }

    func testHTMLJSONLDYearAndNULAreWarned() {
        let html = """
            <html><head>
            <script type="application/ld+json">{"@type": "ScholarlyArticle", "headline": "Linked\\u0000title",
              "datePublished": "\(huge)"}</script></head></html>
            """
        let result = HTMLPageParser.parse(bytes: Array(html.utf8), file: "ld.html")
        XCTAssertEqual(result.works.first?.title, "Linked\u{2400}title")
        XCTAssertNil(result.works.first?.year)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "ld.html:2:1: warning: JSON-LD date '\(huge)' is not a year in 1000–2100 (a 24-digit number); not stored",
            "ld.html:2:1: warning: JSON-LD title contains NUL characters; kept as the visible symbol ␀ (U+2400)",
        ])
    }

    func testBibTeXNumbersThatOverflowAreRefused() {
        let text = "@misc{a, title = {A}, year = {\(huge)}, month = {\(huge)}}\n@misc{b, title = {B}, year = 2004}\n"
        let result = parseSource(path: "n.bib", bytes: Array(text.utf8))
        XCTAssertEqual(result.works.map(\.year), [nil, 2004])
        XCTAssertEqual(result.works.map(\.month), [nil, nil])
        XCTAssertEqual(result.diagnostics.count, 2)
        XCTAssertTrue(result.diagnostics.allSatisfy { $0.severity == .warning && $0.location.line == 1 })
    }

    func testBibTeXYearWithTextIsNotCutToFourDigits() {
        XCTAssertEqual(BibLaTeXFields.parseYear("circa 1950").year, 1950)
        XCTAssertEqual(BibLaTeXFields.parseYear("2021/2022").year, 2021)
        let long = BibLaTeXFields.parseYear("circa 19999")
        XCTAssertNil(long.year)
        XCTAssertEqual(long.warning, "year 'circa 19999' is not a year in 1000–2100 (a 5-digit number); not stored")
    }

    // MARK: NUL characters

    func testNULInFileBytesIsVisibleInEveryTextFormat() {
        // A NUL in the first 8 KiB makes the file binary (refused whole, tested elsewhere): pad past that.
        let inputs: [(String, String)] = [
            ("n.bib", String(repeating: "% padding line\n", count: 700) + "@misc{a, title = {Cut\u{0}here}}\n"),
            ("n.ris", String(repeating: "TY  - GEN\nTI  - Pad\nER  - \n", count: 400) + "TY  - JOUR\nTI  - Cut\u{0}here\nER  - \n"),
            ("n.json", "[" + String(repeating: " ", count: 10_000) + "{\"id\": \"a\", \"title\": \"Cut\u{0}here\"}]"),
        ]
        for (path, text) in inputs {
            let result = parseSource(path: path, bytes: Array(text.utf8))
            XCTAssertEqual(result.works.last?.title, "Cut\u{2400}here", path)
            XCTAssertEqual(result.diagnostics.map(\.severity), [.warning], path)
            XCTAssertTrue(result.diagnostics.first?.message.contains("NUL") ?? false, path)
        }
    }

    func testNULInHTMLIsVisibleNotACut() {
        // libxml2 returns C strings: before the fix, both pages gave the title "Cut".
        let padding = "<!-- " + String(repeating: "p", count: 9000) + " -->\n"
        let raw = Array("<html><head>\(padding)<meta name=\"citation_title\" content=\"Cut".utf8) + [0]
            + Array("here\"></head></html>".utf8)
        let rawResult = parseSource(path: "raw.html", bytes: raw)
        XCTAssertEqual(rawResult.works.first?.title, "Cut\u{2400}here")
        XCTAssertEqual(rawResult.diagnostics.map(\.location.description), ["raw.html:2:41"])
        let references = "<html><head>\n<meta name=\"citation_title\" content=\"Cut&#0;here&#x000;x&#0123;\"></head></html>"
        let referenceResult = parseSource(path: "ref.html", bytes: Array(references.utf8))
        XCTAssertEqual(referenceResult.works.first?.title, "Cut\u{2400}here\u{2400}x{")
        XCTAssertEqual(referenceResult.diagnostics.map(\.description), [
            "ref.html:2:41: warning: 2 NUL character reference(s) (&#0;); kept as the visible symbol ␀ (U+2400)",
        ])
    }

    func testJSONEscapedNULIsVisibleWithAWarning() {
        let text = "[{\"id\": \"a\", \"title\": \"Cut\\u0000here\", \"author\": [{\"family\": \"N\\u0000l\"}]}]"
        let result = parseSource(path: "esc.json", bytes: Array(text.utf8))
        XCTAssertEqual(result.works.first?.title, "Cut\u{2400}here")
        XCTAssertEqual(result.works.first?.authors.first?.family, "N\u{2400}l")
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "esc.json:1:2: warning: item 1: field 'author[0].family' contains NUL characters; kept as the visible symbol ␀ (U+2400)",
            "esc.json:1:2: warning: item 1: field 'title' contains NUL characters; kept as the visible symbol ␀ (U+2400)",
        ])
    }
}
