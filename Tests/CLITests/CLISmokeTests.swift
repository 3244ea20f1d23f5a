import XCTest

final class CLISmokeTests: XCTestCase {
    func testVersionRuns() throws {
        let result = try CLIRunner.run(["version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertFalse(result.stdout.isEmpty)
    }

    func testUnknownOptionIsUsageErrorTwo() throws {
        let result = try CLIRunner.run(["--no-such-option"])
        XCTAssertEqual(result.status, 2)
    }
}

final class CLICompletionTests: XCTestCase {
    /// Completion scripts come from the same definitions as --help: every subcommand appears in them.
    func testCompletionScriptsNameEverySubcommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try CLIRunner.run(["--generate-completion-script", shell])
            XCTAssertEqual(result.status, 0, shell)
            for command in ["ingest", "works", "search", "claims", "show", "verify", "history"] {
                XCTAssertTrue(result.stdout.contains(command), "\(shell) completion lacks \(command)")
            }
        }
    }
}
