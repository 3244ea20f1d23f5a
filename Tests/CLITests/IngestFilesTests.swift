import Foundation
import XCTest
import TestSupport

/// Issue 9 item 6 and issue 10 item 2: which files `nnid ingest` reads, and how it says what it skipped.
final class IngestFilesTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("in/sub"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(relative))
    }

    private func nnid(_ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, environment: ["NNID_DB": directory.appendingPathComponent("kb.sqlite").path],
                          currentDirectory: directory)
    }

    func testDirectoryWalkReportsSkippedFilesAndRefusesLinksOutAndFIFOs() throws {
        try write("in/a.bib", "@misc{inside, title = {Inside work}, year = 2001}\n")
        try write("in/notes.R", "@misc{rfile, title = {R file}}\n")
        try write("in/table.tsv", "a\tb\n")
        try write("in/.hidden.bib", "@misc{hidden, title = {Hidden}}\n")
        try write("outside.bib", "@misc{outside, title = {Outside work}}\n")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("in/link.bib").path,
                                                   withDestinationPath: directory.appendingPathComponent("outside.bib").path)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("in/sub/inner.bib").path,
                                                   withDestinationPath: directory.appendingPathComponent("in/a.bib").path)
        XCTAssertEqual(mkfifo(directory.appendingPathComponent("in/pipe.bib").path, 0o600), 0)
        let result = try nnid(["ingest", "--no-corpus", "in"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("in/link.bib:1:1: warning: symbolic link to") && result.stderr.contains("outside the walked directory"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("in/pipe.bib:1:1: warning: a named pipe (FIFO), not a regular file"), result.stderr)
        XCTAssertTrue(result.stdout.contains("skipped 3 files (hidden or unknown extension); --verbose lists them"), result.stdout)
        let works = try nnid(["works", "--format", "json"])
        XCTAssertTrue(works.stdout.contains("Inside work"))
        XCTAssertFalse(works.stdout.contains("Outside work"), "the link out of the directory was followed")
        XCTAssertFalse(works.stdout.contains("R file"))
        let verbose = try nnid(["ingest", "--no-corpus", "in", "--verbose"])
        XCTAssertTrue(verbose.stderr.contains("in/notes.R: note: skipped: unknown extension '.R'"), verbose.stderr)
        XCTAssertTrue(verbose.stderr.contains("in/.hidden.bib: note: skipped: hidden"), verbose.stderr)
    }

    func testNamedFilesUseExtensionThenContentAndRefuseBinary() throws {
        try write("in/notes.R", "@misc{rfile, title = {R file by content}, year = 2003}\n")
        try write("in/page.txt", "[Some saved page]\nTitle of a page that starts with a bracket\n")
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        png += [UInt8](repeating: 0, count: 64)
        try Data(png).write(to: directory.appendingPathComponent("in/picture.png"))
        let result = try nnid(["ingest", "--no-corpus", "in/notes.R", "in/page.txt", "in/picture.png"])
        XCTAssertEqual(result.status, 1, "the PNG is an input error")
        XCTAssertTrue(result.stderr.contains("notes.R read as BibTeX from its content"), result.stderr)
        XCTAssertTrue(result.stderr.contains("in/picture.png:1:1: error: not a text file"), result.stderr)
        XCTAssertFalse(result.stderr.contains("page.txt:1:1: error"), "a .txt file is a page dump, not JSON: \(result.stderr)")
        let works = try nnid(["works", "--format", "json"])
        XCTAssertTrue(works.stdout.contains("R file by content"))
        XCTAssertFalse(works.stdout.contains("PNG"))
    }

    func testEncodingOptionOverridesAndUnknownNameIsAUsageError() throws {
        // "Łódź" in Windows-1250, written by Python's codec.
        let hex = try PythonOracle.run("print('@misc{k, title = {Łódź na mapie}, year = 1990}\\n'.encode('cp1250').hex())")
        let digits = Array(hex.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let data = stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) }
        try Data(data).write(to: directory.appendingPathComponent("in/pl.bib"))
        XCTAssertEqual(try nnid(["ingest", "--no-corpus", "in/pl.bib", "--encoding", "no-such"]).status, 2)
        let result = try nnid(["ingest", "--no-corpus", "in/pl.bib", "--encoding", "windows-1250"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try nnid(["works", "--format", "json"]).stdout.contains("Łódź na mapie"))
    }

    func testOverlongPathIsReportedNotSkippedSilently() throws {
        // Nested directories whose full path exceeds PATH_MAX (4096 bytes), made with relative mkdir steps.
        let base = directory.appendingPathComponent("in/sub").path
        let steps = (4200 - base.utf8.count) / 201 + 1
        let segment = String(repeating: "d", count: 200)
        // Python's os.chdir takes one relative step at a time, so it can go deeper than PATH_MAX.
        _ = try PythonOracle.run("""
            import os, sys
            os.chdir(sys.argv[1])
            for _ in range(int(sys.argv[2])):
                os.mkdir(sys.argv[3]); os.chdir(sys.argv[3])
            open('deep.bib', 'w').write('@misc{deep, title = {Deep}}\\n')
            """, arguments: [base, String(steps), segment])
        let result = try nnid(["ingest", "--no-corpus", "in"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("longer than the system limit"), result.stderr)
    }
}
