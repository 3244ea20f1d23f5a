import Deduction
import Foundation
import KnowledgeBase
import Literature
import XCTest

/// Exit statuses and outputs of `nnid graph`, `nnid export` and `nnid audit`, run as a user would.
final class GraphCLITests: XCTestCase {
    /// A base with VB21 (2021), Mat01 (2001) citing it (an anachronism), and one claim stated by VB21 whose
    /// check is `checkID`.
    private func database(anachronism: Bool, checkID: String = "linear-gl-symmetry") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("t.sqlite").path
        let kb = try KnowledgeBase(path: path)
        let location = SourceLocation(file: "t.bib")
        let works = [
            WorkRecord(key: "VB21", kind: .article, title: "Affine symmetries & <identifiability>",
                       authors: [PersonName(given: "Verner", family: "Vlačić")], year: 2021, location: location),
            WorkRecord(key: "Mat01", kind: .chapter, title: "Old chapter", year: anachronism ? 2001 : 2022,
                       location: location),
        ]
        let edge = CitationRecord(citing: WorkReference(key: "Mat01"), cited: WorkReference(key: "VB21"),
                                  source: "MaRDI page", location: SourceLocation(file: "c.csv", line: 2))
        let claim = ClaimCardRecord(id: "gl", title: "GL symmetry", statement: "s", check: checkID,
                                    sources: [ClaimSource(workKey: "VB21", locator: "Theorem 1")],
                                    machineForm: MachineForm(rules: [Rule(
                                        hypotheses: [try MachineSyntax.hypothesis("activation = linear")],
                                        conclusions: [try MachineSyntax.conclusion("symmetry(continuous, dim = GL)")])]),
                                    location: location)
        _ = try kb.ingest([(path: "t.bib", result: ParseResult(works: works, citations: [edge], claims: [claim]))])
        return path
    }

    func testGraphWritesEachFormatAndStatusZero() throws {
        let db = try database(anachronism: false)
        for (format, start) in [("graphml", "<?xml"), ("gexf", "<?xml"), ("json", "{\"directed\": true"),
                                ("dot", "digraph"), ("csv", "source,target")] {
            let out = db + "." + format
            let result = try CLIRunner.run(["graph", "--db", db, "--format", format, "--output", out])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix(start), format)
        }
        let stdout = try CLIRunner.run(["graph", "--db", db, "--format", "json", "--root", "VB21", "--depth", "0"])
        XCTAssertEqual(stdout.status, 0)
        XCTAssertTrue(stdout.stdout.contains("\"id\": \"VB21\""))
        XCTAssertFalse(stdout.stdout.contains("Mat01"), "depth 0 is the root alone")
    }

    func testGraphErrorsAndUsage() throws {
        let db = try database(anachronism: false)
        let unknown = try CLIRunner.run(["graph", "--db", db, "--root", "NOPE"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no work with key NOPE"), unknown.stderr)
        XCTAssertEqual(try CLIRunner.run(["graph", "--db", db, "--depth", "2"]).status, 2, "--depth needs --root")
        XCTAssertEqual(try CLIRunner.run(["graph", "--db", db, "--format", "png"]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["graph", "--db", db + ".missing"]).status, 1)
    }

    func testSVGWithAndWithoutGraphviz() throws {
        let db = try database(anachronism: false)
        let missing = try CLIRunner.run(["graph", "--db", db, "--format", "svg"], environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("graphviz"), missing.stderr)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else {
            throw XCTSkip("Graphviz is not installed (Debian package graphviz)")
        }
        let svg = try CLIRunner.run(["graph", "--db", db, "--format", "svg", "--with-claims"])
        XCTAssertEqual(svg.status, 0, svg.stderr)
        XCTAssertTrue(svg.stdout.contains("<svg"))
        XCTAssertTrue(svg.stdout.contains("<title>claim:gl&#45;&gt;VB21</title>"))
    }

    func testExportStatuses() throws {
        let db = try database(anachronism: false)
        let bib = try CLIRunner.run(["export", "--db", db, "--keys", "VB21"])
        XCTAssertEqual(bib.status, 0, bib.stderr)
        XCTAssertTrue(bib.stdout.hasPrefix("@article{VB21,"))
        XCTAssertTrue(bib.stdout.contains("Vla{\\v{c}}i{\\'c}, Verner"))
        let out = db + ".ris"
        let missing = try CLIRunner.run(["export", "--db", db, "--keys", "VB21,NOPE", "--format", "ris", "--output", out])
        XCTAssertEqual(missing.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no output file on error")
        XCTAssertEqual(try CLIRunner.run(["export", "--db", db, "--claim", "nope"]).status, 1)
        XCTAssertEqual(try CLIRunner.run(["export", "--db", db, "--format", "endnote"]).status, 2)
    }

    func testAuditExitStatus() throws {
        let clean = try CLIRunner.run(["audit", "--db", try database(anachronism: false), "--format", "json"])
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [Any])?.count, 0)
        let bad = try CLIRunner.run(["audit", "--db", try database(anachronism: true), "--format", "json"])
        XCTAssertEqual(bad.status, 1)
        let findings = try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [[String: String]] ?? []
        XCTAssertEqual(findings.map { $0["kind"] ?? "" }, ["anachronistic-citation"])
        XCTAssertEqual(findings.first?["subject"], "Mat01 -> VB21")
        XCTAssertEqual(findings.first?["severity"], "error")
        let unrunnable = try CLIRunner.run(["audit", "--db", try database(anachronism: false, checkID: "no-such-check"),
                                            "--format", "table"])
        XCTAssertEqual(unrunnable.status, 1)
        XCTAssertTrue(unrunnable.stdout.contains("claim-without-check"))
    }
}
