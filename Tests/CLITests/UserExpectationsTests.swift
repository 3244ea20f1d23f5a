import Foundation
import TestSupport
import XCTest

/// The CLI as a student, a reviewer and a survey author expect it (issue 14): each test is one of the
/// observed problems, with the expected behaviour written from the issue, not from nnid's output.
final class UserExpectationsTests: XCTestCase {
    private static let database = CLIRunner.ingestedDatabase("ux")

    private func nnid(_ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments + ["--db", Self.database])
    }

    private func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    func testIngestWithoutArgumentsWorksFromAnyDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-any-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let result = try CLIRunner.run(["ingest", "--db", "x.sqlite"], currentDirectory: dir)
        XCTAssertEqual(result.status, 0, result.stderr)
        let claims = try CLIRunner.run(["claims", "--db", "x.sqlite", "--json"], currentDirectory: dir)
        let expected = try FileManager.default.contentsOfDirectory(
            atPath: CLIRunner.repositoryRoot.appendingPathComponent("corpus/claims").path).filter { $0.hasSuffix(".claim") }
        XCTAssertEqual((try json(claims.stdout) as? [Any])?.count, expected.count)
    }

    func testShowListsEachSourceWorkOnceWithAllLocators() throws {
        // relu-local-identifiability cites BMB22 under two locators on its card.
        let card = try String(contentsOf: CLIRunner.repositoryRoot
            .appendingPathComponent("corpus/claims/relu-local-identifiability.claim"), encoding: .utf8)
        let bmbLocators = card.split(separator: "\n").filter { $0.hasPrefix("source: BMB22 ") }.count
        let result = try nnid(["show", "relu-local-identifiability", "--no-run", "--json"])
        let object = try XCTUnwrap(try json(result.stdout) as? [String: Any])
        let citations = try XCTUnwrap(object["citations"] as? [[String: Any]])
        let keys = citations.compactMap { $0["key"] as? String }
        XCTAssertEqual(keys.count, Set(keys).count, "one entry per work")
        let bmb = try XCTUnwrap(citations.first { $0["key"] as? String == "BMB22" })
        XCTAssertEqual((bmb["locators"] as? [String])?.count, bmbLocators)
        XCTAssertTrue(object.keys.contains("run_id") && object.keys.contains("started_at"))
        for key in ["doi", "arxiv", "venue", "year", "note"] {
            XCTAssertTrue(citations.allSatisfy { $0.keys.contains(key) }, "\(key) always present (null when absent)")
        }
    }

    func testForgivingSearch() throws {
        for (query, expected) in [("tanh uniqueness", "tanh-irreducible-uniqueness"),
                                  ("tanh OR uniqueness", "tanh-irreducible-uniqueness"),
                                  ("identifiab*", "BMB22"), ("Sussman", "Sus92"),
                                  ("permutation symmetry", "hidden-unit-permutation")] {
            let result = try nnid(["search", query, "--format", "tsv", "--limit", "50"])
            XCTAssertEqual(result.status, 0)
            let refs = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[2] }
            XCTAssertTrue(refs.contains(Substring(expected)), "\(query) → \(refs)")
            XCTAssertEqual(refs.count, Set(refs).count, "one hit per work or claim for \(query)")
        }
        let typo = try nnid(["search", "idnetifiability"])
        XCTAssertTrue(typo.stderr.contains("did you mean") && typo.stderr.contains("identifiability"), typo.stderr)
    }

    func testSuggestionsForMistypedNames() throws {
        let claim = try nnid(["show", "relu-local-identifiabilty"])
        XCTAssertEqual(claim.status, 2)
        XCTAssertTrue(claim.stderr.contains("did you mean 'relu-local-identifiability'"), claim.stderr)
        let export = try nnid(["export", "--claim", "relu-local-identifiabilty"])
        XCTAssertEqual(export.status, 2, "the same error kind has the same exit status in every command")
        XCTAssertTrue(export.stderr.contains("did you mean 'relu-local-identifiability'"), export.stderr)
        let command = try CLIRunner.run(["clams"])
        XCTAssertEqual(command.status, 2)
        XCTAssertTrue(command.stderr.contains("'nnid claims'"), command.stderr)
        let verb = try CLIRunner.run(["veriy", "--all"])
        XCTAssertTrue(verb.stderr.contains("'nnid verify'"), verb.stderr)
        let activation = try nnid(["verify", "--activation", "tanhh"])
        XCTAssertEqual(activation.status, 2)
        XCTAssertTrue(activation.stderr.contains("'tanh'"), activation.stderr)
    }

    func testOneVocabulary() throws {
        func ids(_ arguments: [String]) throws -> Set<String> {
            let result = try nnid(arguments + ["--json"])
            XCTAssertEqual(result.status, 0, arguments.joined(separator: " ") + result.stderr)
            let list = try XCTUnwrap(try json(result.stdout) as? [[String: Any]])
            return Set(list.compactMap { ($0["id"] ?? $0["claim"]) as? String })
        }
        let relu = try ids(["claims", "--activation", "relu"])
        XCTAssertEqual(try ids(["claims", "--activation", "ReLU"]), relu)
        XCTAssertEqual(try ids(["claims", "--architecture", "MLP"]), try ids(["claims", "--architecture", "mlp"]))
        // leaky-relu:0.1 matches the claims tagged leaky-relu (the rescaling claim) and those tagged any.
        XCTAssertTrue(try ids(["claims", "--activation", "leaky-relu:0.1"]).contains("relu-positive-rescaling"))
        XCTAssertTrue(try ids(["claims", "--activation", "odd"]).contains("odd-activation-sign-flip"))
        XCTAssertEqual(try ids(["verify", "--activation", "gelu"]), try ids(["claims", "--activation", "gelu"]))
    }

    func testWorkPage() throws {
        let page = try nnid(["work", "VB21"])
        XCTAssertEqual(page.status, 0)
        XCTAssertTrue(page.stdout.contains("Affine symmetries and neural network identifiability"))
        XCTAssertTrue(page.stdout.contains("States the claims:"))
        let viaShow = try nnid(["show", "VB21"])
        XCTAssertEqual(viaShow.status, 0)
        XCTAssertTrue(viaShow.stderr.contains("is a work"), viaShow.stderr)
        let object = try XCTUnwrap(try json(try nnid(["work", "VB21", "--json"]).stdout) as? [String: Any])
        for key in ["work", "source", "note", "cites", "cited_by", "documents", "claims"] {
            XCTAssertTrue(object.keys.contains(key), key)
        }
    }

    func testRunsCanBeViewedAndFiltered() throws {
        let verify = try nnid(["verify", "hidden-unit-permutation", "--json"])
        let report = try XCTUnwrap((try json(verify.stdout) as? [[String: Any]])?.first)
        let runID = try XCTUnwrap(report["run_id"] as? Int)
        XCTAssertNotNil(report["started_at"] as? String)
        _ = try nnid(["show", "hidden-unit-permutation", "--json"])
        let run = try XCTUnwrap(try json(try nnid(["history", "--run", String(runID), "--json"]).stdout) as? [String: Any])
        XCTAssertEqual(run["origin"] as? String, "verify")
        XCTAssertEqual(run["claim_id"] as? String, "hidden-unit-permutation")
        XCTAssertNotNil(run["assertions"] as? [Any])
        XCTAssertEqual(try nnid(["run", String(runID)]).status, 0)
        XCTAssertEqual(try nnid(["history", "--run", "999999"]).status, 2)
        let shows = try XCTUnwrap(try json(try nnid(["history", "--origin", "show", "--json"]).stdout) as? [[String: Any]])
        XCTAssertFalse(shows.isEmpty)
        XCTAssertTrue(shows.allSatisfy { $0["origin"] as? String == "show" })
        // CSV columns carry the JSON key names.
        let csv = try nnid(["history", "--format", "csv"])
        let header = csv.stdout.split(separator: "\n").first.map(String.init) ?? ""
        for key in ["id", "claim_id", "check_id", "origin", "status", "started_at", "duration_ms", "nnid_version"] {
            XCTAssertTrue(header.split(separator: ",").contains(Substring(key)), header)
        }
    }

    func testAuditPassesOnTheShippedCorpus() throws {
        let audit = try nnid(["audit", "--format", "json"])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        let findings = try XCTUnwrap(try json(audit.stdout) as? [[String: Any]])
        XCTAssertFalse(findings.contains { $0["severity"] as? String == "error" })
        // The recorded anomaly is still listed, as acknowledged.
        XCTAssertTrue(findings.contains { $0["severity"] as? String == "acknowledged" && $0["subject"] as? String == "Mat01 -> VB21" })
        XCTAssertEqual(try nnid(["audit", "--format", "csv"]).stdout.split(separator: "\n").first, "severity,kind,subject,message")
    }

    func testPipesGetTabSeparatedValuesAndTablesFitTheTerminal() throws {
        let piped = try nnid(["works"])
        let lines = piped.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first?.split(separator: "\t").first, "key", "a TSV header in a pipe")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Sus92\t") }, "grep finds one line per work")
        let table = try CLIRunner.run(["works", "--format", "table", "--db", Self.database], environment: ["COLUMNS": "80"])
        for line in table.stdout.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
        XCTAssertEqual(try nnid(["works", "--limit", "3", "--format", "tsv"]).stdout.split(separator: "\n").count, 4)
        XCTAssertEqual(try nnid(["claims", "--limit", "2", "--json"]).stdout.isEmpty, false)
    }

    func testGraphJSONLoadsWithNetworkxDefaults() throws {
        let graph = try nnid(["graph", "--format", "json"])
        let script = """
            import json, sys, networkx as nx
            G = nx.node_link_graph(json.loads(sys.stdin.read()))
            print(G.number_of_nodes(), G.is_directed())
            """
        let out = try PythonOracle.run(script, stdin: Data(graph.stdout.utf8), modules: ["networkx"])
        let works = try XCTUnwrap(try json(try nnid(["works", "--json"]).stdout) as? [Any])
        XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "\(works.count) True")
    }

    func testManPageIsCurrentAndClean() throws {
        let root = CLIRunner.repositoryRoot
        let check = try Subprocess.run(root.appendingPathComponent("scripts/generate-man").path,
                                       ["--check", CLIRunner.binary.path, root.appendingPathComponent("docs/nnid.1").path])
        XCTAssertEqual(check.status, 0, check.stderr)
        guard let man = Subprocess.locate("man") else { throw XCTSkip("man is not installed") }
        let warnings = try Subprocess.run(man.path, ["--warnings", "-l", root.appendingPathComponent("docs/nnid.1").path],
                                          environment: ProcessInfo.processInfo.environment.merging(["MANWIDTH": "80"]) { $1 })
        XCTAssertEqual(warnings.stderr, "", "man --warnings")
        for section in ["EXIT STATUS", "ENVIRONMENT"] { XCTAssertTrue(warnings.stdout.contains(section), section) }
    }
}
