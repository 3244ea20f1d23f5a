import KnowledgeBase

/// Formats a work as a one-paragraph citation with DOI and arXiv links, marking unverified facts.
enum CitationFormatter {
    static func format(_ work: WorkSummary) -> String {
        var parts: [String] = []
        if !work.authors.isEmpty { parts.append(authorList(work.authors) + ".") }
        parts.append(work.title.hasSuffix(".") || work.title.hasSuffix("?") ? work.title : work.title + ".")
        var venue = work.venue ?? ""
        if let volume = work.volume { venue += venue.isEmpty ? volume : " \(volume)" }
        if let issue = work.issue { venue += "(\(issue))" }
        if let pages = work.pages { venue += (venue.isEmpty ? "" : ":") + pages }
        if let year = work.year { venue += venue.isEmpty ? String(year) : ", \(year)" }
        if !venue.isEmpty { parts.append(venue + ".") }
        var text = parts.joined(separator: " ")
        for link in links(work) { text += " " + link }
        if !work.verified {
            let fields = work.unverifiedFields.filter { $0 != "entry" }
            text += fields.isEmpty ? " [unverified record]" : " [unverified: \(fields.joined(separator: ", "))]"
        }
        return text
    }

    static func links(_ work: WorkSummary) -> [String] {
        var out: [String] = []
        if let doi = work.doi { out.append("https://doi.org/\(doi)") }
        if let arxiv = work.arxiv { out.append("https://arxiv.org/abs/\(arxiv)") }
        if out.isEmpty, let url = work.otherIdentifiers["url"]?.split(separator: " ").first { out.append(String(url)) }
        return out
    }

    /// "A", "A and B", "A, B and C"; more than five: first three and "et al.".
    static func authorList(_ authors: [String]) -> String {
        if authors.count > 5 { return authors.prefix(3).joined(separator: ", ") + " et al" }
        if authors.count <= 1 { return authors.first ?? "" }
        return authors.dropLast().joined(separator: ", ") + " and " + (authors.last ?? "")
    }
}
