// CSL-JSON writer (citationstyles.org schema): an array of items, Unicode kept, one member per line.
import Literature

extension BibliographyExport {
    /// The CSL type of a work kind.
    static func cslType(_ kind: String) -> String {
        switch kind {
        case "article": return "article-journal"
        case "book": return "book"
        case "chapter": return "chapter"
        case "conference": return "paper-conference"
        case "thesis": return "thesis"
        case "preprint": return "article"
        case "report": return "report"
        case "webpage": return "webpage"
        case "discussion": return "post"
        default: return "document"
        }
    }

    static func writeCSLItem(_ entry: BibliographyEntry, to out: ExportOutput) {
        let work = entry.work
        var first = true
        func member(_ name: String, _ write: () -> Void) {
            out.write(first ? "  {" : ",\n   ")
            first = false
            out.writeJSON(name)
            out.write(": ")
            write()
        }
        func string(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            member(name) { out.writeJSON(value) }
        }
        string("id", work.key)
        string("type", cslType(work.kind))
        string("title", work.title)
        if !entry.authors.isEmpty {
            member("author") {
                out.write("[")
                for (index, name) in entry.authors.enumerated() {
                    if index > 0 { out.write(", ") }
                    writeCSLName(name, to: out)
                }
                out.write("]")
            }
        }
        if let year = work.year {
            member("issued") {
                out.write("{\"date-parts\": [[\(year)")
                if let month = work.month { out.write(", \(month)") }
                out.write("]]}")
            }
        }
        string("container-title", work.venue)
        string("volume", work.volume)
        string("issue", work.issue)
        string("page", work.pages.map { $0.replacingOccurrences(of: "--", with: "-") })
        string("publisher", work.publisher)
        string("DOI", work.doi)
        let arxivURL = work.arxiv.map { "https://arxiv.org/abs/" + $0 }
        string("URL", urls(work).first ?? arxivURL)
        if let arxiv = work.arxiv {
            string("number", work.kind == "preprint" ? arxiv : nil)
            string("note", "arXiv: " + arxiv)
        }
        out.write(first ? "  {}" : "}")
    }

    private static func writeCSLName(_ name: PersonName, to out: ExportOutput) {
        if name.isCorporate {
            out.write("{\"literal\": ")
            out.writeJSON(name.family)
            out.write("}")
            return
        }
        out.write("{\"family\": ")
        out.writeJSON(name.family)
        if !name.given.isEmpty {
            out.write(", \"given\": ")
            out.writeJSON(name.given)
        }
        if !name.particle.isEmpty {
            out.write(", \"non-dropping-particle\": ")
            out.writeJSON(name.particle)
        }
        if !name.suffix.isEmpty {
            out.write(", \"suffix\": ")
            out.writeJSON(name.suffix)
        }
        out.write("}")
    }
}
