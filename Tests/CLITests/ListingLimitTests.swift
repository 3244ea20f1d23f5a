import Foundation
import XCTest

/// `--limit N` on every listing command (issue 14, item 10): at most N objects, and exactly N when there
/// are more. `verify --limit N` runs only the first N selected claims.
final class ListingLimitTests: XCTestCase {
    private static let database = CLIRunner.ingestedDatabase("limit")

    private func count(_ arguments: [String]) throws -> Int {
        let result = try CLIRunner.run(arguments + ["--format", "json", "--db", Self.database])
        XCTAssertEqual(result.status, 0, arguments.joined(separator: " ") + "\n" + result.stderr)
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any])?.count ?? -1
    }

    func testEveryListingTakesLimit() throws {
        XCTAssertEqual(try count(["verify", "--all", "--limit", "2"]), 2)
        let runs = try count(["history"])
        XCTAssertEqual(runs, 2, "only the two claims within the limit were run and recorded")
        for listing in [["works"], ["search", "symmetry"], ["claims"], ["history"], ["audit"]] {
            XCTAssertGreaterThan(try count(listing), 1, listing.joined(separator: " "))
            XCTAssertEqual(try count(listing + ["--limit", "1"]), 1, listing.joined(separator: " "))
        }
        let zero = try CLIRunner.run(["works", "--limit", "0", "--db", Self.database])
        XCTAssertEqual(zero.status, 2, "a limit of 0 is a usage error")
    }
}
