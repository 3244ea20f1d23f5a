// Plain-text dumps of web pages (what a browser's "save as text" or a scraper gives). The page type is
// recognised from the content, mojibake is repaired first, and each type has its own small parser.

/// The kinds of page dump nnid recognises.
public enum PageDumpKind: String, Sendable, CaseIterable {
    case qaThread = "qa-thread"
    case mardiPage = "mardi-page"
    case landingPage = "landing-page"
    case generic = "generic-page"
}

/// Parses plain-text page dumps: Stack Exchange threads, MaRDI publication pages, paper landing pages.
public enum PageDumpParser {
    /// Parses one dump into its work, document, citation edges and diagnostics. Pure.
    public static func parse(_ text: String, file: String) -> ParseResult {
        guard text.utf8.count <= ParserLimits.maxPageTextBytes else {
            return ParseResult(diagnostics: [Diagnostic(.error, at: SourceLocation(file: file),
                "page text dump is \(text.utf8.count) bytes, more than ParserLimits.maxPageTextBytes "
                + "(\(ParserLimits.maxPageTextBytes)); not read")])
        }
        let repaired = repairMojibake(in: text, file: file)
        var result: ParseResult
        if let marked = detectMarked(repaired.lines) {
            result = marked == .qaThread ? QAThreadDump.parse(repaired.lines, file: file)
                : MaRDIPageDump.parse(repaired.lines, file: file)
        } else {
            // Landing and generic pages go through the line rules twice (detection, parsing): each line
            // is collapsed and lower-cased once for both.
            var lines = repaired.lines
            for index in lines.indices { lines[index].normalize() }
            let isLanding = LandingPageDump.looksLikeLandingPage(lines)
            result = LandingPageDump.parse(lines, file: file, isLanding: isLanding)
        }
        result.diagnostics = repaired.diagnostics + result.diagnostics
        for index in result.documents.indices {
            result.documents[index].repairs = repaired.repairs + result.documents[index].repairs
        }
        return result
    }

    /// The page type of a dump, judged from its content.
    public static func detect(_ text: String) -> PageDumpKind {
        detect(PageText.lines(text))
    }

    static func detect(_ lines: [PageLine]) -> PageDumpKind {
        detectMarked(lines) ?? (LandingPageDump.looksLikeLandingPage(lines) ? .landingPage : .generic)
    }

    /// `.mardiPage` or `.qaThread` when a line marks the dump as one, else nil.
    private static func detectMarked(_ lines: [PageLine]) -> PageDumpKind? {
        let texts = lines.map(\.trimmed)
        if texts.contains(where: { $0 == "From MaRDI portal" || isMaRDIPublicationLine($0) || PageText.containsBytes($0, "MaRDI item Q") }) {
            return .mardiPage
        }
        let qaMarkers = ["$\\begingroup$", "Post Your Answer", "Not the answer you're looking for",
                         "Not the answer you’re looking for"]
        if texts.contains(where: { text in qaMarkers.contains(where: { PageText.containsBytes(text, $0) }) || QAThreadDump.answerHeadingRole(text) != nil }) {
            return .qaThread
        }
        return nil
    }

    static func isMaRDIPublicationLine(_ text: String) -> Bool {
        guard text.hasPrefix("Publication:") else { return false }
        let number = text.dropFirst("Publication:".count)
        return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Lines (cut at ParserLimits.maxPageLineBytes) with mojibake repaired, one repair message and one
    /// note per repaired run. Only lines that pass MojibakeText's byte pre-test are looked at closely.
    static func repairMojibake(in text: String, file: String)
        -> (lines: [PageLine], repairs: [String], diagnostics: [Diagnostic]) {
        let split = PageText.lines(text, maximumLineBytes: ParserLimits.maxPageLineBytes)
        var lines = split.lines
        var repairs: [String] = []
        var diagnostics: [Diagnostic] = split.cut.map { line, bytes in
            let column = lines[line - 1].text.unicodeScalars.count + 1
            return Diagnostic(.warning, at: SourceLocation(file: file, line: line, column: column),
                              "line \(line) is \(bytes) bytes, longer than ParserLimits.maxPageLineBytes "
                              + "(\(ParserLimits.maxPageLineBytes)); the rest of the line from here is not read")
        }
        var unreported = 0
        for index in lines.indices {
            guard let (fixed, fixes) = MojibakeText.repairLine(lines[index].text, number: lines[index].number) else {
                continue
            }
            lines[index].text = fixed
            for fix in fixes {
                guard repairs.count < PageLimits.maximumRepairNotesPerPage else {
                    unreported += 1
                    continue
                }
                let message = MojibakeText.describe(fix)
                repairs.append("line \(lines[index].number): \(message)")
                diagnostics.append(Diagnostic(.note, at: SourceLocation(file: file, line: lines[index].number,
                                                                        column: fix.column), message))
            }
        }
        if unreported > 0 {
            let message = "repaired \(unreported) more mojibake runs, not listed one by one "
                + "(limit PageLimits.maximumRepairNotesPerPage = \(PageLimits.maximumRepairNotesPerPage))"
            repairs.append(message)
            diagnostics.append(Diagnostic(.note, at: SourceLocation(file: file), message))
        }
        return (lines, repairs, diagnostics)
    }
}

/// Paragraphs of a dump: runs of non-empty lines joined by spaces, with the line each starts on.
struct PageParagraph: Sendable, Hashable {
    var line: Int
    var text: String

    /// Groups `lines`; a line for which `standsAlone` is true (a section heading) is its own paragraph.
    static func group(_ lines: [PageLine], standsAlone: (String) -> Bool = PageBoilerplate.isSectionHeading)
        -> [PageParagraph] {
        var paragraphs: [PageParagraph] = []
        var current: PageParagraph?
        var previousNumber = -1
        var previousStandsAlone = false
        for line in lines {
            let text = line.trimmed
            let alone = standsAlone(text)
            if text.isEmpty || line.number != previousNumber + 1 || alone || previousStandsAlone, let open = current {
                paragraphs.append(open)
                current = nil
            }
            previousNumber = line.number
            previousStandsAlone = alone
            guard !text.isEmpty else { continue }
            if current == nil {
                current = PageParagraph(line: line.number, text: text)
            } else {
                current?.text += " " + text
            }
        }
        if let open = current { paragraphs.append(open) }
        return paragraphs
    }
}
