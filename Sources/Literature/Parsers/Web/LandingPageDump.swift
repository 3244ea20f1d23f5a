// Paper landing pages (aggregators, preprint portals) dumped as text, and the generic fallback for any
// other plain text. The title comes first, site chrome is stripped by PageBoilerplate, metadata lines
// ("Source: ArXiv", "preprint2022arXivOpen access") give kind, year and venue, and the abstract is the
// "Abstract"/"Summary" section or else the longest prose paragraph.

enum LandingPageDump {
    /// Prose shorter than this is not taken for an abstract when no heading announces one.
    static let minimumAbstractLength = 150

    /// True when the dump has the shape of a paper landing page.
    static func looksLikeLandingPage(_ lines: [PageLine]) -> Bool {
        let (kept, removed) = PageBoilerplate.strip(lines)
        let hasMetadata = kept.contains { LandingMetadata.parse($0.trimmed) != nil }
        let hasHeading = kept.contains { PageBoilerplate.isSectionHeading($0.trimmed) }
        let hasProse = PageParagraph.group(kept).contains { $0.text.count >= minimumAbstractLength }
        return hasProse && (hasMetadata || hasHeading || !removed.isEmpty)
    }

    static func parse(_ lines: [PageLine], file: String) -> ParseResult {
        let isLanding = looksLikeLandingPage(lines)
        var result = ParseResult()
        var repairs: [String] = []
        // The title is read before stripping: a real title may contain widget words ("A Review of …").
        var titleLine: PageLine?
        for line in lines where !line.trimmed.isEmpty {
            if let rule = PageBoilerplate.lineRule(line.trimmed) {
                repairs.append("line \(line.number): removed \(rule) '\(PageBoilerplate.abbreviated(line.trimmed))'")
                continue
            }
            titleLine = line
            break
        }
        guard let titleLine else {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file), "empty page dump: no title line"))
            return result
        }
        let title = PageText.collapse(titleLine.text)
        let rest = lines.filter { $0.number > titleLine.number }
        let (kept, removed) = PageBoilerplate.strip(rest)
        repairs += removed

        var metadata = LandingMetadata()
        var contentLines: [PageLine] = []
        for line in kept {
            if let found = LandingMetadata.parse(line.trimmed) {
                metadata.merge(found)
            } else {
                contentLines.append(line)
            }
        }
        let location = SourceLocation(file: file, line: titleLine.number)
        let paragraphs = PageParagraph.group(contentLines)
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
        let work = WorkRecord(kind: kind, title: title, year: metadata.year, venue: metadata.venue,
                              abstract: abstract?.text, identifiers: metadata.identifiers, location: location)
        let reference = WorkReference(doi: metadata.identifiers.doi, arxiv: metadata.identifiers.arxiv,
                                      title: title, year: metadata.year)
        result.works.append(work)
        result.documents.append(DocumentRecord(
            work: reference, kind: isLanding ? PageDumpKind.landingPage.rawValue : PageDumpKind.generic.rawValue,
            title: title, passages: passages, repairs: repairs, location: location))
        return result
    }

    /// The paragraph(s) under an "Abstract"/"Summary" heading, else the longest prose paragraph.
    private static func findAbstract(_ paragraphs: [PageParagraph]) -> PageParagraph? {
        if let heading = paragraphs.firstIndex(where: { PageBoilerplate.isSectionHeading($0.text) }) {
            var body: [PageParagraph] = []
            for paragraph in paragraphs[(heading + 1)...] {
                if PageBoilerplate.isSectionHeading(paragraph.text) || PageBoilerplate.looksLikeHeading(paragraph.text) {
                    break
                }
                body.append(paragraph)
            }
            if let first = body.first {
                return PageParagraph(line: first.line, text: body.map(\.text).joined(separator: "\n\n"))
            }
        }
        let prose = paragraphs.filter { $0.text.count >= minimumAbstractLength && !PageBoilerplate.isSectionHeading($0.text) }
        return prose.max { $0.text.count < $1.text.count }
    }
}
