import XCTest
@testable import Literature

/// Years in page dumps follow the rule of the other formats (ParserLimits.year: a number of four or more
/// digits in 1000–2100 is the year, anything else is refused with a warning at its line), never dropped in
/// silence. The dumps are generated here; expected years and lines are read off them by hand.
final class PageDumpYearsTests: XCTestCase {
    private let huge = "100000000000000000000000"   // 10^23, written out
    private let abstract = String(repeating: "Flipping the signs of the weights around a tanh unit leaves the function unchanged. ", count: 3)

    /// A landing page whose line 3 is `metadata`, with an abstract heading after it.
    private func landing(_ metadata: String) -> String {
        "Sign symmetries in tanh networks\n\n\(metadata)\n\nAbstract\n\(abstract)\n"
    }

    private func yearWarnings(_ result: ParseResult) -> [String] {
        result.diagnostics.filter { $0.severity == .warning && $0.message.contains("is not a year") }.map(\.description)
    }

    func testLabelledDateLinesStoreOrRefuseTheYear() throws {
        // Each: the metadata line, the year stored, the warning's text after "l.txt:3:1: warning: ".
        let cases: [(String, Int?, String?)] = [
            ("Year: 2019", 2019, nil),
            ("Year: 1750", 1750, nil),   // outside the old 1800–2099 window, inside ParserLimits.yearRange
            ("Year: \(huge)", nil, "date line: '\(huge)' is not a year in 1000–2100 (a 24-digit number); not stored"),
            ("Date: 0999-01-01", nil, "date line: '0999-01-01' is not a year in 1000–2100 (999); not stored"),
            ("Published: 31 Oct 99999, Last Modified: 1 Jan 2023", nil,
             "publication date line: 'Published: 31 Oct 99999' is not a year in 1000–2100 (a 5-digit number); not stored"),
            ("Conference Papers Year : 2101", nil, "HAL document type year: '2101' is not a year in 1000–2100 (2101); not stored"),
            ("preprint20222arXivOpen access", nil, "badge row year: '20222' is not a year in 1000–2100 (a 5-digit number); not stored"),
            ("Adv. Math. 376, Article ID 107485, 72 p. (12021).", nil,
             "source line year: '12021' is not a year in 1000–2100 (a 5-digit number); not stored"),
        ]
        for (line, year, warning) in cases {
            let result = PageDumpParser.parse(landing(line), file: "l.txt")
            let work = try XCTUnwrap(result.works.first, line)
            XCTAssertEqual(work.year, year, line)
            XCTAssertEqual(yearWarnings(result), warning.map { ["l.txt:3:1: warning: " + $0] } ?? [], line)
        }
    }

    func testJSONYearIsRefusedAndTheNextOneUsed() throws {
        let text = landing("{\"title\": \"x\", \"year\": \(huge)}") + "{\"year\": \"2004\"}\n"
        let result = PageDumpParser.parse(text, file: "j.txt")
        XCTAssertEqual(result.works.first?.year, 2004)
        XCTAssertEqual(yearWarnings(result), [
            "j.txt:3:1: warning: JSON \"year\": '\(huge)' is not a year in 1000–2100 (a 24-digit number); not stored",
        ])
    }

    func testGeneratedOutOfRangeYearsAreAllWarned() throws {
        // Numbers around both ends of the range and past Int64: each in range is stored, each other warned.
        var generator = SystemRandomNumberGenerator()
        var numbers = ["0999", "1000", "2100", "2101", "9999", "10000", huge, "9" + huge]
        numbers += (0..<20).map { _ in String(Int.random(in: 0...99_999, using: &generator)) }.filter { $0.count >= 4 }
        for number in numbers {
            let result = PageDumpParser.parse(landing("Year: \(number)"), file: "g.txt")
            let expected = number.count == 4 ? Int(number).flatMap { (1000...2100).contains($0) ? $0 : nil } : nil
            XCTAssertEqual(result.works.first?.year, expected, number)
            XCTAssertEqual(yearWarnings(result).count, expected == nil ? 1 : 0, number)
        }
    }

    func testQACommentDateWithABadYearOrClockIsRefused() throws {
        func thread(_ tail: String) -> String {
            """
            Are deep linear nets identifiable? I wonder.

              • $\\begingroup$ Only up to an invertible matrix. $\\endgroup$ – Ann Mar 3 \(tail)

            Not the answer you're looking for? Browse other questions.
            """
        }
        let good = PageDumpParser.parse(thread("'19 at 9:05"), file: "q.txt")
        XCTAssertEqual(good.documents.first?.passages.first { $0.role == "comment" }?.date, "2019-03-03T09:05")
        for (tail, reason) in [("'123 at 9:05", "the year is not two digits"), ("'19 at 25:05", "the time is not a clock time")] {
            let result = PageDumpParser.parse(thread(tail), file: "q.txt")
            let comment = try XCTUnwrap(result.documents.first?.passages.first { $0.role == "comment" }, tail)
            XCTAssertNil(comment.date, tail)
            XCTAssertEqual(comment.author, "Ann", tail)
            let warnings = result.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("comment date") }
            XCTAssertEqual(warnings.map(\.location.line), [3], tail)
            XCTAssertTrue(warnings.first?.message.contains(reason) ?? false, tail)
        }
    }

    func testHTMLJSONLDNumberThatIsNoIntegerIsWarned() {
        let html = """
            <html><head>
            <script type="application/ld+json">{"@type": "ScholarlyArticle", "headline": "T", "copyrightYear": 1e23}</script>
            </head></html>
            """
        let result = HTMLPageParser.parse(bytes: Array(html.utf8), file: "n.html")
        XCTAssertNil(result.works.first?.year)
        XCTAssertEqual(result.diagnostics.filter { $0.message.hasPrefix("JSON-LD date") }.count, 1)
    }
}
