// Rules that recognise site chrome in page dumps: single lines (cookie banners, login prompts, share
// buttons, widget counters, key-term scores, UI buttons) and blocks that a widget heading opens ("AI Quick
// Summary", "Similar Papers", "Structured reviews" …) and that last until the next real section heading.
// The rules look at the shape and vocabulary of a line, not at the exact sentences of one site.

import Foundation

enum PageBoilerplate {
    /// Headings that start real content and therefore end a boilerplate block.
    static let sectionHeadings: Set<String> = [
        "abstract", "summary", "description", "overview", "introduction", "tl;dr", "tldr", "full text",
    ]

    /// True when `line` is a real section heading such as "Abstract" or "Summary".
    static func isSectionHeading(_ line: String) -> Bool {
        // Markdown dumps mark headings with "#" ("###### Abstract" on ar5iv).
        guard line.utf8.count <= 200, !hasTooManyLettersForAHeading(line) else { return false }
        let text = normalized(line).drop { $0 == "#" || $0 == " " }
        return sectionHeadings.contains(String(text).trimmingColon)
    }

    /// A cheap test that `line` cannot normalize to a section heading: the longest heading with its colon
    /// is 13 characters, and every ASCII byte other than whitespace and "#" stays in the normalized text
    /// (non-ASCII bytes are not counted, so the test never rejects a heading).
    private static func hasTooManyLettersForAHeading(_ line: String) -> Bool {
        UTF8Scan.withBytes(line) { bytes in
            var kept = 0
            for byte in bytes where byte < 0x80 && byte != 0x23 && byte != 0x20 && !(0x09...0x0D).contains(byte) {
                kept += 1
                if kept > 13 { return true }
            }
            return false
        }
    }

    /// "Abstract: text…", "Summary: text…": a section heading and its text on one line.
    static func startsLabelledSection(_ line: String) -> Bool {
        guard let colon = line.prefix(20).firstIndex(of: ":") else { return false }
        return sectionHeadings.contains(normalized(String(line[..<colon])))
    }

    /// Vocabulary of widget headings; a short heading line containing one of these opens a block.
    private static let widgetWords = [
        "ai quick", "ai summary", "ai key", "ai-generated", "key findings", "key terms", "citation network",
        "similar", "related papers", "related work", "recommend", "research map", "review", "discussion",
        "comment", "signal", "next steps", "reading frame", "institution", "paper details", "preview",
        "metrics", "altmetric", "share", "topics", "explore", "cited by", "people also", "more like this",
    ]

    /// The name of the block rule when `line` is a widget heading, else nil.
    static func blockRule(_ line: String) -> String? {
        guard looksLikeHeading(line) else { return nil }
        let text = normalized(line)
        // "Keywords: a, b" is a field with its value, not a heading that opens a widget block.
        if let colon = text.firstIndex(of: ":"), !PageText.trim(text[text.index(after: colon)...]).isEmpty { return nil }
        if text.opens("ai ") || text.has(" ai ") { return "AI-generated content" }
        if text.has("key terms") || text.has("keywords") { return "key-term scores" }
        if text.has("review") || text.has("discussion") || text.has("comment") {
            return "review/comment widget"
        }
        return widgetWords.contains(where: text.has) ? "site widget" : nil
    }

    /// The name of the line rule when `line` is boilerplate wherever it appears, else nil. `normal` is
    /// `PageText.Normal(line)` when the caller has it already.
    static func lineRule(_ line: String, normal: PageText.Normal? = nil) -> String? {
        // Boilerplate lines are short; a very long line is content, and skipping it keeps parsing linear.
        guard line.utf8.count <= PageLimits.maximumShortLineBytes else { return nil }
        let text = normal?.lower ?? normalized(line)
        if text.isEmpty { return nil }
        if text.has("cookie"), ["website", "this site", "we use", "uses cookie", "accept", "consent"]
            .contains(where: text.has) { return "cookie banner" }
        if text.has("you agree to"), text.has("terms") || text.has("privacy") {
            return "terms-of-service notice"
        }
        if loginStarts.contains(where: text.opens)
            || text.has("logged in users") { return "login prompt" }
        if text == "share" || text.opens("share:") || text.opens("share on ") || text.opens("share this") {
            return "share buttons"
        }
        // The space count decides several shapes below; counted once (exact up to 12, 13 means more).
        let spaces = PageText.spaces(in: text, upTo: 12)
        if isWidgetCounter(text, spaces: spaces) { return "widget counter" }
        if isKeyTermScore(text) { return "key-term score" }
        if text.has("ai-generated") || text.opens("get ai ") { return "AI-generated content" }
        if text.opens("no "), text.has(" yet"), text.count <= 120 { return "empty widget placeholder" }
        if isPageLabel(text, spaces: spaces) { return "page label" }
        if isUIButton(text, original: line) || isButtonRow(text, spaces: spaces) { return "UI button" }
        if isResultsHeader(text, spaces: spaces) { return "results table header" }
        return nil
    }

