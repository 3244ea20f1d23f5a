import TestSupport
import XCTest

/// The corpus invariants checked by an independent Python reader (corpus/validate.py: at least 150 works,
/// 150 of them fully confirmed, and 60 edges, the 13 claim ids, every key used by an edge or a claim source defined in works.bib).
final class CorpusValidationTests: XCTestCase {
    func testCorpusValidatorPasses() throws {
        let script = CLIRunner.repositoryRoot.appendingPathComponent("corpus/validate.py").path
        let result: (status: Int32, stdout: String, stderr: String)
        do {
            result = try Subprocess.run("python3", [script, CLIRunner.repositoryRoot.appendingPathComponent("corpus").path])
        } catch {
            throw XCTSkip("python3 is not available: \(error)")
        }
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }
}
