// Paper landing pages (aggregators, preprint portals) dumped as text, and the generic fallback for any
// other plain text. The title comes first, site chrome is stripped by PageBoilerplate, metadata lines
// ("Source: ArXiv", "preprint2022arXivOpen access") give kind, year and venue, and the abstract is the
// "Abstract"/"Summary" section or else the longest prose paragraph.

enum LandingPageDump {
    /// Prose shorter than this is not taken for an abstract when no heading announces one.
    static let minimumAbstractLength = 150

    /// True when the dump has the shape of a paper landing page.
    /// The tests run cheapest first and stop at the first answer: on a large page the first prose
    /// paragraph and a removed line or a heading are found early, and metadata is parsed only when needed.
    static func looksLikeLandingPage(_ lines: [PageLine]) -> Bool {
        let (kept, removed) = PageBoilerplate.strip(lines)
        guard hasProseParagraph(kept) else { return false }
        if !removed.isEmpty { return true }
        if kept.contains(where: { PageBoilerplate.isSectionHeading($0.trimmed) }) { return true }
        return kept.contains { LandingMetadata.parse($0) != nil }
    }

    /// `PageParagraph.group(lines).contains { isProse($0.text) }` without joining the whole page: a
    /// paragraph only grows line by line and `isProse` is a length test, so the first paragraph that
    /// reaches prose length answers.
    private static func hasProseParagraph(_ lines: [PageLine]) -> Bool {
        var current: String?
        var previousNumber = -1
        var previousStandsAlone = false
        for line in lines {
            let text = line.trimmed
            let alone = PageBoilerplate.isSectionHeading(text)
            if text.isEmpty || line.number != previousNumber + 1 || alone || previousStandsAlone { current = nil }
            previousNumber = line.number
            previousStandsAlone = alone
            guard !text.isEmpty else { continue }
            if current == nil { current = text } else { current? += " " + text }
            if let current, isProse(current) { return true }
        }
        return false
    }

