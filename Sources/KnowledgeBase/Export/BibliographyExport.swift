// Bibliography exporters: WorkSummary (+ structured names) → BibTeX, CSL-JSON or RIS text, streamed.
// BibTeX gets LaTeX accent macros (BibliographyExport+LaTeX); CSL-JSON and RIS keep Unicode.
import Foundation

/// The bibliography formats `exportBibliography` writes.
public enum BibliographyFormat: String, Sendable, CaseIterable {
    case bibtex
    case cslJSON = "csl-json"
    case ris
}

/// Namespace of the bibliography writers.
public enum BibliographyExport {
    /// Writes `entries` in `format`.
    public static func write(_ entries: [BibliographyEntry], format: BibliographyFormat, to output: ExportOutput) {
        switch format {
        case .bibtex: writeBibTeX(entries, to: output)
        case .cslJSON: writeCSLJSON(entries, to: output)
        case .ris: writeRIS(entries, to: output)
        }
    }

    /// "1--72" → ("1", "72"); a single page → (page, nil).
    static func pageRange(_ pages: String) -> (first: String, last: String?) {
        let parts = pages.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        guard let first = parts.first else { return (pages, nil) }
        return (first, parts.count > 1 ? parts.last : nil)
    }

    /// Every URL of a work (other identifiers of scheme "url" are joined by spaces).
    static func urls(_ work: WorkSummary) -> [String] {
        (work.otherIdentifiers["url"] ?? "").split(separator: " ").map(String.init)
    }
}
