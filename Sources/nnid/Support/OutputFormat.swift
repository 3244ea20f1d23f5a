import ArgumentParser
import Foundation
import KnowledgeBase

/// `--format table|json|csv|tsv` (and `--json`), shared by every listing command.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv, tsv
}

struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json, csv or tsv (default: table on a terminal, tsv in a pipe).")
    var format: OutputFormat?

    @Flag(name: .long, help: "Same as --format json.")
    var json = false

    @Option(name: .long, help: "Show at most this many rows.")
    var limit: Int?

    func validate() throws {
        if let limit, limit <= 0 { throw ValidationError("--limit must be a positive number of rows, got \(limit)") }
    }

    /// The chosen format: an explicit flag wins; otherwise a table on a terminal and tab-separated values
    /// with a header in a pipe (as `gh` does), so `nnid works | grep` finds lines; JSON only when asked.
    var resolved: OutputFormat {
        if json { return .json }
        if let format { return format }
        return isatty(STDOUT_FILENO) != 0 ? .table : .tsv
    }

    /// The first `limit` elements (all of them without --limit).
    func limited<T>(_ items: [T]) -> [T] {
        guard let limit, limit < items.count else { return items }
        return Array(items.prefix(limit))
    }

    /// Prints rows as csv or tsv (for `.table`, as an aligned table that fits the terminal).
    func printRows(headers: [String], rows: [[String]]) {
        switch resolved {
        case .csv: print(CSVRenderer.render(headers: headers, rows: rows))
        case .tsv: print(TSVRenderer.render(headers: headers, rows: rows))
        case .table, .json: print(TableRenderer.render(headers: headers, rows: rows))
        }
    }
}

/// Renders rows as an aligned text table no wider than the terminal: the widest columns give way first and
/// clipped cells end in "…", so a row never wraps.
enum TableRenderer {
    /// The narrowest a column is squeezed to before the table is allowed to overflow.
    static let minimumColumnWidth = 6

    static func render(headers: [String], rows: [[String]], width: Int? = Terminal.columns) -> String {
        // Cells come from data: no control character may reach the terminal, no newline may break a row.
        let cleanRows = rows.map { $0.map { TerminalText.escape(singleLine($0)) } }
        var widths = headers.map { $0.count }
        for row in cleanRows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        if let width { shrink(&widths, toFit: width) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let clipped = i < widths.count ? clip(cell, widths[i]) : cell
                return i == cells.count - 1 ? clipped : clipped.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += cleanRows.map(line)
        return out.joined(separator: "\n")
    }

    private static func shrink(_ widths: inout [Int], toFit width: Int) {
        let separators = 2 * max(widths.count - 1, 0)
        var excess = widths.reduce(0, +) + separators - width
        while excess > 0 {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > minimumColumnWidth else { return }
            widths[widest] -= 1
            excess -= 1
        }
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    static func singleLine(_ text: String) -> String {
        text.contains(where: \.isNewline) ? text.split(whereSeparator: \.isNewline).joined(separator: " ") : text
    }
}

/// Tab-separated values with a header line, for grep and cut: tabs and line breaks inside a cell become
/// spaces and other control characters are escaped, as on the terminal (a pipe often ends in one).
enum TSVRenderer {
    static func render(headers: [String], rows: [[String]]) -> String {
        DelimitedText.render(headers: headers, rows: rows, separator: UInt8(ascii: "\t"), cell: clean)
    }

    static func clean(_ field: String) -> String {
        // Printable ASCII has nothing to replace or escape: skip the per-Character pass (most cells).
        if isPrintableASCII(field) { return field }
        return TerminalText.escape(String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 }))
    }
}

/// Lines of cells joined by a separator, built in one byte buffer: joining a string per row and then the
/// rows cost ~15 % of a 32k-row listing (two copies of every byte and an allocation per row).
enum DelimitedText {
    static func render(headers: [String], rows: [[String]], separator: UInt8, cell: (String) -> String) -> String {
        var out: [UInt8] = []
        func append(_ row: [String]) {
            for (i, field) in row.enumerated() {
                if i > 0 { out.append(separator) }
                out.append(contentsOf: cell(field).utf8)
            }
        }
        append(headers)
        for row in rows {
            out.append(0x0A)
            append(row)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// True when every byte of `text` is printable ASCII (0x20-0x7E): a plain loop over the contiguous
/// bytes, several times cheaper than `allSatisfy` on the UTF-8 view.
func isPrintableASCII(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
        for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }
}

/// RFC 4180 CSV; cells a spreadsheet would run as formulas are neutralised (CSVFormula, README).
enum CSVRenderer {
    static func render(headers: [String], rows: [[String]]) -> String {
        DelimitedText.render(headers: headers, rows: rows, separator: UInt8(ascii: ","), cell: escape)
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
