/// Help text written once, wrapped once: the source keeps discussions readable at ~100 columns, and this
/// joins the lines of each paragraph so that argument-parser wraps them to the terminal's width. Blank
/// lines separate paragraphs; indented lines (examples, tables) and lines ending in ":" stay as written.
enum HelpText {
    static func reflow(_ text: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out.append(paragraph.joined(separator: " ")) }
            paragraph = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                flush()
                out.append("")
            } else if line.hasPrefix(" ") || line.hasSuffix(":") {
                flush()
                out.append(line)
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return out.joined(separator: "\n")
    }
}
