// RIS writer: tagged lines "TY  - JOUR" … "ER  - ", Unicode kept (UTF-8). RIS is line-based, so line
// breaks inside a value become spaces.
import Literature

extension BibliographyExport {
    /// The RIS reference type of a work kind.
    static func risType(_ kind: String) -> String {
        switch kind {
        case "article": return "JOUR"
        case "book": return "BOOK"
        case "chapter": return "CHAP"
        case "conference": return "CPAPER"
        case "thesis": return "THES"
        case "preprint": return "UNPB"
        case "report": return "RPRT"
        case "webpage", "discussion": return "ELEC"
        default: return "GEN"
        }
    }

    /// One RIS record as text.
    static func risRecord(_ entry: BibliographyEntry) -> String {
        let work = entry.work
        var lines: [String] = []
        func tag(_ name: String, _ value: String?) {
            guard let value else { return }
            let flat = value.split(whereSeparator: \.isNewline).joined(separator: " ")
            guard !flat.isEmpty else { return }
            lines.append(name + "  - " + flat)
        }
        tag("TY", risType(work.kind))
        tag("ID", work.key)
        tag("TI", work.title)
        for name in entry.authors {
            if name.isCorporate {
                tag("AU", name.family)
            } else {
                let family = name.particle.isEmpty ? name.family : name.particle + " " + name.family
                tag("AU", [family, name.given, name.suffix].filter { !$0.isEmpty }.joined(separator: ", "))
            }
        }
        tag("PY", work.year.map(String.init))
        if let year = work.year, let month = work.month {
            tag("DA", "\(year)/" + (month < 10 ? "0" : "") + "\(month)")
        }
        tag(work.kind == "article" ? "JO" : "T2", work.venue)
        tag("VL", work.volume)
        tag("IS", work.issue)
        if let pages = work.pages {
            let range = pageRange(pages)
            tag("SP", range.first)
            tag("EP", range.last)
        }
        tag("PB", work.publisher)
        tag("DO", work.doi)
        for url in urls(work) { tag("UR", url) }
        if let arxiv = work.arxiv {
            tag("UR", "https://arxiv.org/abs/" + arxiv)
            tag("N1", "arXiv: " + arxiv)
        }
        lines.append("ER  - ")
        return lines.joined(separator: "\n") + "\n\n"
    }
}
