// Which line of a landing-page dump is the paper's title, and how to clean it. Site navigation
// ("Skip to main content", breadcrumbs "Statistics > Machine Learning", search bars "Help | Advanced
// Search"), document-type headers ("Conference Papers Year : 2022") and buttons glued to the title
// ("… the Theory Download PDF") never become part of a title; Markdown heading marks are dropped.

enum LandingTitle {
    /// Longest line taken for a title; longer lines are prose.
    static let maximumTitleLength = 300

    /// The title a "Title: …" line states, or nil. The line's cached forms are used only when it has no
    /// surrounding whitespace (they are those of the trimmed text).
    static func explicit(_ line: PageLine) -> String? {
        // `normal` is of the trimmed text; collapsing trims anyway, so it stands for the text's own forms
        // whenever the text itself is within the length limit that `explicit` applies first.
        guard let normal = line.normal, line.text.utf8.count <= PageLimits.maximumShortLineBytes else { return explicit(line.text) }
        return explicit(line.text, normal: normal)
    }

    static func explicit(_ line: String, normal: PageText.Normal? = nil) -> String? {
        guard line.utf8.count <= PageLimits.maximumShortLineBytes else { return nil }
        let normal = normal ?? PageText.Normal(line)
        let text = normal.collapsed
        for label in ["title:", "title :"] where normal.lower.opens(label) {
            let title = clean(String(text.dropFirst(label.count)))
            return title.isEmpty ? nil : title
        }
        return nil
    }

    /// The name of the navigation rule `line` matches, or nil.
    static func navigationRule(_ line: PageLine) -> String? { navigationRule(line.trimmed, normal: line.normal) }

    /// `normal` is `PageText.Normal(line)` when the caller has it already.
    static func navigationRule(_ line: String, normal: PageText.Normal? = nil) -> String? {
        guard line.utf8.count <= PageLimits.maximumShortLineBytes else { return nil }
        let normal = normal ?? PageText.Normal(line)
        let text = normal.collapsed
        let lower = normal.lower
        if lower.opens("skip to ") || lower == "skip navigation" || lower.opens("jump to ") {
            return "skip link"
        }
        if PageText.hasSuffix(lower, " donate") || lower == "donate" { return "donation banner" }
        if isSearchBar(lower) { return "search bar" }
        if isBreadcrumb(text) { return "breadcrumb" }
        return nil
    }

    /// A line with one title-like phrase between menu separators: "Help | Advanced Search", "All fields Search".
    private static func isSearchBar(_ lower: String) -> Bool {
        if lower.has("advanced search") || lower == "search" || lower.opens("search...") {
            return true
        }
        // Three pieces need two "|" Characters, and each is a "|" byte: most lines stop here, unsplit.
        guard PageText.count(of: 0x7C, in: lower, upTo: 2) == 2 else { return false }
        let pipes = lower.split(separator: "|")
        return pipes.count >= 3 && pipes.allSatisfy { $0.split(separator: " ").count <= 3 }
    }

    private static let breadcrumbSeparators = [" > ", " › ", " » ", " / "]

    /// "Statistics > Machine Learning", "Home › Proceedings › NeurIPS 2022", "> stat > arXiv:2206.07424".
    private static func isBreadcrumb(_ text: String) -> Bool {
        for separator in breadcrumbSeparators where text.has(separator) {
            let parts = text.components(separatedBy: separator).map { PageText.trim($0) }.filter { !$0.isEmpty && $0 != ">" }
            guard parts.count >= 2 || text.hasPrefix(">") else { continue }
            let short = parts.allSatisfy { $0.split(separator: " ").count <= 5 && !$0.contains("$") }
            let noSentence = !parts.contains { $0.hasSuffix(".") || $0.hasSuffix("?") }
            if short && noSentence && (separator != " / " || parts.count >= 3) { return true }
        }
        if text.opens(">") { return true }   // arXiv's "> stat > arXiv:…" header
        return false
    }

    /// `raw` without Markdown heading marks, a "Title:" label, trailing buttons ("Download PDF", "[pdf]"),
    /// zbMATH's "(English) Zbl …" tail, or a final period.
    static func clean(_ raw: String) -> String {
        var text = PageText.collapse(raw)
        while text.hasPrefix("#") { text = PageText.trim(text.dropFirst()) }
        text = PageText.strippingEmphasis(text)
        for label in ["title:", "title :"] where PageText.lower(text).hasPrefix(label) {
            text = PageText.trim(text.dropFirst(label.count))
        }
        let buttons = ["download pdf", "view pdf", "[pdf]", "(pdf)", "pdf", "bibtex", "[abs]", "[bib]", "cite"]
        var changed = true
        while changed {
            changed = false
            for button in buttons where PageText.lower(text).hasSuffix(" " + button) {
                text = PageText.trim(text.dropLast(button.count))
                changed = true
            }
        }
        if let zbl = text.range(of: " (English)") ?? text.range(of: " Zbl ") {
            text = PageText.trim(text[..<zbl.lowerBound])
        }
        if text.hasSuffix("."), !text.hasSuffix("..") { text.removeLast() }
        return text
    }

    /// True when a line may be taken for a title: not boilerplate, navigation, metadata, a heading or prose.
    static func isCandidate(_ line: String) -> Bool {
        guard line.utf8.count <= PageLimits.maximumShortLineBytes else { return false }
        let text = PageText.trim(line)
        guard !text.isEmpty else { return false }
        let cleaned = clean(text)
        guard !cleaned.isEmpty, cleaned.count <= maximumTitleLength else { return false }
        if PageBoilerplate.lineRule(text) != nil || navigationRule(text) != nil { return false }
        if LandingMetadata.parse(text) != nil || PageBoilerplate.isSectionHeading(text) { return false }
        if PageAuthors.labelled(text) != nil || PageAuthors.isAuthorsHeading(text) { return false }
        return true
    }
}

private extension String {
    /// Byte-level substring test (see PageText.containsBytes).
    func has(_ needle: String) -> Bool { PageText.containsBytes(self, needle) }

    /// `hasPrefix` on bytes where they decide (see PageText.hasPrefix).
    func opens(_ prefix: String) -> Bool { PageText.hasPrefix(self, prefix) }
}