    private static let loginStarts = ["log in", "login", "sign in", "sign up", "register to", "create an account"]

    /// What `strip` makes of one non-empty line by itself (inside a block only `.section` matters). It
    /// depends on the text alone, so a page's lines are judged once (`PageLine.verdict`).
    enum Verdict: Sendable, Hashable {
        case section
        case line(rule: String)
        case block(rule: String)
        case content
    }

    /// `normal` is `PageText.Normal(text)` when the caller has it already.
    static func verdict(_ text: String, normal: PageText.Normal?) -> Verdict {
        if isSectionHeading(text) || startsLabelledSection(text) { return .section }
        if let rule = lineRule(text, normal: normal) { return .line(rule: rule) }
        if let rule = blockRule(text) { return .block(rule: rule) }
        return .content
    }

    /// Drops boilerplate lines and blocks; returns the kept lines and one repair message per removal.
    static func strip(_ lines: [PageLine]) -> (kept: [PageLine], removed: [String]) {
        var kept: [PageLine] = []
        var removed: [String] = []
        var block: (rule: String, heading: String, start: Int, end: Int)?
        func closeBlock() {
            guard let open = block else { return }
            removed.append("\(span(open.start, open.end)): removed boilerplate block '\(open.heading)' (\(open.rule))")
            block = nil
        }
        for line in lines {
            let text = line.trimmed
            if text.isEmpty {
                if block == nil { kept.append(line) }
                continue
            }
            switch line.verdict ?? verdict(text, normal: line.normal) {
            case .section:
                closeBlock()
                kept.append(line)
            case _ where block != nil:
                block?.end = line.number
            case .line(let rule):
                // A line that is boilerplate by itself ("Share on X") removes only itself.
                removed.append("line \(line.number): removed \(rule) '\(abbreviated(text))'")
            case .block(let rule):
                block = (rule, text, line.number, line.number)
            case .content:
                kept.append(line)
            }
        }
        closeBlock()
        return (kept, removed)
    }

    // MARK: - Shapes

    /// Short, no sentence punctuation at the end, starts with a capital or digit: a heading or a button.
    static func looksLikeHeading(_ line: String) -> Bool {
        guard line.utf8.count <= 200, !startsWithLowercaseASCII(line) else { return false }
        let text = PageText.trim(line)
        guard let first = text.first, let last = text.last, PageText.hasAtMost(50, charactersIn: text) else { return false }
        let words = text.split(separator: " ").count
        return words <= 6 && (first.isUppercase || first.isNumber) && !".,;?!".contains(last)
    }

    /// A line starting with a-z has a first Character that is neither uppercase nor a number (a mark
    /// after the letter does not change that), so it is no heading; most prose lines stop here.
    private static func startsWithLowercaseASCII(_ line: String) -> Bool {
        guard let first = line.utf8.first else { return false }
        return (0x61...0x7A).contains(first)
    }

    private static func normalized(_ line: String) -> String { PageText.lower(PageText.collapse(line)) }

    /// "0 review(s)", "12 comments", "Comments (0)", "3 citations".
    /// `spaces` is `PageText.spaces(in: text, upTo: 12)`, here and in the shapes below.
    private static func isWidgetCounter(_ text: String, spaces: Int) -> Bool {
        guard spaces == 1 else { return false }
        let nouns = ["review", "comment", "citation", "reader", "download", "view", "like", "bookmark", "save",
                     "reference", "answer", "vote"]
        let words = text.split(separator: " ")
        if words.count == 2, words[0].allSatisfy(\.isNumber) {
            let noun = words[1].replacing("(s)", with: "")
            return nouns.contains { noun == $0 || noun == $0 + "s" }
        }
        if words.count == 2, words[1].hasPrefix("("), words[1].hasSuffix(")"),
           words[1].dropFirst().dropLast().allSatisfy(\.isNumber) {
            return nouns.contains { words[0] == $0 || words[0] == $0 + "s" }
        }
        return false
    }

