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
        var writer = EntryWriter(format: format, output: output)
        for entry in entries { writer.add(entry) }
        writer.finish()
    }

    /// Writes one entry at a time, so a whole base can be streamed without holding its entries.
    struct EntryWriter {
        let format: BibliographyFormat
        let output: ExportOutput
        private(set) var count = 0

        init(format: BibliographyFormat, output: ExportOutput) {
            self.format = format
            self.output = output
            if format == .cslJSON { output.write("[") }
        }

        mutating func add(_ entry: BibliographyEntry) {
            switch format {
            case .bibtex:
                if count > 0 { output.write("\n") }
                output.write(BibliographyExport.bibTeXEntry(entry))
            case .cslJSON:
                output.write(count == 0 ? "\n" : ",\n")
                BibliographyExport.writeCSLItem(entry, to: output)
            case .ris:
                output.write(BibliographyExport.risRecord(entry))
            }
            count += 1
        }

        func finish() {
            if format == .cslJSON { output.write(count == 0 ? "]\n" : "\n]\n") }
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
