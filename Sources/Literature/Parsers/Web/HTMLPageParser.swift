// Scholarly web pages: the Highwire/Google Scholar meta tags (citation_*), Dublin Core (DC.*), Open Graph,
// then the page itself (<title>, an "abstract" element, reference lists). One page gives one work, one
// document and one edge per reference.

/// Parses HTML pages through libxml2 into a work, a document and its reference edges.
public enum HTMLPageParser {
    /// Parses one HTML page. Pure: the bytes are all it reads.
    public static func parse(bytes: [UInt8], file: String) -> ParseResult {
        var result = ParseResult()
        let nuls = HTMLNULs.replace(bytes)
        if let first = nuls.references.first {
            result.diagnostics.append(Diagnostic(.warning, at: LineIndex(bytes: bytes).location(of: first, file: file),
                "\(nuls.references.count) NUL character reference(s) (&#0;); kept as the visible symbol ␀ (U+2400)"))
        }
        guard let tree = HTMLTree(bytes: nuls.bytes) else {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file),
                                                 "empty HTML document: nothing to parse"))
            return result
        }
        let meta = HTMLMetaTags(tree: tree)
        for (line, fix) in meta.repairs.prefix(PageLimits.maximumRepairNotesPerPage) {
            result.diagnostics.append(Diagnostic(.note, at: SourceLocation(file: file, line: max(line, 1)),
                "repaired mojibake '\(fix.original)' → '\(fix.repaired)' in a meta tag (UTF-8 read as \(fix.codePage))"))
        }
        for tag in meta.oversized {
            result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: max(tag.line, 1)),
                ParserLimits.fieldTooLong("content of meta tag '\(tag.name)'", bytes: tag.bytes)))
        }
        let linked = HTMLLinkedData.find(in: tree)
        for warning in linked?.warnings ?? [] {
            result.diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: linked?.line ?? 1), warning))
        }
        let titleFound = title(meta: meta, linked: linked, tree: tree)
        guard let (title, titleLine) = titleFound else {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file),
                "HTML page without a title (no citation_title, DC.title, JSON-LD headline, og:title, <title> or <h1>)"))
            return result
        }
        let location = SourceLocation(file: file, line: max(titleLine, 1))
        var work = WorkRecord(kind: .webpage, title: title, location: location)
        work.authors = authors(meta, linked: linked)
        work.identifiers = identifiers(meta, tree: tree)
        if work.identifiers.doi == nil { work.identifiers.doi = linked?.doi }
        work.year = year(meta, file: file, diagnostics: &result.diagnostics) ?? linked?.year
        work.venue = meta.first("citation_journal_title") ?? meta.first("citation_conference_title")
            ?? meta.first("citation_inbook_title") ?? meta.first("prism.publicationname") ?? linked?.venue
        work.volume = meta.first("citation_volume")
        work.issue = meta.first("citation_issue")
        work.publisher = meta.first("citation_publisher") ?? meta.first("dc.publisher")
        if let first = meta.first("citation_firstpage") {
            work.pages = meta.first("citation_lastpage").map { "\(first)–\($0)" } ?? first
        }
        work.kind = kind(meta, identifiers: work.identifiers)
        let abstractFound = abstract(meta: meta, linked: linked, tree: tree)
        work.abstract = abstractFound?.text

        let page = WorkReference(doi: work.identifiers.doi, arxiv: work.identifiers.arxiv, title: title,
                                 firstAuthorFamily: work.authors.first?.family, year: work.year)
        let references = HTMLReferences.extract(meta: meta, tree: tree, file: file)
        result.diagnostics += references.diagnostics
        for reference in references.items {
            result.citations.append(CitationRecord(citing: page, cited: reference.work, relation: "cites",
                                                   source: reference.source, location: reference.location))
        }

        var passages: [PassageRecord] = []
        if let abstractFound {
            passages.append(PassageRecord(role: "abstract", text: abstractFound.text, line: abstractFound.line))
        }
        passages += bodyParagraphs(tree: tree, excluding: abstractFound?.text)
        result.works.append(work.scraped(from: "HTML page"))
        result.documents.append(DocumentRecord(work: page, kind: "html-page", title: title, passages: passages,
                                               location: location))
        return result
    }

    /// The year of the first date meta tag that names one; each date tag whose year is refused
    /// (out of `ParserLimits.yearRange`, "99999") before it is a warning at its line.
    private static func year(_ meta: HTMLMetaTags, file: String, diagnostics: inout [Diagnostic]) -> Int? {
        for name in ["citation_publication_date", "citation_date", "citation_online_date", "citation_year",
                     "dc.date", "dcterms.issued", "prism.publicationdate"] {
            guard let tag = meta.firstTag(name) else { continue }
            let parsed = ParserLimits.year(in: tag.content)
            if let year = parsed.year { return year }
            if let refusal = parsed.refusal {
                diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: max(tag.line, 1)),
                                              "meta tag '\(name)': \(refusal)"))
            }
        }
        return nil
    }

    /// Largest number of body paragraphs kept as passages.
    static let maximumParagraphs = 400

    /// Trust order: Highwire (citation_*), Dublin Core, JSON-LD, OpenGraph/Twitter, then the page itself.
    private static func title(meta: HTMLMetaTags, linked: HTMLLinkedData?, tree: HTMLTree) -> (String, Int)? {
        for name in ["citation_title", "dc.title", "dcterms.title"] {
            if let tag = meta.firstTag(name) { return (tag.content, tag.line) }
        }
        if let linked, let title = linked.title { return (title, linked.line) }
        for name in ["og:title", "twitter:title"] {
            if let tag = meta.firstTag(name) { return (tag.content, tag.line) }
        }
        for expression in ["//title", "//h1"] {
            for node in tree.nodes(expression) {
                var text = HTMLTree.text(of: node)
                // "<title>Paper | Site</title>": the site name after the bar is not part of the title.
                if expression == "//title", let bar = text.firstRange(of: " | ") {
                    text = PageText.trim(text[..<bar.lowerBound])
                }
                // arXiv's "<title>[2206.07424] Title</title>": the bracketed id is not part of the title.
                if expression == "//title", text.hasPrefix("["), let close = text.firstIndex(of: "]"),
                   PageIdentifiers.arxiv(String(text[text.index(after: text.startIndex)..<close])) != nil {
                    text = PageText.trim(text[text.index(after: close)...])
                }
                if LandingTitle.navigationRule(text) != nil { continue }
                text = LandingTitle.clean(text)
                if !text.isEmpty { return (text, HTMLTree.line(of: node)) }
            }
        }
        return nil
    }

    private static func authors(_ meta: HTMLMetaTags, linked: HTMLLinkedData?) -> [PersonName] {
        for name in ["citation_author", "dc.creator", "dcterms.creator"] {
            let names = meta.all(name).compactMap(PageIdentifiers.personName)
            if !names.isEmpty { return names }
        }
        if let linked, !linked.authors.isEmpty { return linked.authors }
        return meta.all("author").compactMap(PageIdentifiers.personName)
    }

    private static func identifiers(_ meta: HTMLMetaTags, tree: HTMLTree) -> WorkIdentifiers {
        var ids = WorkIdentifiers()
        ids.doi = (meta.all("citation_doi") + meta.all("prism.doi") + meta.all("dc.identifier")
                   + meta.all("dcterms.identifier"))
            .lazy.compactMap { value -> String? in
                let lower = value.lowercased()
                let looksLikeDOI = lower.hasPrefix("doi:") || lower.hasPrefix("10.") || lower.contains("doi.org/")
                    || lower.hasPrefix("info:doi/")
                return looksLikeDOI ? PageIdentifiers.doi(value) : nil
            }.first
        ids.arxiv = meta.first("citation_arxiv_id").flatMap(PageIdentifiers.arxiv)
            ?? meta.all("dc.identifier").lazy.compactMap(PageIdentifiers.findArXiv(in:)).first
        var urls = meta.all("citation_pdf_url") + meta.all("citation_abstract_html_url")
        urls += tree.nodes("//link[@rel and @href]").compactMap { node in
            HTMLTree.attribute("rel", of: node)?.lowercased() == "canonical" ? HTMLTree.attribute("href", of: node) : nil
        }
        urls += meta.all("og:url")
        for url in urls.map({ PageText.trim($0) }) where !url.isEmpty && !ids.urls.contains(url) {
            ids.urls.append(url)
        }
        return ids
    }

    private static func kind(_ meta: HTMLMetaTags, identifiers: WorkIdentifiers) -> WorkKind {
        if meta.first("citation_journal_title") != nil { return .article }
        if meta.first("citation_conference_title") != nil { return .conference }
        if meta.first("citation_dissertation_institution") != nil { return .thesis }
        if meta.first("citation_technical_report_institution") != nil { return .report }
        if meta.first("citation_inbook_title") != nil { return .chapter }
        if identifiers.arxiv != nil { return .preprint }
        return meta.first("citation_title") != nil ? .misc : .webpage
    }

    private static func abstract(meta: HTMLMetaTags, linked: HTMLLinkedData?, tree: HTMLTree) -> (text: String, line: Int)? {
        for name in ["citation_abstract", "dc.description", "dcterms.abstract"] {
            if let tag = meta.firstTag(name) { return (tag.content, tag.line) }
        }
        if let linked, let abstract = linked.abstract, abstract.count >= 20 { return (abstract, linked.line) }
        let element = abstractElement(tree)
        let description = meta.firstTag("description") ?? meta.firstTag("og:description")
        // A site-wide description meta is often shorter than the page's own abstract block.
        if let description, description.content.count >= (element?.text.count ?? 0) {
            return (description.content, description.line)
        }
        return element
    }

    private static func abstractElement(_ tree: HTMLTree) -> (text: String, line: Int)? {
        let expression = "//*[not(self::html or self::body or self::meta)][" + HTMLReferences.attributeContains("abstract") + "]"
        for node in tree.nodes(expression) {
            var text = HTMLTree.text(of: node)
            for heading in ["Abstract:", "Abstract.", "Abstract", "ABSTRACT"] where text.hasPrefix(heading) {
                text = PageText.trim(text.dropFirst(heading.count))
                break
            }
            if text.count >= 20 { return (text, HTMLTree.line(of: node)) }
        }
        return nil
    }

    private static func bodyParagraphs(tree: HTMLTree, excluding abstract: String?) -> [PassageRecord] {
        let outside = "not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside or ancestor::form"
            + " or ancestor::*[" + HTMLReferences.attributeContains("abstract") + "]"
            + " or ancestor::*[" + HTMLReferences.referenceContainerTest + "])"
        var passages: [PassageRecord] = []
        for node in tree.nodes("//body//p[" + outside + "]") {
            let text = HTMLTree.text(of: node)
            guard text.count >= 40, text != abstract, PageBoilerplate.lineRule(text) == nil else { continue }
            passages.append(PassageRecord(role: "paragraph", text: text, line: HTMLTree.line(of: node)))
            if passages.count == maximumParagraphs { break }
        }
        return passages
    }
}

