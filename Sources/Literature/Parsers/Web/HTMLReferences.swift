// Reference lists of HTML pages: `citation_reference` meta tags ("citation_title=…; citation_doi=…") and
// <ol>/<ul> lists inside an element whose id or class mentions "reference" or "bibliography".

enum HTMLReferences {
    struct Item {
        var work: WorkReference
        var source: String
        var location: SourceLocation
    }

    static let metaSource = "HTML page, citation_reference meta tag"
    static let listSource = "HTML page, reference list"

    /// XPath test: the node's id or class contains `word`, ignoring case.
    static func attributeContains(_ word: String) -> String {
        let lower = "translate(%@,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
        let id = lower.replacing("%@", with: "@id")
        let klass = lower.replacing("%@", with: "@class")
        return "contains(\(id),'\(word)') or contains(\(klass),'\(word)')"
    }

    /// XPath test for an element that holds a reference list.
    static var referenceContainerTest: String {
        attributeContains("reference") + " or " + attributeContains("bibliograph")
    }

    /// Every reference of the page, meta tags first, duplicates (same DOI, arXiv id or title) dropped.
    static func extract(meta: HTMLMetaTags, tree: HTMLTree, file: String) -> (items: [Item], diagnostics: [Diagnostic]) {
        var items: [Item] = []
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        func add(_ work: WorkReference?, source: String, line: Int, raw: String) {
            let location = SourceLocation(file: file, line: max(line, 1))
            guard let work, let identity = identity(of: work) else {
                diagnostics.append(Diagnostic(.warning, at: location,
                    "reference without a title, DOI or arXiv id, skipped: '\(PageBoilerplate.abbreviated(raw))'"))
                return
            }
            if seen.insert(identity).inserted { items.append(Item(work: work, source: source, location: location)) }
        }
        let tags = meta.allTags("citation_reference")
        let listItems = "//*[self::ol or self::ul][ancestor-or-self::*[" + referenceContainerTest + "]]/li"
        let nodes = tree.nodes(listItems)
        let limit = PageLimits.maximumReferencesPerPage
        // Only the first `limit` references are read at all: the rest would only be dropped.
        for tag in tags where items.count < limit {
            var refusal: String?
            add(metaReference(tag.content, yearRefusal: &refusal), source: metaSource, line: tag.line, raw: tag.content)
            if let refusal {
                diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: max(tag.line, 1)),
                                              "citation_reference year \(refusal)"))
            }
        }
        for node in nodes where items.count < limit {
            let text = HTMLTree.text(of: node)
            guard !text.isEmpty else { continue }
            let hrefs = tree.nodes(".//a[@href]", from: node).compactMap { HTMLTree.attribute("href", of: $0) }
            add(ReferenceText.parse(text, links: hrefs), source: listSource, line: HTMLTree.line(of: node), raw: text)
        }
        if tags.count + nodes.count > limit, items.count == limit {
            let line = tags.dropFirst(limit).first?.line ?? nodes.dropFirst(max(0, limit - tags.count)).first.map(HTMLTree.line(of:)) ?? 1
            diagnostics.append(PageLimits.referencesTruncated(found: tags.count + nodes.count,
                                                              at: SourceLocation(file: file, line: max(line, 1))))
        }
        return (items, diagnostics)
    }

    private static func identity(of work: WorkReference) -> String? {
        if let doi = work.doi { return "doi:" + doi }
        if let arxiv = work.arxiv { return "arxiv:" + arxiv }
        if let title = work.title, !title.isEmpty { return "title:" + PageText.collapse(title).lowercased() }
        return nil
    }

    /// "citation_author=Vlačić, V.; citation_title=Affine symmetries…; citation_doi=10.…; citation_year=2021".
    static func metaReference(_ content: String) -> WorkReference? {
        var refusal: String?
        return metaReference(content, yearRefusal: &refusal)
    }

    /// `metaReference(_:)`; a year out of `ParserLimits.yearRange` is left out and its reason set.
    static func metaReference(_ content: String, yearRefusal: inout String?) -> WorkReference? {
        var fields: [String: [String]] = [:]
        for part in splitFields(content) {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = PageText.trim(part[..<equals]).lowercased()
            let value = PageText.trim(part[part.index(after: equals)...])
            if !value.isEmpty { fields[key, default: []].append(value) }
        }
        guard !fields.isEmpty else { return nil }
        var work = WorkReference()
        work.title = fields["citation_title"]?.first
        work.doi = fields["citation_doi"]?.first.flatMap(PageIdentifiers.doi)
        work.arxiv = fields["citation_arxiv_id"]?.first.flatMap(PageIdentifiers.arxiv)
        work.firstAuthorFamily = fields["citation_author"]?.first.flatMap(PageIdentifiers.personName)?.family
        if let date = (fields["citation_publication_date"] ?? fields["citation_date"] ?? fields["citation_year"])?.first {
            let parsed = ParserLimits.year(in: date)
            work.year = parsed.year
            yearRefusal = parsed.refusal
        }
        return work
    }

    /// Splits at the ";" that precede a "citation_" key, so a ";" inside a title survives.
    private static func splitFields(_ content: String) -> [Substring] {
        var parts: [Substring] = []
        var start = content.startIndex
        var index = content.startIndex
        while index < content.endIndex {
            if content[index] == ";" {
                let rest = content[content.index(after: index)...].drop { PageText.isSpace($0) }
                // Only the next few characters are compared: lower-casing all of `rest` made this quadratic.
                if rest.prefix(9).lowercased() == "citation_" {
                    parts.append(content[start..<index])
                    start = rest.startIndex
                    index = rest.startIndex
                    continue
                }
            }
            index = content.index(after: index)
        }
        parts.append(content[start...])
        return parts
    }
}
