// BibTeX writer. Field values are brace-delimited and LaTeX-encoded; names are written
// "von Family, Jr, Given" (BibTeX's unambiguous form), corporate names in braces.
import Literature

extension BibliographyExport {
    /// One BibTeX entry as text.
    static func bibTeXEntry(_ entry: BibliographyEntry) -> String {
        let work = entry.work
        var fields: [(name: String, value: String, bare: Bool)] = []
        func add(_ name: String, _ value: String?, encode: Bool = true, bare: Bool = false) {
            guard let value, !value.isEmpty else { return }
            fields.append((name, encode ? latex(value) : value, bare))
        }
        let type: String
        switch work.kind {
        case "article": type = "article"
        case "book": type = "book"
        case "chapter": type = "incollection"
        case "conference": type = "inproceedings"
        case "thesis": type = "phdthesis"
        case "report": type = "techreport"
        default: type = "misc"
        }
        if !entry.authors.isEmpty {
            fields.append(("author", entry.authors.map(bibTeXName).joined(separator: " and "), false))
        }
        fields.append(("title", protectedTitle(work.title), false))
        // A preprint known by its arXiv id: plain.bst ignores eprint, so the id also goes where it prints.
        let preprintID = work.arxiv.flatMap { id -> String? in
            let venue = work.venue?.lowercased() ?? ""
            return venue.isEmpty || venue.contains("arxiv") || venue == "preprint" ? "arXiv:" + id : nil
        }
        switch type {
        case "article": add("journal", work.venue)
        case "incollection", "inproceedings": add("booktitle", work.venue)
        case "phdthesis": add("school", work.venue)
        case "techreport": add("institution", work.venue)
        default: add("howpublished", work.venue)
        }
        add("note", preprintID, encode: false)
        add("year", work.year.map(String.init))
        // The month macro, unbraced, so styles print the month name ("November"), not "nov".
        add("month", work.month.flatMap { (1...12).contains($0) ? monthNames[$0 - 1] : nil }, encode: false, bare: true)
        add("volume", work.volume)
        add("number", work.issue)
        add("pages", work.pages.map { $0.replacingOccurrences(of: "–", with: "--") })
        add("publisher", work.publisher)
        add("doi", work.doi, encode: false)
        if let arxiv = work.arxiv {
            add("eprint", arxiv, encode: false)
            add("archiveprefix", "arXiv")
        }
        let urls = urls(work)
        if let url = urls.first { add("url", url, encode: false) }
        for scheme in ["mardi", "zbmath", "hal", "openreview", "isbn"] {
            add(scheme, work.otherIdentifiers[scheme], encode: false)
        }
        // nnid's own field: keeps the verification status through an export and re-ingest.
        if !work.verified {
            add("unverified", work.unverifiedFields.isEmpty ? "entry" : work.unverifiedFields.joined(separator: ", "),
                encode: false)
        }
        var body = "@\(type){\(work.key)"
        let width = fields.map(\.name.count).max() ?? 0
        for (name, value, bare) in fields {
            body += ",\n  " + name + String(repeating: " ", count: width - name.count)
                + (bare ? " = " + value : " = {" + value + "}")
        }
        return body + "\n}\n"
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                     "dec"]

    /// "von Family, Jr, Given" with LaTeX encoding; a corporate name as "{Name}".
    static func bibTeXName(_ name: PersonName) -> String {
        if name.isCorporate { return "{" + latex(name.family) + "}" }
        var family = latex(name.family)
        if family.contains(" ") || family.contains(",") { family = "{" + family + "}" }
        var out = name.particle.isEmpty ? family : latex(name.particle) + " " + family
        if !name.suffix.isEmpty { out += ", " + latex(name.suffix) }
        if !name.given.isEmpty { out += ", " + latex(name.given) }
        return out
    }
}
