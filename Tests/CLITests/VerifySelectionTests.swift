import Foundation
import XCTest

/// `nnid verify --activation`: selects the claims about an activation and runs them with it.
final class VerifySelectionTests: XCTestCase {
    func testActivationSelectsClaimsAndSetsTheCheckActivation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("kb.sqlite").path
        let corpus = CLIRunner.repositoryRoot.appendingPathComponent("corpus").path
        XCTAssertEqual(try CLIRunner.run(["ingest", corpus, "--db", db]).status, 0)

        let claims = try CLIRunner.run(["claims", "--architecture", "mlp", "--activation", "relu", "--json", "--db", db])
        let expected = Set((try JSONSerialization.jsonObject(with: Data(claims.stdout.utf8)) as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String })
        XCTAssertFalse(expected.isEmpty)

        let result = try CLIRunner.run(["verify", "--architecture", "mlp", "--activation", "relu", "--json", "--db", db])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let reports = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(Set(reports.compactMap { $0["claim"] as? String }), expected)
        for report in reports {
            XCTAssertEqual((report["parameters"] as? [String: Any])?["activation"] as? String, "relu",
                           "\(report["claim"] ?? "?")")
        }

        // With a claim id, --activation is only the check's activation: logistic permutations are symmetries.
        let one = try CLIRunner.run(["verify", "hidden-unit-permutation", "--activation", "logistic", "--json", "--db", db])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("\"activation\" : \"logistic\""))
        XCTAssertEqual(try CLIRunner.run(["verify", "--activation", "no-such", "--db", db]).status, 2)
    }
}
