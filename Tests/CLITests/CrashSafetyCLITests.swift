import Foundation
import XCTest
import TestSupport

/// Issue 10: an ingest killed at any moment leaves the database exactly as before or after it, intact;
/// readers keep working while an ingest writes.
final class CrashSafetyCLITests: XCTestCase {
    private struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    private func setUpDatabase(_ dir: URL) throws -> (db: String, big: String) {
        let small = dir.appendingPathComponent("small.bib")
        try DatabaseLifecycleCLITests.bibtex(count: 40, prefix: "S").write(to: small, atomically: true, encoding: .utf8)
        let big = dir.appendingPathComponent("big.bib")
        try DatabaseLifecycleCLITests.bibtex(count: 2500, prefix: "B").write(to: big, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("base.sqlite").path
        let setup = try CLIRunner.run(["ingest", "--no-corpus", small.path, "--db", db])
        XCTAssertEqual(setup.status, 0, setup.stderr)
        return (db, big.path)
    }

    private func workCount(_ db: String) throws -> Int? {
        let result = try CLIRunner.run(["works", "--db", db, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any])?.count
    }

    /// PRAGMA integrity_check from python3's sqlite3 (an independent client).
    private func integrity(_ db: String) throws -> String {
        let result = try PythonOracle.run("import sqlite3, sys\nprint(sqlite3.connect(sys.argv[1]).execute("
            + "'PRAGMA integrity_check').fetchone()[0])", arguments: [db])
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testKillDuringIngestLeavesBeforeOrAfterState() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let (base, big) = try setUpDatabase(dir)
        // How long an uninterrupted ingest takes here, and what "after" is.
        let timing = dir.appendingPathComponent("timing.sqlite").path
        try FileManager.default.copyItem(atPath: base, toPath: timing)
        let started = Date()
        XCTAssertEqual(try CLIRunner.run(["ingest", "--no-corpus", big, "--db", timing]).status, 0)
        let duration = Date().timeIntervalSince(started)
        let before = 40, after = 2540
        XCTAssertEqual(try workCount(timing), after)

        var random = SplitMix64(state: 10)
        var kills = 0, beforeStates = 0, afterStates = 0, trials = 0
        while kills < 20 && trials < 60 {
            trials += 1
            let db = dir.appendingPathComponent("trial\(trials).sqlite").path
            try FileManager.default.copyItem(atPath: base, toPath: db)
            let process = try DatabaseLifecycleCLITests.start(["ingest", "--no-corpus", big, "--db", db])
            usleep(useconds_t((0.02 + 0.9 * duration * random.unit()) * 1_000_000))
            guard process.isRunning else {
                process.waitUntilExit()
                continue
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard process.terminationReason == .uncaughtSignal else { continue }
            kills += 1
            XCTAssertEqual(try integrity(db), "ok", "trial \(trials)")
            let count = try workCount(db)
            XCTAssertTrue(count == before || count == after, "trial \(trials): \(String(describing: count)) works")
            if count == before { beforeStates += 1 } else { afterStates += 1 }
            // The next writer recovers the interrupted journal and finishes the job (checked a few times).
            if kills <= 3 {
                XCTAssertEqual(try CLIRunner.run(["ingest", "--no-corpus", big, "--db", db]).status, 0)
                XCTAssertEqual(try workCount(db), after)
            }
        }
        XCTAssertGreaterThanOrEqual(kills, 20, "only \(kills) kills hit a running ingest in \(trials) trials")
        print("kill trials: \(kills) SIGKILLs survived (\(beforeStates) before, \(afterStates) after) in \(trials) runs")
    }

    func testReadersWorkDuringAnIngest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let (db, big) = try setUpDatabase(dir)
        let writer = try DatabaseLifecycleCLITests.start(["ingest", "--no-corpus", big, "--db", db])
        var reads = 0
        var readsDuringIngest = 0
        while writer.isRunning || reads < 5 {
            let running = writer.isRunning
            let count = try workCount(db)
            XCTAssertTrue(count == 40 || count == 2540, "read \(reads): \(String(describing: count)) works")
            let search = try CLIRunner.run(["search", "identifiability", "--db", db, "--format", "json"])
            XCTAssertEqual(search.status, 0, search.stderr)
            XCTAssertFalse(search.stderr.contains("waiting"), "a reader waited for the writer: \(search.stderr)")
            reads += 2
            if running && writer.isRunning { readsDuringIngest += 2 }
        }
        writer.waitUntilExit()
        XCTAssertEqual(writer.terminationStatus, 0)
        XCTAssertGreaterThan(readsDuringIngest, 0, "no read overlapped the ingest")
        print("concurrent readers: \(reads) reads, \(readsDuringIngest) during the ingest, 0 errors")
    }
}
