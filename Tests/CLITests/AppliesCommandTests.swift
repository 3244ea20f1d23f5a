import Foundation
import XCTest

/// `nnid applies` and `nnid claims --applies-to` against a database ingested from the real corpus.
final class AppliesCommandTests: XCTestCase {
    nonisolated(unsafe) private static var databaseURL: URL?

    private func database() throws -> String {
        if let url = Self.databaseURL { return url.path }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-applies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("kb.sqlite")
        let corpus = CLIRunner.repositoryRoot.appendingPathComponent("corpus").path
        let result = try CLIRunner.run(["ingest", corpus, "--db", url.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        Self.databaseURL = url
        return url.path
    }

    private func applies(_ arguments: [String]) throws -> ([String: Any], CLIRunner.Result) {
        let result = try CLIRunner.run(["applies"] + arguments + ["--format", "json", "--db", try database()])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (try XCTUnwrap(object, result.stdout), result)
    }

    func testJSONContract() throws {
        let (json, _) = try applies(["--architecture", "MLP", "--widths", "4,6,1", "--activation", "TANH"])
        let architecture = try XCTUnwrap(json["architecture"] as? [String: Any])
        XCTAssertEqual(architecture["kind"] as? String, "mlp")
        XCTAssertEqual(architecture["widths"] as? [Int], [4, 6, 1])
        XCTAssertEqual(architecture["activation"] as? String, "tanh")
        XCTAssertEqual(architecture["parameters"] as? Int, 4 * 6 + 6 + 6 + 1)
        let claims = try XCTUnwrap(json["claims"] as? [[String: Any]])
        XCTAssertEqual(claims.count, try corpusClaimCount())
        for claim in claims {
            XCTAssertNotNil(claim["id"] as? String)
            XCTAssertTrue(["yes", "no", "unknown", "conditional"].contains(claim["applies"] as? String ?? ""), "\(claim)")
            for hypothesis in try XCTUnwrap(claim["hypotheses"] as? [[String: Any]]) {
                XCTAssertNotNil(hypothesis["text"] as? String)
                XCTAssertNotNil(hypothesis["reason"] as? String)
                XCTAssertTrue(hypothesis["holds"] is Bool || hypothesis["holds"] is NSNull, "\(hypothesis)")
            }
        }
        let conclusions = try XCTUnwrap(json["conclusions"] as? [[String: Any]])
        for conclusion in conclusions {
            XCTAssertNotNil(conclusion["statement"] as? String)
            XCTAssertTrue(["true", "false", "unknown", "conditional"].contains(conclusion["value"] as? String ?? ""))
            XCTAssertNotNil(conclusion["assumptions"] as? [String])
            XCTAssertNotNil(conclusion["trace"] as? [String])
        }
        XCTAssertNotNil(json["open"] as? [String])
        let global = conclusions.first { $0["statement"] as? String == "identifiable(global, modulo = signed-permutation)" }
        XCTAssertEqual(global?["value"] as? String, "conditional")
        XCTAssertEqual(global?["assumptions"] as? [String], ["irreducible"])
        XCTAssertEqual((global?["trace"] as? [String])?.last, "tanh-irreducible-uniqueness")
        let sussmann = claims.first { $0["id"] as? String == "tanh-irreducible-uniqueness" }
        XCTAssertEqual(sussmann?["applies"] as? String, "conditional")
        let relu = claims.first { $0["id"] as? String == "relu-positive-rescaling" }
        XCTAssertEqual(relu?["applies"] as? String, "no")
    }

    func testSpecFileGivesTheSameAnswerAsFlags() throws {
        let spec = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID().uuidString).json")
        try Data(#"{"kind": "mlp", "widths": [784, 30, 30, 10], "activation": "ReLU", "assume": ["generic"]}"#.utf8)
            .write(to: spec)
        let (fromSpec, _) = try applies(["--spec", spec.path])
        let (fromFlags, _) = try applies(["--architecture", "mlp", "--widths", "784,30,30,10", "--activation", "relu",
                                          "--assume", "generic"])
        XCTAssertEqual(fromSpec["conclusions"] as? NSArray, fromFlags["conclusions"] as? NSArray)
        let group = fromSpec["symmetry_group"] as? [String: Any]
        XCTAssertEqual(group?["continuous_dimension"] as? Int, 60)
    }

    func testBadInputExitStatuses() throws {
        let db = try database()
        let unknown = try CLIRunner.run(["applies", "--architecture", "mlp", "--widths", "2,3,1", "--activation", "mish", "--db", db])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown activation 'mish'"), unknown.stderr)
        let kind = try CLIRunner.run(["applies", "--architecture", "transformer", "--widths", "2,1", "--activation", "relu", "--db", db])
        XCTAssertEqual(kind.status, 2)
        let rnn = try CLIRunner.run(["applies", "--architecture", "rnn", "--widths", "2,3,4,1", "--activation", "tanh", "--db", db])
        XCTAssertEqual(rnn.status, 2)
        XCTAssertTrue(rnn.stderr.contains("exactly three widths"), rnn.stderr)
        let spec = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        try Data(#"{"kind": "mlp", "widths": [2, 3,"#.utf8).write(to: spec)
        let broken = try CLIRunner.run(["applies", "--spec", spec.path, "--db", db])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains(spec.path), broken.stderr)
        XCTAssertEqual(broken.stdout, "")
    }

    func testClaimsAppliesToFiltersByTheEngine() throws {
        let result = try CLIRunner.run(["claims", "--applies-to", "--architecture", "mlp", "--widths", "4,6,1",
                                        "--activation", "tanh", "--format", "json", "--db", try database()])
        XCTAssertEqual(result.status, 0, result.stderr)
        let listed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let ids = Set(listed.compactMap { $0["id"] as? String })
        // By hand from the cards: these hold on a shallow tanh net with one output (some conditionally); the
        // last three are the breadth cards (odd activation; L = 1 with bias; independence property, analytic,
        // finite affine group, assuming genericity).
        XCTAssertEqual(ids, ["affine-activation-symmetry", "hidden-unit-permutation", "odd-activation-sign-flip",
                             "tanh-irreducible-uniqueness", "tanh-type-exhaustiveness",
                             "tanh-sign-permutation-orbit", "tanh-reducible-equivalence", "activation-independence-property",
                             // claim 14: L = 1, tanh, bias, nL = 1, assuming irreducibility
                             "extraction-expand-and-cluster"])
        let misuse = try CLIRunner.run(["claims", "--widths", "4,6,1", "--db", try database()])
        XCTAssertEqual(misuse.status, 2)
    }

    func testTextOutputShowsTracesAndOpenQuestions() throws {
        let result = try CLIRunner.run(["applies", "--architecture", "mlp", "--widths", "3,4,1", "--activation", "gelu",
                                        "--format", "text", "--db", try database()])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("discrete symmetries of order 24"), result.stdout)
        XCTAssertTrue(result.stdout.contains("open (no claim settles it):"), result.stdout)
        XCTAssertTrue(result.stdout.contains("because: "), result.stdout)
    }

    private func corpusClaimCount() throws -> Int {
        let dir = CLIRunner.repositoryRoot.appendingPathComponent("corpus/claims")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".claim") }.count
    }
}