/// The page's <meta> tags by lower-cased name/property, in document order.
struct HTMLMetaTags {
    struct Tag {
        var content: String
        var line: Int
    }

    private var tags: [String: [Tag]] = [:]
    /// Mojibake repaired in tag contents, with the tag's line.
    private(set) var repairs: [(line: Int, fix: MojibakeRepairNote)] = []
    /// Tags left out because their content is over `ParserLimits.maxFieldBytes`.
    private(set) var oversized: [(line: Int, name: String, bytes: Int)] = []

    init(tree: HTMLTree) {
        for node in tree.nodes("//meta[@content]") {
            guard let key = (HTMLTree.attribute("name", of: node) ?? HTMLTree.attribute("property", of: node)
                             ?? HTMLTree.attribute("itemprop", of: node))?.lowercased(),
                  let raw = HTMLTree.attribute("content", of: node) else { continue }
            // Checked before any other work on the content: collapsing and repairs are linear but not free.
            guard raw.utf8.count <= ParserLimits.maxFieldBytes else {
                oversized.append((HTMLTree.line(of: node), PageText.trim(key), raw.utf8.count))
                continue
            }
            let line = HTMLTree.line(of: node)
            let collapsed = PageText.collapse(raw)
            let (content, fixes) = MojibakeText.repairLine(collapsed, number: line) ?? (collapsed, [])
            guard !content.isEmpty else { continue }
            for fix in fixes { repairs.append((line, fix)) }
            tags[PageText.trim(key), default: []].append(Tag(content: content, line: line))
        }
    }

    func all(_ name: String) -> [String] { (tags[name] ?? []).map(\.content) }
    func allTags(_ name: String) -> [Tag] { tags[name] ?? [] }
    func first(_ name: String) -> String? { tags[name]?.first?.content }
    func firstTag(_ name: String) -> Tag? { tags[name]?.first }
}