    /// `isLanding` is `looksLikeLandingPage(lines)` when the caller has already judged it (it is a full
    /// pass over the page).
    static func parse(_ lines: [PageLine], file: String, isLanding known: Bool? = nil) -> ParseResult {
        let isLanding = known ?? looksLikeLandingPage(lines)
        var result = ParseResult()
        var repairs: [String] = []
        // The title is read before stripping: a real title may contain widget words ("A Review of …").
        guard let (titleLine, title) = findTitle(lines, repairs: &repairs) else {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file), "empty page dump: no title line"))
            return result
        }
        let authors = LandingAuthors.find(lines, titleLine: titleLine.number)
        let rest = lines.filter { $0.number > titleLine.number && !authors.lines.contains($0.number) }
        let (kept, removed) = PageBoilerplate.strip(rest)
        repairs += removed

        var metadata = LandingMetadata()
        var contentLines: [PageLine] = []
        // A year a metadata line states but that is refused is a warning at that line (as in every format).
        func take(_ found: LandingMetadata, from line: PageLine) {
            metadata.merge(found)
            if let refusal = found.yearRefusal {
                result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: line.number), refusal))
            }
        }
        for line in kept {
            if let found = LandingMetadata.parse(line) {
                take(found, from: line)
            } else if let rule = LandingTitle.navigationRule(line) {
                repairs.append("line \(line.number): removed \(rule) '\(PageBoilerplate.abbreviated(line.trimmed))'")
            } else {
                contentLines.append(line)
            }
        }
        // Identifiers and dates stated above the title (arXiv prints its id and dates first).
        for line in lines where line.number < titleLine.number {
            if let found = LandingMetadata.parse(line) { take(found, from: line) }
        }
        if metadata.identifiers.zbmath == nil { metadata.identifiers.zbmath = LandingSiteLines.zblNumber(in: titleLine.text) }
        if metadata.year == nil {
            for line in lines {
                guard let found = LandingSiteLines.jsonYear(in: line.text) else { continue }
                if let refusal = found.refusal {
                    result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: line.number), refusal))
                }
                if let year = found.year {
                    metadata.year = year
                    break
                }
            }
        }
        let location = SourceLocation(file: file, line: titleLine.number)
        let paragraphs = PageParagraph.group(contentLines, standsAlone: standsAlone)
        var passages: [PassageRecord] = []
        var abstract: PageParagraph?
        if isLanding {
            abstract = findAbstract(paragraphs)
            if let abstract { passages.append(PassageRecord(role: "abstract", text: abstract.text, line: abstract.line)) }
            else {
                result.diagnostics.append(Diagnostic(.warning, at: location, "landing page without an abstract"))
            }
        } else {
            result.diagnostics.append(Diagnostic(.warning, at: location,
                "page type not recognised (not a Q&A thread, MaRDI page or paper landing page); stored as a generic web page"))
            passages = paragraphs.map { PassageRecord(role: "paragraph", text: $0.text, line: $0.line) }
        }

        // A landing page renders a paper: an article unless its metadata says otherwise.
        let kind: WorkKind = isLanding ? (metadata.kind ?? .article) : .webpage
        var work = WorkRecord(kind: kind, title: title, authors: authors.names, year: metadata.year,
                              venue: metadata.venue, volume: metadata.volume, pages: metadata.pages,
                              abstract: abstract?.text, identifiers: metadata.identifiers, location: location)
        work.authorsEtAl = authors.etAl
        let reference = WorkReference(doi: metadata.identifiers.doi, arxiv: metadata.identifiers.arxiv,
                                      title: title, firstAuthorFamily: authors.names.first?.family, year: metadata.year)
        result.works.append(work.scraped(from: isLanding ? "paper landing page" : "web page"))
        result.documents.append(DocumentRecord(
            work: reference, kind: isLanding ? PageDumpKind.landingPage.rawValue : PageDumpKind.generic.rawValue,
            title: title, passages: passages, repairs: repairs, location: location))
        return result
    }

    /// Lines that are paragraphs of their own: section headings, Markdown headings ("## 1 Introduction")
    /// and labelled fields ("Keywords: …", "MSC:", "Abstract: …") that sites print one per line.
    static func standsAlone(_ line: String) -> Bool {
        PageBoilerplate.isSectionHeading(line) || line.hasPrefix("#") || isLabelled(line)
    }

    /// "Keywords: …", "TL;DR: …", "MSC:": one to three capitalised words and a colon start the line.
    static func isLabelled(_ line: String) -> Bool {
        if let decided = isLabelledASCII(line) { return decided }
        guard let colon = line.prefix(32).firstIndex(of: ":") else { return false }
        let label = line[..<colon]
        let words = label.split(separator: " ")
        guard (1...3).contains(words.count), label.first?.isUppercase == true else { return false }
        return label.allSatisfy { $0.isLetter || $0 == " " || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "-" }
    }

    /// `isLabelled` decided on bytes while the line is ASCII up to its colon or its 32nd byte, else nil.
    /// An ASCII byte there starts a Character (lines hold no CR, and only non-ASCII scalars join others),
    /// so a byte outside the label's alphabet is a Character outside it. Most lines fail on their first
    /// byte (not a capital) or have no colon in reach.
    private static func isLabelledASCII(_ line: String) -> Bool? {
        UTF8Scan.withBytes(line) { bytes -> Bool? in
            // An ASCII first byte other than a capital starts a Character that is not uppercase.
            guard let first = bytes.first, first >= 0x80 || (0x41...0x5A).contains(first) else { return false }
            var words = 0
            var previousIsSpace = true
            for index in 0..<min(bytes.count, 32) {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                if byte == 0x3A {   // ":" ends the label, unless a mark after it makes a Character of both
                    if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return nil }
                    return index > 0 && (1...3).contains(words)
                }
                let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                guard isLetter || byte == 0x20 || byte == 0x3B || byte == 0x28 || byte == 0x29 || byte == 0x2D else {
                    return false
                }
                if byte != 0x20 && previousIsSpace { words += 1 }
                previousIsSpace = byte == 0x20
            }
            return false   // no colon among the first 32 Characters
        }
    }

    /// The title line and its cleaned text: a "Title: …" line when the page has one, else the first line
    /// that is not boilerplate, navigation, metadata or an author list.
    private static func findTitle(_ lines: [PageLine], repairs: inout [String]) -> (PageLine, String)? {
        if let line = lines.first(where: { LandingTitle.explicit($0) != nil }), let title = LandingTitle.explicit(line) {
            return (line, title)
        }
        for line in lines where !line.trimmed.isEmpty {
            let text = line.trimmed
            if LandingTitle.isCandidate(text), !LandingAuthors.isFamilyFirstList(text) {
                return (line, LandingTitle.clean(text))
            }
            let rule = PageBoilerplate.lineRule(text) ?? LandingTitle.navigationRule(text)
            if let rule { repairs.append("line \(line.number): removed \(rule) '\(PageBoilerplate.abbreviated(text))'") }
        }
        return nil
    }

    /// The paragraph(s) under an "Abstract"/"Summary" heading, else the longest prose paragraph.
    private static func findAbstract(_ paragraphs: [PageParagraph]) -> PageParagraph? {
        // "Abstract: text" / "Abstract:text" on one line (arXiv, OpenReview, MaRDI).
        for paragraph in paragraphs {
            for label in ["Abstract:", "Abstract.", "Abstract -", "Summary:"] where paragraph.text.hasPrefix(label) {
                let body = PageText.trim(paragraph.text.dropFirst(label.count))
                if body.count >= 40 { return PageParagraph(line: paragraph.line, text: body) }
            }
        }
        if let heading = paragraphs.firstIndex(where: { PageBoilerplate.isSectionHeading($0.text) }) {
            var body: [PageParagraph] = []
            for paragraph in paragraphs[(heading + 1)...] {
                if PageBoilerplate.isSectionHeading(paragraph.text) || PageBoilerplate.looksLikeHeading(paragraph.text)
                    || paragraph.text.hasPrefix("#") || isLabelled(paragraph.text) {
                    break
                }
                body.append(paragraph)
            }
            if let first = body.first {
                return PageParagraph(line: first.line, text: body.map(\.text).joined(separator: "\n\n"))
            }
        }
        let prose = paragraphs.filter { isProse($0.text) && !PageBoilerplate.isSectionHeading($0.text) }
        return prose.max { $0.text.utf8.count < $1.text.utf8.count }
    }

    /// At least `minimumAbstractLength` characters; counted only when the byte length leaves a doubt,
    /// since counting characters of a 10 MB paragraph is a pass of its own.
    private static func isProse(_ text: String) -> Bool {
        let bytes = text.utf8.count
        return bytes >= 4 * minimumAbstractLength || (bytes >= minimumAbstractLength && text.count >= minimumAbstractLength)
    }
}
