import Foundation
import XCTest
import TestSupport

/// Issue 10, item 4: control characters from input files never reach the terminal raw, and CSV cells a
/// spreadsheet would run as formulas are neutralised (OWASP). Inputs are generated here.
final class OutputSafetyCLITests: XCTestCase {
    /// ESC-]-0 (set window title) ended by BEL, a colour sequence, the C1 CSI and a right-to-left override.
    static let hostileTitle = "Evil \u{1B}]0;pwned\u{07} title \u{1B}[31mred\u{9B}1m \u{202E}reversed"

    private func database(_ entries: [[String: Any]]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("works.json")
        try JSONSerialization.data(withJSONObject: entries).write(to: input)
        let db = dir.appendingPathComponent("kb.sqlite").path
        let ingest = try CLIRunner.run(["ingest", "--no-corpus", input.path, "--db", db])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        return db
    }

    private func entry(_ id: String, _ title: String) -> [String: Any] {
        ["id": id, "type": "article-journal", "title": title, "issued": ["date-parts": [[2020]]]]
    }

    private func assertNoRawControls(_ text: String, _ context: String, file: StaticString = #filePath,
                                     line: UInt = #line) {
        let raw = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) || $0.value == 0x202E
        }
        XCTAssertTrue(raw.isEmpty, "\(context): raw control characters \(raw.map { String($0.value, radix: 16) })",
                      file: file, line: line)
    }

    func testControlCharactersAreEscapedInTablesAndErrors() throws {
        let db = try database([entry("hostile", Self.hostileTitle)])
        // The database keeps the title as it was (JSON output escapes it the JSON way).
        let json = try CLIRunner.run(["works", "--db", db, "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(decoded?.first?["title"] as? String, Self.hostileTitle)

        let table = try CLIRunner.run(["works", "--db", db, "--format", "table"])
        XCTAssertEqual(table.status, 0, table.stderr)
        assertNoRawControls(table.stdout, "works table")
        XCTAssertTrue(table.stdout.contains("Evil \\x1B]0;pwned\\x07 title"), table.stdout)

        let search = try CLIRunner.run(["search", "evil", "--db", db, "--format", "table"])
        XCTAssertEqual(search.status, 0, search.stderr)
        assertNoRawControls(search.stdout, "search table")
        XCTAssertTrue(search.stdout.contains("\\x1B[31mred\\x9B1m \\u{202E}reversed"), search.stdout)

        let error = try CLIRunner.run(["export", "--db", db, "--keys", "no\u{1B}]0;pwned\u{07}such"])
        XCTAssertEqual(error.status, 2, "an unknown key is a usage error")
        assertNoRawControls(error.stderr, "error message")
        XCTAssertTrue(error.stderr.contains("no\\x1B]0;pwned\\x07such"), error.stderr)
    }

    func testCSVCellsThatWouldRunAsFormulasAreNeutralised() throws {
        // (Titles lose leading tabs and CRs on ingest; CSVFormulaTests covers those triggers.)
        let titles = ["=HYPERLINK(\"http://example.invalid\",\"click\")", "+1+2", "-2+3", "@SUM(A1:A2)",
                      "-3", "Plain title"]
        let db = try database(titles.enumerated().map { entry("w\($0.offset)", $0.element) })
        let csv = try CLIRunner.run(["works", "--db", db, "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        // Python's csv module reads the cells back (an independent RFC 4180 reader).
        let cells = try PythonOracle.run("import csv, json, sys\nrows = list(csv.DictReader(sys.stdin))\n"
            + "print(json.dumps({r['key']: [r['title'], r['year']] for r in rows}))", stdin: Data(csv.stdout.utf8))
        let byKey = try JSONSerialization.jsonObject(with: Data(cells.utf8)) as? [String: [String]]
        let expected = ["'=HYPERLINK(\"http://example.invalid\",\"click\")", "'+1+2", "'-2+3", "'@SUM(A1:A2)",
                        "-3", "Plain title"]
        for (index, title) in expected.enumerated() {
            XCTAssertEqual(byKey?["w\(index)"]?.first, title, "cell for \(titles[index])")
            XCTAssertEqual(byKey?["w\(index)"]?.last, "2020", "a plain number is left as it is")
        }
    }
}
