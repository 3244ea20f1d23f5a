import XCTest

/// Exit statuses and output of `nnid ingest`, `works` and `search` (with no parser needed).
final class IngestCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"),
                                                withIntermediateDirectories: true)
    }

    private func nnid(_ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, environment: ["NNID_DB": directory.appendingPathComponent("kb.sqlite").path],
                          currentDirectory: directory)
    }

    func testMissingPathIsAUsageErrorWithOneLine() throws {
        let result = try nnid(["ingest", "no-such-dir"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("no-such-dir"))
    }

    func testNoArgumentsStoresTheBuiltInCorpusAndNoCorpusNeedsPaths() throws {
        XCTAssertEqual(try nnid(["ingest"]).status, 0, "the curated corpus is built in; no corpus/ folder needed")
        XCTAssertEqual(try nnid(["ingest", "--no-corpus"]).status, 2)
        XCTAssertEqual(try nnid(["ingest", "--corpus-only", "empty"]).status, 2)
    }

    func testEmptyCorpusIngestsCleanlyAndListsNothing() throws {
        let result = try nnid(["ingest", "empty", "--no-corpus"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("works: 0 added, 0 updated, 0 unchanged, 0 rejected"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("kb.sqlite").path))
        let works = try nnid(["works", "--format", "json"])
        XCTAssertEqual(works.status, 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(works.stdout.utf8)) as? [Any]
        XCTAssertEqual(parsed?.count, 0)
        let table = try nnid(["works", "--format", "table"])
        XCTAssertTrue(table.stdout.contains("status"), "the table has a verification status column")
        XCTAssertEqual(try nnid(["search", "anything", "--json"]).status, 0)
    }

    func testUnreadableFormatIsAnInputErrorExitOne() throws {
        // An empty file with an unknown extension has no detectable format: an input error, not a crash.
        let file = directory.appendingPathComponent("mystery.dat")
        try Data().write(to: file)
        let result = try nnid(["ingest", "mystery.dat", "--no-corpus"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("mystery.dat:1:1: error:"), result.stderr)
        XCTAssertTrue(result.stdout.contains("ingested 1 file"))
    }

    func testReadersWithoutADatabaseFailWithAHint() throws {
        let result = try nnid(["works"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nnid ingest"), result.stderr)
    }

    func testSearchWithoutWordsIsAUsageError() throws {
        XCTAssertEqual(try nnid(["search"]).status, 2)
    }

    func testHelpShowsExamples() throws {
        for command in ["ingest", "works", "search"] {
            let result = try nnid([command, "--help"])
            XCTAssertEqual(result.status, 0)
            XCTAssertTrue(result.stdout.contains("nnid \(command)"), "\(command) --help lacks an example")
        }
    }
}
