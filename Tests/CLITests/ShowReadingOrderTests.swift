import Foundation
import XCTest

/// `show` leads with the outcome and the key result, then the metrics in a fixed order, numbers at 4
/// significant digits in text and full precision in JSON (issue 14, item 5). The same deterministic run
/// is printed as text and as JSON; the text is checked against the JSON values.
final class ShowReadingOrderTests: XCTestCase {
    private static let database = CLIRunner.ingestedDatabase("order")
    private let arguments = ["show", "relu-local-identifiability", "--widths", "2,5,1"]

    func testVerdictAndRankLeadAndNumbersAreShort() throws {
        let text = try CLIRunner.run(arguments + ["--db", Self.database])
        XCTAssertEqual(text.status, 0, text.stderr)
        let json = try CLIRunner.run(arguments + ["--format", "json", "--db", Self.database])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let report = try XCTUnwrap(object["verification"] as? [String: Any])
        let metrics = try XCTUnwrap(report["metrics"] as? [String: Any])
        let verdict = try XCTUnwrap(metrics["verdict"] as? String)
        let rank = try XCTUnwrap(metrics["rank"] as? Int), expected = try XCTUnwrap(metrics["expected_rank"] as? Int)

        let lines = text.stdout.components(separatedBy: "\n")
        let top = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("verification: ") })
        XCTAssertTrue(lines[top + 1].hasPrefix("  result: verdict \(verdict); rank \(rank) (expected \(expected))"),
                      lines[top + 1])

        // The metrics block: verdict, then the rank against its expected value, whatever the alphabet says.
        let start = try XCTUnwrap(lines.firstIndex(of: "  metrics:")) + 1
        let block = lines[start...].prefix { $0.hasPrefix("    ") }
        let names = block.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(Array(names.prefix(3)), ["verdict", "rank", "expected_rank"])
        XCTAssertEqual(Set(names), Set(metrics.keys))
        for line in block {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count == 2, let value = metrics[parts[0]] as? Double, !(metrics[parts[0]] is Int) else { continue }
            XCTAssertEqual(parts[1], String(format: "%.4g", value), parts[0])
        }
        // No decimal in the report's text carries more than 4 significant digits.
        let reportText = lines[top...].joined(separator: "\n")
        let regex = try NSRegularExpression(pattern: "[0-9]+\\.[0-9]+")
        for match in regex.matches(in: reportText, range: NSRange(reportText.startIndex..., in: reportText)) {
            guard let range = Range(match.range, in: reportText) else { continue }
            let number = String(reportText[range])
            let significant = number.filter(\.isNumber).drop { $0 == "0" }.count
            XCTAssertLessThanOrEqual(significant, 4, number)
        }
        // JSON keeps full precision: the gap is not rounded to 4 digits there.
        let gap = try XCTUnwrap(metrics["gap"] as? Double)
        XCTAssertNotEqual(gap, Double(String(format: "%.4g", gap)))
    }
}
