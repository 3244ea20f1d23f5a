import XCTest
import TestSupport
@testable import Literature

/// Issue 9 item 5: CSL-JSON in its three shapes, one bad item rejected alone, markup stripped.
final class CSLJSONTolerantTests: XCTestCase {
    private func parse(_ text: String) -> ParseResult { CSLJSONParser.parse(text, file: "c.json") }

    func testOneBadItemIsRejectedAloneAtItsLineAndColumn() {
        let result = parse("""
            [
              {"id": "a", "type": "article-journal", "title": "First good"},
              {"id": "b", "title": "Broken" "x": 1},
              {"id": "c", "title": "Second good", "issued": {"date-parts": [[2019, 4]]}}
            ]
            """)
        XCTAssertEqual(result.works.map(\.key), ["a", "c"])
        XCTAssertEqual(result.works.last?.year, 2019)
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertEqual(result.diagnostics.first?.severity, .error)
        XCTAssertEqual(result.diagnostics.first?.location.line, 3)
        XCTAssertTrue(result.diagnostics.first?.message.contains("item 2 (starting at 3:3)") ?? false,
                      "\(result.diagnostics)")
    }

    func testUnterminatedStringLosesOnlyItsItem() {
        let result = parse("[\n{\"id\": \"a\", \"title\": \"Never closed},\n{\"id\": \"b\", \"title\": \"Fine\"}\n]\n")
        XCTAssertEqual(result.works.map(\.key), ["b"])
        XCTAssertTrue(result.hasErrors)
    }

    func testObjectKeyedByDOIAndSingleItem() {
        let keyed = parse("""
            {"10.1000/xyz123": {"type": "article-journal", "title": "Keyed by DOI"},
             "smith2020": {"title": "Keyed by id", "author": [{"family": "Smith", "given": "A."}]}}
            """)
        XCTAssertEqual(keyed.diagnostics, [])
        XCTAssertEqual(keyed.works.map(\.title), ["Keyed by DOI", "Keyed by id"])
        XCTAssertEqual(keyed.works.first?.identifiers.doi, "10.1000/xyz123")
        XCTAssertEqual(keyed.works.last?.key, "smith2020")
        let single = parse("{\"id\": \"one\", \"title\": \"Just one\"}")
        XCTAssertEqual(single.works.map(\.key), ["one"])
    }

    func testJATSAndHTMLAreStrippedAndCitationKeyIsTheKey() {
        let result = parse("""
            [{"id": "https://doi.org/10.1/x", "citation-key": "doe2021", "title": "On <i>ReLU</i> networks &amp; a < b",
              "abstract": "<jats:p>First para.</jats:p><jats:p>Second&#160;para with H<sub>2</sub>O.</jats:p>"}]
            """)
        let work = result.works.first
        XCTAssertEqual(work?.key, "doe2021")
        XCTAssertEqual(work?.title, "On ReLU networks & a < b")
        XCTAssertEqual(work?.abstract, "First para. Second para with H2O.")
    }

    func testHugeYearIsRefusedNotWrapped() {
        let result = parse("[{\"id\": \"y\", \"title\": \"T\", \"issued\": {\"date-parts\": [[1e23]]}}]")
        XCTAssertNil(result.works.first?.year)
        XCTAssertEqual(result.diagnostics.map(\.severity), [.warning])
    }

    /// Python's json module agrees on which items of a file are valid JSON objects with a title.
    func testAgreesWithPythonJSONOnGoodItems() throws {
        let items = (0..<40).map { i -> String in
            i % 7 == 3 ? "{\"id\": \"k\(i)\", \"title\" \"Bad \(i)\"}" : "{\"id\": \"k\(i)\", \"title\": \"Title \(i)\"}"
        }
        let text = "[\n" + items.joined(separator: ",\n") + "\n]\n"
        let expected = try PythonOracle.run("""
            import json, sys
            good = []
            for line in sys.argv[1].splitlines()[1:-1]:
                try: good.append(json.loads(line.rstrip(',').strip())['id'])
                except ValueError: pass
            print(' '.join(good))
            """, arguments: [text])
        XCTAssertEqual(parse(text).works.compactMap(\.key).joined(separator: " "),
                       expected.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
