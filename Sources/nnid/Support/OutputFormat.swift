import ArgumentParser
import Foundation
import KnowledgeBase

/// `--format table|json|csv` (and `--json`), shared by every listing command.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv
}

struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json or csv (table on a terminal, json otherwise).")
    var format: OutputFormat?

    @Flag(name: .long, help: "Same as --format json.")
    var json = false

    /// The chosen format: an explicit flag wins; otherwise table on a terminal and json in a pipe.
    var resolved: OutputFormat {
        if json { return .json }
        if let format { return format }
        return isatty(STDOUT_FILENO) != 0 ? .table : .json
    }
}

/// Renders rows as an aligned text table.
enum TableRenderer {
    static func render(headers: [String], rows: [[String]]) -> String {
        // Cells come from data: no control character may reach the terminal, no newline may break a row.
        let rows = rows.map { $0.map { TerminalText.escape($0) } }
        var widths = headers.map { $0.count }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// RFC 4180 CSV; cells a spreadsheet would run as formulas are neutralised (CSVFormula, README).
enum CSVRenderer {
    static func render(headers: [String], rows: [[String]]) -> String {
        ([headers] + rows).map { $0.map(escape).joined(separator: ",") }.joined(separator: "\n")
    }

    static func escape(_ field: String) -> String {
        let field = CSVFormula.neutralized(field)
        // Bytes, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D]
        guard field.utf8.first == UInt8(ascii: "'") || field.utf8.contains(where: special.contains) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// JSON output: stable key order, snake_case keys chosen by the Encodable types themselves.
enum JSONOutput {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension JSONOutput {
    /// One-line JSON with sorted keys, for storing in the database.
    static func compact<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
