import Deduction
import Foundation
import Literature
import XCTest
@testable import KnowledgeBase

/// A small base with hostile text and planted anomalies.
enum GraphFixtures {
    static let hostileTitle = "Hostile \"quoted\" </graph> &amp; \\\"{o} 🧠 café\nsecond line, {braces} 50% $x_1$"

    /// Works: VB21, Sus92, Mat01 (2001, cites VB21: anachronism), HOST (hostile text), DUP1/DUP2 (same title),
    /// a stub (cited by title only); a claim with sources, a claim without, and an orphan check.
    static func plantedBase() throws -> KnowledgeBase {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        var works = [
            Fixtures.work("VB21", "Affine symmetries and neural network identifiability",
                          authors: [("Verner", "Vlačić"), ("Helmut", "Bölcskei")], year: 2021,
                          doi: "10.1016/j.aim.2020.107485", arxiv: "2006.11727", venue: "Advances in Mathematics"),
            Fixtures.work("Sus92", "Uniqueness of the weights for minimal feedforward nets with a given input-output map",
                          authors: [("Héctor J.", "Sussmann")], year: 1992, venue: "Neural Networks"),
            Fixtures.work("Mat01", "A book chapter on approximation", authors: [("Ann", "Mathews")], year: 2001),
            Fixtures.work("HOST", hostileTitle, authors: [("Łukasz", "Żółw"), ("Ø", "O'Neil")], year: 2020,
                          venue: "Journal of <Tags> & \"Quotes\"", unverified: ["volume"]),
            Fixtures.work("DUP1", "Identifiability of deep networks", authors: [("Ann", "One")], year: 2019),
            Fixtures.work("DUP2", "Identifiability of Deep Networks!", authors: [("Bob", "Two")], year: 2023),
        ]
        works[0].kind = .article
        let stubCitation = CitationRecord(
            citing: WorkReference(key: "VB21"), cited: WorkReference(title: "A work known only by title", year: 1990),
            source: "reference list", location: SourceLocation(file: "citations.csv", line: 9))
        let claims = [
            ClaimCardRecord(id: "stated", title: "A stated claim", statement: "s", check: "stated-check",
                            sources: [ClaimSource(workKey: "VB21", locator: "Theorem 1"),
                                      ClaimSource(workKey: "Sus92", locator: "Theorem 2 & <3>")],
                            machineForm: try permutationForm(), location: SourceLocation(file: "stated.claim")),
            ClaimCardRecord(id: "sourceless", title: "No source", statement: "s", check: "stated-check",
                            verified: false, location: SourceLocation(file: "sourceless.claim")),
        ]
        let result = ParseResult(
            works: works,
            citations: [
                Fixtures.edge("VB21", "Sus92", line: 2),
                Fixtures.edge("VB21", "Sus92", line: 3, relation: "recommends"),
                Fixtures.edge("Mat01", "VB21", line: 4),
                Fixtures.edge("HOST", "VB21", line: 5, verified: false),
                Fixtures.edge("HOST", "Sus92", line: 6),
                Fixtures.edge("DUP2", "DUP1", line: 7),
                stubCitation,
            ],
            claims: claims)
        _ = try kb.ingest([(path: "fixture.bib", result: result)])
        try kb.registerCheck(id: "orphan-check", description: "used by no claim")
        return kb
    }

    /// A one-rule deduction block (mlp ⇒ permutation symmetry), so the audit's deduction part is satisfied.
    static func permutationForm() throws -> MachineForm {
        MachineForm(rules: [Rule(hypotheses: [try MachineSyntax.hypothesis("kind = mlp")],
                                 conclusions: [try MachineSyntax.conclusion("symmetry(permutation)")])])
    }

    /// Two verified works, one edge forward in time, one claim with a source and a runnable check.
    static func cleanBase() throws -> KnowledgeBase {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let result = ParseResult(
            works: [Fixtures.work("A20", "Newer paper", authors: [("A", "Alpha")], year: 2020),
                    Fixtures.work("B19", "Older paper", authors: [("B", "Beta")], year: 2019)],
            citations: [Fixtures.edge("A20", "B19", line: 2)],
            claims: [ClaimCardRecord(id: "c", title: "C", statement: "s", check: "c-check",
                                     sources: [ClaimSource(workKey: "A20", locator: "Lemma 1")],
                                     machineForm: try permutationForm(), location: SourceLocation(file: "c.claim"))])
        _ = try kb.ingest([(path: "clean.bib", result: result)])
        try kb.registerCheck(id: "c-check", description: "runs")
        return kb
    }

    /// Writes `format` of `selection` to a temporary file and returns its path.
    static func export(_ kb: KnowledgeBase, _ format: GraphFormat, _ selection: GraphSelection = GraphSelection())
        throws -> String
    {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-graph-\(UUID().uuidString)")
            .path
        try kb.exportGraph(selection, format: format, to: ExportOutput(path: path))
        return path
    }
}
