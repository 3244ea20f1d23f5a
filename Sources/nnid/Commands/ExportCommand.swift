import ArgumentParser
import Foundation
import KnowledgeBase

/// `nnid export`: the bibliography of the base, of a claim or of chosen works.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a bibliography as BibTeX, CSL-JSON or RIS.",
        discussion: HelpText.reflow("""
            Without --claim or --keys, every work in the base (sorted by key). --keys K1,K2 exports those
            works in that order; --claim CLAIM the works stating the claim, in card order; both together,
            the keys first. BibTeX encodes accents as LaTeX macros ({\\'e}) and escapes LaTeX's special
            characters; CSL-JSON and RIS keep Unicode (UTF-8). Citation keys are the base's keys.

            Exit status: 0 written, 1 database or write error, 2 usage error (including an unknown key or
            claim, with the closest known names suggested).

            Examples:
              nnid export --format bibtex --output nnid.bib
              nnid export --claim relu-path-lifting --format csl-json
              nnid export --keys VB21,Sus92 --format ris
            """))

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case bibtex
        case cslJSON = "csl-json"
        case ris
    }

    @Option(name: .long, help: "bibtex, csl-json or ris.")
    var format: Format = .bibtex

    @Option(name: .long, help: "Only the works stating this claim.", completion: Completions.claimIDs)
    var claim: String?

    @Option(name: .long, help: "Only these work keys (comma-separated).", completion: Completions.workKeys)
    var keys: String?

    @Option(name: .long, help: "Write to this file instead of standard output.", completion: .file())
    var output: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let keys, Self.split(keys).isEmpty { throw ValidationError("--keys needs at least one work key") }
    }

    static func split(_ keys: String) -> [String] {
        keys.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let kb: KnowledgeBase
        do {
            kb = try database.openForReading()
        } catch {
            throw Terminal.failure("export", error)
        }
        try KnownNames.requireClaim(claim, in: kb, command: "export")
        try KnownNames.requireWorks(keys.map(Self.split) ?? [], in: kb, command: "export")
        do {
            let chosen = BibliographyFormat(rawValue: format.rawValue) ?? .bibtex
            if keys == nil && claim == nil {
                // The whole base: streamed, one entry at a time.
                let sink = try output.map { path throws(ExportError) in try ExportOutput(path: path) } ?? ExportOutput()
                try kb.streamBibliography(format: chosen, to: sink)
                return
            }
            // Resolve the selection before creating the output file, so an unknown key leaves no empty file.
            let entries = try kb.bibliographyEntries(keys: keys.map(Self.split), claimID: claim)
            let sink = try output.map { path throws(ExportError) in try ExportOutput(path: path) } ?? ExportOutput()
            BibliographyExport.write(entries, format: chosen, to: sink)
            try sink.finish()
        } catch {
            throw Terminal.failure("export", error)
        }
    }
}
