import XCTest
@testable import Literature

/// Every syntax error gives exactly one diagnostic at a hand-computed line:col, and the entries around the
/// broken one survive.
final class BibTeXErrorTests: XCTestCase {
    private func check(_ text: String, error expected: String, keys: [String],
                       file: StaticString = #filePath, line: UInt = #line) {
        let result = BibTeXParser.parse(text, file: "e.bib")
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        XCTAssertEqual(errors, [expected], file: file, line: line)
        XCTAssertEqual(result.works.compactMap(\.key), keys, file: file, line: line)
    }

    func testUnclosedBraceInValue() {
        // line 3: `  title = {Broken,` — the '{' is column 11; no '}' follows before the next entry.
        check("@misc{a, title={A}}\n@misc{b,\n  title = {Broken,\n  year = 2000\n@misc{c, title={C}}\n",
              error: "e.bib:3:11: error: unbalanced braces: this '{' is not closed before the next entry",
              keys: ["a", "c"])
    }

    func testBraceClosedTooLateMeansUnclosedEntry() {
        // The title's '{' is closed by the entry's '}', so the entry itself is left open.
        check("@misc{b,\n  title = {Broken,\n  year = 2000\n}\n@misc{c, title={C}}\n",
              error: "e.bib:1:6: error: entry 'b' is not closed: no '}' matches this '{'", keys: ["c"])
    }

    func testUnclosedEntry() {
        // The entry's '{' is line 2 column 6.
        check("@misc{a, title={A}}\n@misc{b, title = {B},\n  year = 2000\n@misc{c, title={C}}\n",
              error: "e.bib:2:6: error: entry 'b' is not closed: no '}' matches this '{'", keys: ["a", "c"])
    }

    func testMissingKey() {
        check("@misc{a, title={A}}\n@article{ title = {T}}\n@misc{c, title={C}}",
              error: "e.bib:2:11: error: missing entry key after '@article{'", keys: ["a", "c"])
        check("@article{, title = {T}}\n@misc{c, title={C}}",
              error: "e.bib:1:10: error: missing entry key after '@article{'", keys: ["c"])
    }

    func testBadFieldSyntax() {
        // `  title {T},` — the '{' where '=' was expected is column 9 of line 2.
        check("@misc{b,\n  title {T},\n}\n@misc{c, title={C}}",
              error: "e.bib:2:9: error: expected '=' after field name 'title' in entry 'b'", keys: ["c"])
        // Two values without a comma: the second '{' is line 1 column 22.
        check("@misc{b, title = {T} {U}}\n@misc{c, title={C}}",
              error: "e.bib:1:22: error: expected ',' or '}' after the value of field 'title' in entry 'b'",
              keys: ["c"])
    }

    /// An undefined macro is a warning as in BibTeX; the entry is kept with the macro's name as text.
    func testUndefinedMacroIsAWarningAndTheEntryIsKept() {
        let result = BibTeXParser.parse("@misc{a, title={A}}\n@misc{b, journal = nosuch # {x}, title={B}}\n@misc{c, title={C}, journal = jacm}",
                                        file: "e.bib")
        XCTAssertEqual(result.works.map(\.key), ["a", "b", "c"])
        XCTAssertEqual(result.works[1].venue, "nosuchx")
        XCTAssertEqual(result.works[2].venue, "Journal of the ACM", "plain.bst's journal macros are predefined")
        XCTAssertEqual(result.diagnostics.map(\.description),
                       ["e.bib:2:20: warning: undefined macro 'nosuch' in field 'journal'; kept its name as the value"])
    }

    func testStrayClosingBraceInQuotes() {
        check("@misc{b, title = \"A } B\"}\n@misc{c, title={C}}",
              error: "e.bib:1:21: error: unbalanced braces: unexpected '}' in a quoted value", keys: ["c"])
    }

    func testUnclosedAtEndOfFile() {
        check("@misc{a, title={A}}\n@misc{b, title = {B\n",
              error: "e.bib:2:18: error: unbalanced braces: this '{' is not closed before the end of the file",
              keys: ["a"])
    }

    func testColumnsCountCharactersNotBytes() {
        // "é" is two UTF-8 bytes but one column: the undefined macro starts at column 25.
        let result = BibTeXParser.parse("@misc{b, title={é}, x = bad}\n", file: "e.bib")
        XCTAssertEqual(result.diagnostics.map(\.location.description), ["e.bib:1:25"])
    }

    func testAtSignsInFreeTextAreIgnored() {
        let result = BibTeXParser.parse("mail me@example.org\n@misc{a, title={A}, note={x@y}}", file: "e.bib")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.works.count, 1)
    }
}