    /// "identifiability (0.339)": a short term followed by a decimal score in parentheses.
    private static func isKeyTermScore(_ text: String) -> Bool {
        guard PageText.hasSuffix(text, ")"), let open = text.lastIndex(of: "(") else { return false }
        let score = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let term = PageText.trim(text[..<open])
        let isDecimal = score.contains(".") && score.allSatisfy { $0.isNumber || $0 == "." } && score.count >= 3
        return isDecimal && !term.isEmpty && term.split(separator: " ").count <= 6
    }

    /// "Paper detail", "Article page", "Publication details": a label naming the kind of page.
    private static func isPageLabel(_ text: String, spaces: Int) -> Bool {
        guard spaces == 1 else { return false }
        let words = text.split(separator: " ")
        guard words.count == 2 else { return false }
        let nouns = ["paper", "article", "publication", "preprint", "record", "work"]
        let labels = ["detail", "details", "page", "view", "overview", "info"]
        return nouns.contains { words[0] == $0 || words[0] == $0 + "s" } && labels.contains(String(words[1]))
    }

    /// "Download PDF", "Open full explorer", "Click to view": a short imperative without punctuation.
    private static func isUIButton(_ text: String, original: String) -> Bool {
        guard looksLikeHeading(original), text.split(separator: " ").count <= 4 else { return false }
        let verbs = ["open ", "download", "click ", "view ", "show ", "add ", "load more", "see all", "read more",
                     "follow", "save", "print", "export", "cite this", "copy "]
        return verbs.contains(where: text.opens)
    }

    /// "Bibtex Paper Supplemental", "[abs] [Download PDF] [Supplementary PDF]": a row of link buttons.
    private static let buttonWords: Set<String> = [
        "bibtex", "bib", "paper", "supplemental", "supplementary", "pdf", "abs", "download", "reviews",
        "metareview", "metadata", "code", "slides", "poster", "video", "html", "tex", "source", "other",
        "formats", "view", "export", "citation", "cite",
    ]

    private static func isButtonRow(_ text: String, spaces: Int) -> Bool {
        guard spaces <= 12 else { return false }
        var tokens = 0
        var allButtons = true
        PageText.forEachPiece(of: text) { piece in
            // Without one of these bytes the Character filter keeps the whole piece.
            let hasMark = piece.utf8.contains { $0 == 0x5B || $0 == 0x5D || $0 == 0x28 || $0 == 0x29 || $0 == 0x7C }
            let token = hasMark ? piece.filter { !"[]()|".contains($0) } : String(piece)
            if token.isEmpty { return true }
            guard buttonWords.contains(token) else {   // most lines fail on their first word
                allButtons = false
                return false
            }
            tokens += 1
            return true
        }
        return allButtons && tokens >= 2 && tokens <= 12
    }

    private static let columnWords: Set<Substring> = ["title", "authors", "year", "actions", "venue", "citations",
                                                      "date", "source"]

    /// "Title Authors Year Actions", "Found 4 papers": column headers and result counts of a listing.
    private static func isResultsHeader(_ text: String, spaces: Int) -> Bool {
        guard spaces <= 10 else { return false }
        // Both shapes are decided by the first word already on most lines.
        var first: Substring?
        PageText.forEachPiece(of: text) { first = $0; return false }
        guard let first, first == "found" || columnWords.contains(first) else { return false }
        let columns = columnWords
        let words = text.split(separator: " ")
        if words.count >= 3, words.allSatisfy({ columns.contains($0) }) { return true }
        return words.count == 3 && words[0] == "found" && words[1].allSatisfy(\.isNumber)
    }

    private static func span(_ start: Int, _ end: Int) -> String {
        start == end ? "line \(start)" : "lines \(start)–\(end)"
    }

    static func abbreviated(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}

private extension String {
    /// Byte-level substring test (see PageText.containsBytes).
    func has(_ needle: String) -> Bool { PageText.containsBytes(self, needle) }

    /// `hasPrefix` on bytes where they decide (see PageText.hasPrefix).
    func opens(_ prefix: String) -> Bool { PageText.hasPrefix(self, prefix) }

    var trimmingColon: String { hasSuffix(":") ? String(dropLast()) : self }
}
