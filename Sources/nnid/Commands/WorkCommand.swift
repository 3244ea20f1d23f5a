import ArgumentParser
import Foundation
import KnowledgeBase
import Literature

/// `nnid work KEY`: one work's page.
struct WorkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Show one work in full: record, identifiers, provenance, citations in and out, claims.",
        discussion: HelpText.reflow("""
            Prints the formatted citation, every field with its verification status (fields listed as
            unverified are not yet confirmed in a primary source), the file:line the record came from, the
            identifiers, each citation edge in and out with its provenance and status, the documents
            (saved pages) and the claims the work states with their locators. `nnid show KEY` also lands
            here when KEY is a work key rather than a claim id.

            JSON (--format json): {"work": {… as in `nnid works`}, "source", "note", "cites": [{key, title,
            relation, provenance, verified}], "cited_by": [same], "documents": [{kind, title, sources,
            passages}], "claims": [{id, title, locator}], "provenance": {key, source, aliases, merges,
            conflicts, contributors}}.

            Examples:
              nnid work VB21
              nnid work Sus92 --format json
            """))

    @Argument(help: "The work key (as `nnid works` lists it).", completion: Completions.workKeys)
    var key: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: TextOrJSON = .text

    @Flag(name: .long, help: "Same as --format json.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let session = try ClaimSession(database: database, command: "work")
        try Self.show(key: key, session: session, json: json || format == .json, command: "work")
    }

    static func show(key: String, session: ClaimSession, json: Bool, command: String) throws {
        let page: WorkPage?
        do {
            page = try session.base.workPage(key: key)
        } catch {
            Terminal.error("nnid \(command): error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        guard let page else {
            let keys = (try? session.base.workKeys()) ?? []
            throw Suggestions.unknown("work", key, among: keys, command: command, extra: " (`nnid works` lists them)")
        }
        print(json ? try JSONOutput.string(page) : text(page))
    }

    static func text(_ page: WorkPage) -> String {
        let w = page.work
        var lines = ["\(w.key) — \(w.title)", "", "  " + CitationFormatter.format(w), ""]
        let unverified = Set(w.unverifiedFields)
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            let unconfirmed = unverified.isEmpty ? !w.verified : unverified.contains(name)
            let status = w.isStub ? "stub" : unconfirmed ? "unverified" : "verified"
            lines.append("  " + name.padding(toLength: 10, withPad: " ", startingAt: 0) + value + "  [\(status)]")
        }
        field("kind", w.kind)
        field("authors", w.authors.joined(separator: "; "))
        field("year", w.year.map(String.init))
        field("venue", w.venue)
        field("volume", w.volume)
        field("issue", w.issue)
        field("pages", w.pages)
        field("publisher", w.publisher)
        field("doi", w.doi)
        field("arxiv", w.arxiv)
        for (scheme, value) in w.otherIdentifiers.sorted(by: { $0.key < $1.key }) { field(scheme, value) }
        lines.append("")
        let status = w.verified ? "confirmed in a primary source or curated record"
            : w.unverifiedFields.isEmpty ? "not confirmed by the curated corpus or a primary source" : "confirmed except " + w.unverifiedFields.joined(separator: ", ")
        lines.append("  record from \(page.source ?? "unknown source"); \(status)")
        if let note = page.note { lines.append("  note: \(note)") }
        if let provenance = page.provenance {
            for contributor in provenance.contributors {
                lines.append("  \(contributor.role): \(contributor.name.displayName)")
            }
            if !provenance.aliases.isEmpty {
                lines.append("  also known as: " + provenance.aliases.map { "\($0.alias) (\($0.reason), \($0.source))" }
                    .joined(separator: "; "))
            }
            for merge in provenance.merges {
                lines.append("  merged \(merge.key.map { "[\($0)] " } ?? "")from \(merge.source): \(merge.rule)")
            }
            for conflict in provenance.conflicts {
                lines.append("  conflict in \(conflict.field): kept \"\(conflict.keptValue)\" (\(conflict.keptSource ?? "?")), "
                             + "other \"\(conflict.otherValue)\" (\(conflict.otherSource))")
            }
        }
        func edges(_ title: String, _ list: [WorkPage.Edge]) {
            guard !list.isEmpty else { return }
            lines += ["", "\(title) (\(list.count)):"]
            for e in list {
                let relation = e.relation == "cites" ? "" : "\(e.relation), "
                lines.append("  [\(e.key)] \(TableRenderer.clip(e.title, 60)) — \(relation)"
                             + "\(e.verified ? "verified" : "unverified"), from \(e.provenance)")
            }
        }
        edges("Cites", page.outgoing)
        edges("Cited by", page.incoming)
        if !page.documents.isEmpty {
            lines += ["", "Documents:"]
            lines += page.documents.map { "  \($0.kind): \($0.title) (\($0.passages) passages; \($0.sources.joined(separator: ", ")))" }
        }
        if !page.claims.isEmpty {
            lines += ["", "States the claims:"]
            lines += page.claims.map { "  \($0.id) (\($0.locator)) — \($0.title)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// `--format text|json` for the page commands.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
