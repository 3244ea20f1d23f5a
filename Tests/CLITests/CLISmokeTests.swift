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
