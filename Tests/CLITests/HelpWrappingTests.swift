import Foundation
import XCTest

/// Help text is wrapped once, to the terminal (issue 14, item 9): in every command's discussion at 60
/// columns, no line is wider than 60, and no prose line ends early: its next line's first word would
/// not have fitted (argument-parser keeps one column free); a second wrap of wrapped text breaks that.
final class HelpWrappingTests: XCTestCase {
    private static let width = 60

    private func subcommands() throws -> [String] {
        let help = try CLIRunner.run(["--help"], environment: ["COLUMNS": "\(Self.width)"]).stdout
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line in
            // "  name   abstract": a subcommand row starts with two spaces and a lower-case name.
            guard line.hasPrefix("  "), let first = line.split(separator: " ").first,
                  first.first?.isLowercase == true, line.dropFirst(2).first != " " else { return nil }
            return String(first)
        }.filter { $0 != "help" }
    }

    func testDiscussionsAreWrappedOnceToTheTerminal() throws {
        let names = try subcommands()
        XCTAssertTrue(names.contains("ingest") && names.contains("verify"), "\(names)")
        for name in names {
            let help = try CLIRunner.run([name, "--help"], environment: ["COLUMNS": "\(Self.width)"]).stdout
            // The discussion: after the OVERVIEW paragraph, up to USAGE.
            guard let usage = help.range(of: "\nUSAGE:") else { XCTFail("\(name): no USAGE"); continue }
            let paragraphs = help[..<usage.lowerBound].components(separatedBy: "\n\n").dropFirst()
            for paragraph in paragraphs {
                let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for (index, line) in lines.enumerated() {
                    // Indented lines (examples, tables) are written as they are.
                    guard !line.hasPrefix(" ") else { continue }
                    XCTAssertLessThanOrEqual(line.count, Self.width, "\(name): \(line)")
                    // A list item ("- …") or an indented line may follow a short line.
                    guard index + 1 < lines.count, !lines[index + 1].hasPrefix(" "), !lines[index + 1].hasPrefix("- "),
                          !line.hasSuffix(":"),
                          let next = lines[index + 1].split(separator: " ").first else { continue }
                    XCTAssertGreaterThanOrEqual(line.count + 1 + next.count, Self.width,
                                         "\(name): '\(line)' ends early (wrapped twice?) before '\(next)'")
                }
            }
        }
    }
}
