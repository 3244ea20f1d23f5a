import Foundation
import XCTest

/// Every key the README's "JSON contracts" documents is present in every object nnid prints, `null` when
/// absent (issue 14, item 10). Each key list is also looked up in the README's bullet for that command,
/// so the test, the README and the output cannot drift apart silently.
final class JSONContractsTests: XCTestCase {
    private static let database = CLIRunner.ingestedDatabase("json")

    private static let contracts: String = {
        let readme = (try? String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("README.md"),
                                  encoding: .utf8)) ?? ""
        guard let start = readme.range(of: "### JSON contracts"),
              let end = readme.range(of: "\n### ", range: start.upperBound..<readme.endIndex) else { return "" }
        return String(readme[start.upperBound..<end.lowerBound])
    }()

    /// The README bullet that starts with `prefix` (up to the next bullet).
    private func bullet(_ prefix: String) throws -> String {
        let bullets = Self.contracts.components(separatedBy: "\n- ")
        return try XCTUnwrap(bullets.first { $0.hasPrefix(prefix) }, "README documents \(prefix)")
    }

    private func objects(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try CLIRunner.run(arguments + ["--db", Self.database])
        XCTAssertEqual(result.status, 0, arguments.joined(separator: " ") + "\n" + result.stderr)
        let value = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        if let list = value as? [[String: Any]] { return list }
        return [try XCTUnwrap(value as? [String: Any])]
    }

    private func assertKeys(_ keys: [String], documentedIn prefix: String, presentIn list: [[String: Any]],
                            line: UInt = #line) throws {
        let text = try bullet(prefix)
        XCTAssertFalse(list.isEmpty, prefix, line: line)
        for key in keys {
            XCTAssertTrue(text.contains("`\(key)`") || text.contains("\"\(key)\""), "README: \(prefix) names \(key)",
                          line: line)
            let missing = list.filter { !$0.keys.contains(key) }.count
            XCTAssertEqual(missing, 0, "\(prefix): \(missing) of \(list.count) objects lack \(key)", line: line)
        }
    }

    func testListingsCarryEveryDocumentedKey() throws {
        try assertKeys(["key", "title", "authors", "year", "venue", "doi", "arxiv", "verified", "cites", "cited_by",
                        "kind", "month", "volume", "issue", "pages", "publisher", "abstract", "identifiers",
                        "unverified_fields", "stub"],
                       documentedIn: "`nnid works --format json`", presentIn: try objects(["works", "--json"]))
        try assertKeys(["kind", "ref", "title", "snippet", "rank"], documentedIn: "`nnid search --format json`",
                       presentIn: try objects(["search", "symmetry", "--json"]))
        try assertKeys(["id", "title", "statement", "hypotheses", "architectures", "activations", "depth", "sources",
                        "check", "verified"],
                       documentedIn: "`nnid claims --format json`", presentIn: try objects(["claims", "--json"]))
        try assertKeys(["severity", "kind", "subject", "message"], documentedIn: "`nnid audit --format json`",
                       presentIn: try objects(["audit", "--format", "json"]))
    }

    func testWorkShowVerifyAndHistoryCarryEveryDocumentedKey() throws {
        let work = try objects(["work", "VB21", "--json"])
        try assertKeys(["work", "source", "note", "cites", "cited_by", "documents", "claims"],
                       documentedIn: "`nnid work KEY --format json`", presentIn: work)
        let edges = (work.first?["cites"] as? [[String: Any]] ?? []) + (work.first?["cited_by"] as? [[String: Any]] ?? [])
        try assertKeys(["key", "title", "relation", "provenance", "verified"],
                       documentedIn: "`nnid work KEY --format json`", presentIn: edges)

        let show = try objects(["show", "hidden-unit-permutation", "--json"])
        try assertKeys(["claim", "citations", "verification", "run_id", "started_at"],
                       documentedIn: "`nnid show --format json`", presentIn: show)
        try assertKeys(["key", "locators", "locator", "note", "formatted", "title", "authors", "year", "venue", "doi",
                        "arxiv", "links", "verified"],
                       documentedIn: "`nnid show --format json`",
                       presentIn: show.first?["citations"] as? [[String: Any]] ?? [])
        let report = try XCTUnwrap(show.first?["verification"] as? [String: Any])
        try assertKeys(["check", "status", "parameters", "metrics", "assertions", "controls", "notes", "duration_ms",
                        "error", "refusal", "not_applicable", "rejected_draws", "inconclusive", "estimate"],
                       documentedIn: "A **check report**", presentIn: [report])

        try assertKeys(["claim", "run_id", "started_at", "error"], documentedIn: "`nnid verify --format json`",
                       presentIn: try objects(["verify", "linear-gl-symmetry", "--json"]))
        try assertKeys(["id", "claim_id", "check_id", "origin", "parameters", "status", "metrics", "assertions",
                        "controls", "notes", "nnid_version", "started_at", "duration_ms"],
                       documentedIn: "`nnid history --format json`", presentIn: try objects(["history", "--json"]))
    }
}
