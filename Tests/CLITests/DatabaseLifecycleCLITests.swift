import Foundation
import XCTest
import TestSupport

/// Issue 10, item 3, through the binary: concurrent first runs, waiting for a writer, read-only
/// directories, and the exit status of each database problem. Inputs are generated here.
final class DatabaseLifecycleCLITests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-life-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Readable by an unprivileged user too (the read-only tests drop root to check permissions).
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        return dir
    }

    /// A BibTeX file with `count` entries whose keys are K0…K(count-1).
    static func bibtex(count: Int, prefix: String = "K") -> String {
        (0..<count).map { i in
            "@article{\(prefix)\(i),\n  title = {Generated work \(prefix) number \(i) on identifiability},\n"
                + "  author = {Author, A\(i % 97) and Writer, B},\n  year = {\(1990 + i % 30)},\n"
                + "  journal = {Journal \(i % 13)}\n}\n"
        }.joined()
    }

    /// Started, not awaited: a child process with its output thrown away (for races and kills).
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = Pipe()
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        try process.run()
        return process
    }

    func testTwoFirstRunsAtOnceBothSucceed20Times() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("works.bib")
        try Self.bibtex(count: 300).write(to: input, atomically: true, encoding: .utf8)
        for trial in 0..<20 {
            let db = dir.appendingPathComponent("race\(trial).sqlite").path
            let first = try Self.start(["ingest", "--no-corpus", input.path, "--db", db])
            let second = try Self.start(["ingest", "--no-corpus", input.path, "--db", db])
            let errors = [first, second].map { process -> String in
                let data = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
                process.waitUntilExit()
                return String(decoding: data, as: UTF8.self)
            }
            XCTAssertEqual(first.terminationStatus, 0, "trial \(trial): \(errors[0])")
            XCTAssertEqual(second.terminationStatus, 0, "trial \(trial): \(errors[1])")
            let count = try CLIRunner.run(["works", "--db", db, "--format", "json"])
            XCTAssertEqual(count.status, 0, count.stderr)
            XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(count.stdout.utf8)) as? [Any])?.count, 300)
        }
    }

    /// Holds the write lock of `db` for `seconds` from python3's sqlite3 module (an independent client).
    private func holdWriteLock(_ db: String, seconds: Double) throws -> Process {
        guard let python = Subprocess.locate("python3") else { throw XCTSkip("python3 is not installed") }
        let process = Process()
        process.executableURL = python
        let script = "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            + "c.execute('BEGIN IMMEDIATE')\nprint('locked', flush=True)\ntime.sleep(float(sys.argv[2]))\n"
            + "c.execute('COMMIT')\n"
        process.arguments = ["-c", script, db, String(seconds)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Wait until the lock is really held.
        _ = output.fileHandleForReading.availableData
        return process
    }

    func testSecondWriterWaitsVisiblyThenSucceedsOrGivesUp() throws {
        let dir = try temporaryDirectory()
        let db = dir.appendingPathComponent("kb.sqlite").path
        let input = dir.appendingPathComponent("a.bib")
        try Self.bibtex(count: 5).write(to: input, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["ingest", "--no-corpus", input.path, "--db", db]).status, 0)

        let holder = try holdWriteLock(db, seconds: 2)
        let started = Date()
        let waited = try CLIRunner.run(["ingest", "--no-corpus", input.path, "--db", db, "--wait", "30"])
        XCTAssertEqual(waited.status, 0, waited.stderr)
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 1.0, "it did wait for the lock")
        XCTAssertTrue(waited.stderr.contains("waiting for another process that is writing"), waited.stderr)
        holder.waitUntilExit()

        let longHolder = try holdWriteLock(db, seconds: 6)
        let gaveUp = try CLIRunner.run(["ingest", "--no-corpus", input.path, "--db", db, "--wait", "1"])
        XCTAssertEqual(gaveUp.status, 8, gaveUp.stderr)
        XCTAssertTrue(gaveUp.stderr.contains("still locked by another process after waiting 1 s"), gaveUp.stderr)
        // Readers are not blocked by the writer (WAL): no wait is announced.
        let reader = try CLIRunner.run(["works", "--db", db, "--format", "json"])
        XCTAssertEqual(reader.status, 0, reader.stderr)
        XCTAssertFalse(reader.stderr.contains("waiting"), reader.stderr)
        longHolder.terminate()
        longHolder.waitUntilExit()
    }

    /// Runs nnid as an unprivileged user when the tests run as root (root ignores file permissions).
    private func runUnprivileged(_ arguments: [String]) throws -> CLIRunner.Result {
        guard geteuid() == 0 else { return try CLIRunner.run(arguments) }
        guard let setpriv = Subprocess.locate("setpriv") else { throw XCTSkip("running as root without setpriv") }
        let result = try Subprocess.run(setpriv.path, ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                       CLIRunner.binary.path] + arguments,
                                        environment: ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
        return CLIRunner.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    func testReadersWorkInAReadOnlyDirectoryAndWritersAreRefused() throws {
        let dir = try temporaryDirectory()
        let db = dir.appendingPathComponent("kb.sqlite").path
        let input = dir.appendingPathComponent("a.bib")
        try Self.bibtex(count: 7).write(to: input, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["ingest", "--no-corpus", input.path, "--db", db]).status, 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        let works = try runUnprivileged(["works", "--db", db, "--format", "json"])
        XCTAssertEqual(works.status, 0, works.stderr)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(works.stdout.utf8)) as? [Any])?.count, 7)
        let search = try runUnprivileged(["search", "identifiability", "--db", db, "--format", "json"])
        XCTAssertEqual(search.status, 0, search.stderr)
        let ingest = try runUnprivileged(["ingest", "--no-corpus", input.path, "--db", db])
        XCTAssertEqual(ingest.status, 7, ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("cannot write database"), ingest.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    func testEachDatabaseProblemHasItsOwnStatusAndMessage() throws {
        let dir = try temporaryDirectory()
        let foreign = dir.appendingPathComponent("other.sqlite").path
        guard let python = Subprocess.locate("python3") else { throw XCTSkip("python3 is not installed") }
        _ = try Subprocess.run(python.path, ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
            + "c.execute('CREATE TABLE t (x)'); c.commit()", foreign])
        let newer = dir.appendingPathComponent("newer.sqlite").path
        XCTAssertEqual(try CLIRunner.run(["ingest", "--db", newer, dir.appendingPathComponent("none.bib").path]).status, 2)
        let empty = dir.appendingPathComponent("empty.bib")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["ingest", "--no-corpus", empty.path, "--db", newer]).status, 0)
        _ = try Subprocess.run(python.path, ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
            + "c.execute('PRAGMA user_version = 42'); c.commit()", newer])
        let text = dir.appendingPathComponent("notes.sqlite").path
        try "not a database at all, just some words\n".write(toFile: text, atomically: true, encoding: .utf8)
        let missing = dir.appendingPathComponent("missing.sqlite").path

        let cases: [(String, Int32, String)] = [
            (foreign, 3, "of another program"), (text, 4, "damaged or not an SQLite database"),
            (newer, 5, "has schema version 42"), (missing, 1, "run `nnid ingest` first"),
        ]
        for (path, status, words) in cases {
            let before = try? Data(contentsOf: URL(fileURLWithPath: path))
            for command in [["works"], ["search", "x"], ["export"], ["claims"], ["ingest", empty.path]] {
                if path == missing && command[0] == "ingest" { continue }
                let result = try CLIRunner.run(command + ["--db", path])
                XCTAssertEqual(result.status, status, "\(command) on \(path): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains(words), "\(command) on \(path): \(result.stderr)")
            }
            XCTAssertEqual(try? Data(contentsOf: URL(fileURLWithPath: path)), before, "\(path) was changed")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "a reader created the database")
    }
}
