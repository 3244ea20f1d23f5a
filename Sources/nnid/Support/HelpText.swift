/// Help text written once, wrapped once: the source keeps discussions readable at ~100 columns, and this
/// joins the lines of each paragraph so that argument-parser wraps them to the terminal's width. Blank
/// lines separate paragraphs; indented lines (examples, tables) and a heading ("Examples:", a paragraph's
/// first line ending in ":") stay as written. A ":" ending a line inside a paragraph is just punctuation.
/// A line starting with "- " begins a list item (continued by the indented lines under it): its own line,
/// wrapped once like a paragraph.
enum HelpText {
    static func reflow(_ text: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out.append(paragraph.joined(separator: " ")) }
            paragraph = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if trimmed(line).isEmpty {
                flush()
                out.append("")
            } else if line.hasPrefix("  "), paragraph.first?.hasPrefix("- ") == true {
                // The indented continuation of a list item.
                paragraph.append(trimmed(line))
            } else if line.hasPrefix("- ") {
                flush()
                paragraph.append(line)
            } else if line.hasPrefix(" ") || (paragraph.isEmpty && line.hasSuffix(":")) {
                flush()
                out.append(line)
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    /// `trimmingCharacters(in: .whitespaces)` (tab and the Unicode space separators, scalar by scalar) without
    /// Foundation's CharacterSet: every command's help is reflowed at start-up, and the Foundation call made
    /// reflow cost ~1.5 M instructions per command (callgrind, benchmarks/RESULTS.md "Round 3").
    static func trimmed(_ line: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) }) ?? first
        return String(scalars[first...last])
    }
}
