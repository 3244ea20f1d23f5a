import XCTest
@testable import Literature

/// Issue 9 item 6: LF, CRLF and lone-CR files give the same records and line numbers, with per-entry
/// recovery after a broken entry.
final class LineEndingTests: XCTestCase {
    private func parse(_ text: String, _ path: String) -> ParseResult {
        parseSource(path: path, bytes: Array(text.utf8), format: nil, emitWorks: nil)
    }

    func testRISInEveryLineEnding() {
        let body = "TY  - JOUR\nTI  - First\nER  - \nTY  - JOUR\nTI -Broken line\nER  - \nTY  - JOUR\nTI  - Third\nPY  - 2001\nER  - \n"
        for ending in ["\n", "\r\n", "\r"] {
            let result = parse(body.replacingOccurrences(of: "\n", with: ending), "x.ris")
            XCTAssertEqual(result.works.map(\.title), ["First", "Third"], ending.debugDescription)
            XCTAssertEqual(result.works.map(\.location.line), [1, 7], ending.debugDescription)
            XCTAssertEqual(result.diagnostics.map(\.location.line), [5], ending.debugDescription)
        }
    }

    func testBibTeXRecoveryAfterABrokenEntryWithLoneCR() {
        let body = "@misc{a, title = {A}}\n@misc{b, title = {B\n@misc{c, title = {C}}\n"
        for ending in ["\n", "\r\n", "\r"] {
            let result = parse(body.replacingOccurrences(of: "\n", with: ending), "x.bib")
            XCTAssertEqual(result.works.map(\.key), ["a", "c"], ending.debugDescription)
            XCTAssertEqual(result.works.map(\.location.line), [1, 3], ending.debugDescription)
            XCTAssertEqual(result.diagnostics.map(\.location.line), [2], ending.debugDescription)
        }
    }

    func testCSLJSONLineNumbersWithCRLF() {
        let text = "[\r\n{\"id\": \"a\", \"title\": \"A\"},\r\n{\"id\": \"b\"}\r\n]\r\n"
        let result = parse(text, "x.json")
        XCTAssertEqual(result.works.map(\.key), ["a"])
        XCTAssertEqual(result.diagnostics.map(\.location.line), [3])
    }
}
