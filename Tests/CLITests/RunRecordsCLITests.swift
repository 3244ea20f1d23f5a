import Foundation
import TestSupport
import XCTest

/// Issue 14, run records of `verify --sweep` and `nnid analyze`, through the binary. The database is read
/// back with the sqlite3 command-line client and files are hashed with `sha256sum`, both independent of
/// nnid; expected statuses follow from the documented mapping and from rank bounds worked out below.
final class RunRecordsCLITests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        for tool in ["sqlite3", "sha256sum"] where Subprocess.locate(tool) == nil {
            throw XCTSkip("\(tool) is not installed")
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Readable by an unprivileged user too (the read-only test drops root to check permissions).
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
    }

    override func tearDownWithError() throws {
        if let dir {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
            try? FileManager.default.removeItem(at: dir)
        }
    }

    private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// A fresh database with the built-in corpus.
    private func ingested(_ name: String = "kb.sqlite") throws -> String {
        let db = path(name)
        let result = try CLIRunner.run(["ingest", "--db", db], currentDirectory: dir)
        XCTAssertEqual(result.status, 0, result.stderr)
        return db
    }

    private func sql(_ db: String, _ query: String) throws -> String {
        let result = try Subprocess.run("sqlite3", [db, query])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func sha256sum(_ file: String) throws -> String {
        String(try Subprocess.run("sha256sum", [file]).stdout.prefix(64))
    }

    private func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// A 2-3-1 tanh network, P = 13 parameters. With `deadOutput` the second hidden unit's outgoing
    /// weight is 0, which makes the network not identifiable whatever the sample (README, *Verdicts*).
    private func writeNetwork(_ name: String, deadOutput: Bool = false) throws -> String {
        let out = deadOutput ? "0.0" : "-0.5"
        let text = """
            {"activation": "tanh", "layers": [
              {"weight": [[0.5, -1.2], [0.3, 0.8], [-0.7, 0.2]], "bias": [0.1, -0.2, 0.3]},
              {"weight": [[1.0, \(out), 0.25]], "bias": [0.05]}]}
            """
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    private func writeSample(_ name: String, rows: Int) throws -> String {
        let lines = (0..<rows).map { i in "\(Double(i % 7) * 0.3 - 0.9),\(Double(i % 5) * 0.4 - 0.8 + Double(i) * 0.01)" }
        try (["x1,x2"] + lines).joined(separator: "\n").write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    // MARK: sweep

    func testSweepRecordsExactlyTheRunsItReports() throws {
        let db = try ingested()
        let before = Int(try sql(db, "SELECT count(*) FROM verification_runs")) ?? -1
        let sweep = try CLIRunner.run(["verify", "odd-activation-sign-flip", "hidden-unit-permutation", "--sweep", "2",
                                       "--format", "json", "--db", db])
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        var reportedRan = 0
        for row in rows {
            let claim = try XCTUnwrap(row["claim"] as? String)
            let runs = try XCTUnwrap(row["runs"] as? Int), refused = try XCTUnwrap(row["refused"] as? Int)
            XCTAssertGreaterThan(runs, 0)
            // Every run that ran is recorded; refused grid points ran nothing.
            XCTAssertEqual(row["recorded"] as? Int, runs - refused, claim)
            reportedRan += runs - refused
            // The database agrees, claim by claim and status by status.
            XCTAssertEqual(Int(try sql(db, "SELECT count(*) FROM verification_runs WHERE origin = 'sweep' AND claim_id = '\(claim)'")),
                           runs - refused, claim)
            for (key, status) in [("passed", "passed"), ("failed", "failed"), ("inconclusive", "inconclusive"),
                                  ("not_applicable", "not-applicable"), ("error", "error")] {
                XCTAssertEqual(Int(try sql(db, "SELECT count(*) FROM verification_runs WHERE origin = 'sweep' "
                                              + "AND claim_id = '\(claim)' AND status = '\(status)'")),
                               row[key] as? Int, "\(claim) \(status)")
            }
            // The documented ids are the ones stored for this claim.
            let range = try sql(db, "SELECT min(id) || ',' || max(id) FROM verification_runs WHERE origin = 'sweep' AND claim_id = '\(claim)'")
            XCTAssertEqual("\(row["first_run_id"] as? Int ?? -1),\(row["last_run_id"] as? Int ?? -1)", range, claim)
            let ranges = try XCTUnwrap(row["run_id_ranges"] as? [[Int]])
            XCTAssertEqual(ranges.reduce(0) { $0 + $1[1] - $1[0] + 1 }, runs - refused)
            // Each run names its seed (1 or 2, from --sweep 2) and its grid point.
            XCTAssertEqual(try sql(db, "SELECT count(*) FROM verification_runs WHERE claim_id = '\(claim)' AND origin = 'sweep' "
                                       + "AND parameters ->> 'seed' IN (1, 2) AND parameters -> 'widths' IS NOT NULL"),
                           String(runs - refused))
        }
        XCTAssertEqual(Int(try sql(db, "SELECT count(*) FROM verification_runs")), before + reportedRan)
        // history lists them under --origin sweep.
        let history = try CLIRunner.run(["history", "--origin", "sweep", "--format", "json", "--db", db])
        let listed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(listed.count, reportedRan)
        XCTAssertTrue(listed.allSatisfy { $0["origin"] as? String == "sweep" && $0["assertions"] is [Any] })
    }

    func testASweepThatCannotBeRecordedStillPrintsItsResultAndWarnsOnce() throws {
        let db = try ingested()
        // An independent client makes every insert of a sweep run fail inside nnid's transaction.
        _ = try sql(db, """
            CREATE TRIGGER refuse_sweeps BEFORE INSERT ON verification_runs WHEN NEW.origin = 'sweep'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            """)
        let sweep = try CLIRunner.run(["verify", "odd-activation-sign-flip", "hidden-unit-permutation", "--sweep", "1",
                                       "--format", "json", "--db", db])
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows.allSatisfy { ($0["runs"] as? Int ?? 0) > 0 && $0["recorded"] as? Int == 0 })
        XCTAssertTrue(rows.allSatisfy { $0["first_run_id"] is NSNull })
        XCTAssertEqual(sweep.stderr.components(separatedBy: "could not record").count - 1, 1, sweep.stderr)
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM verification_runs WHERE origin = 'sweep'"), "0")
    }

    // MARK: analyze

    func testAnalyzeRecordsOneRunNamingItsFilesByHash() throws {
        let db = try ingested()
        let network = try writeNetwork("net.json"), sample = try writeSample("x.csv", rows: 30)
        let result = try CLIRunner.run(["analyze", network, "--sample", sample, "--format", "json", "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try object(result.stdout)
        let runID = try XCTUnwrap(report["run_id"] as? Int)
        XCTAssertNotNil(report["started_at"] as? String)
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM verification_runs WHERE origin = 'analyze'"), "1")
        XCTAssertEqual(try sql(db, "SELECT id, claim_id IS NULL, check_id FROM verification_runs WHERE origin = 'analyze'"),
                       "\(runID)|1|network-analysis")

        let run = try object(try CLIRunner.run(["history", "--run", String(runID), "--json", "--db", db]).stdout)
        XCTAssertEqual(run["origin"] as? String, "analyze")
        XCTAssertTrue(run["claim_id"] is NSNull)
        XCTAssertEqual(run["started_at"] as? String, report["started_at"] as? String)
        let parameters = try XCTUnwrap(run["parameters"] as? [String: Any])
        XCTAssertEqual(parameters["network"] as? String, URL(fileURLWithPath: network).standardizedFileURL.path)
        XCTAssertEqual(parameters["network_sha256"] as? String, try sha256sum(network))
        XCTAssertEqual(parameters["sample_sha256"] as? String, try sha256sum(sample))
        XCTAssertEqual(parameters["format"] as? String, "json")
        XCTAssertEqual(parameters["activation"] as? String, "tanh")
        XCTAssertEqual(parameters["exact"] as? Bool, false)
        let metrics = try XCTUnwrap(run["metrics"] as? [String: Any])
        // 30 samples × 1 output = 30 Jacobian rows ≥ P = 13: a generic tanh net reaches full rank.
        XCTAssertEqual(metrics["verdict"] as? String, "identifiable")
        XCTAssertEqual(metrics["max_rank"] as? Int, 13)
        XCTAssertEqual(metrics["rank"] as? Int, report["rank"] as? Int)
        XCTAssertEqual(run["status"] as? String, "passed")   // a decided verdict

        // The text page makes sense without a claim.
        let page = try CLIRunner.run(["run", String(runID), "--db", db])
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertTrue(page.stdout.hasPrefix("run \(runID): analysis of \(parameters["network"] as? String ?? "?"), verdict identifiable"),
                      page.stdout)
    }

    func testAnalyzeStatusFollowsTheVerdict() throws {
        let db = try ingested()
        // Zero outgoing weight: not identifiable, a decided verdict, so `passed`.
        let dead = try writeNetwork("dead.json", deadOutput: true)
        let decided = try object(try CLIRunner.run(["analyze", dead, "--samples", "40", "--format", "json", "--db", db]).stdout)
        XCTAssertEqual(decided["verdict"] as? String, "not_identifiable")
        // Two samples give at most 2 Jacobian rows < P = 13 for a smooth activation: undecided.
        let net = try writeNetwork("net.json")
        let undecided = try object(try CLIRunner.run(["analyze", net, "--samples", "2", "--format", "json", "--db", db]).stdout)
        XCTAssertEqual(undecided["verdict"] as? String, "undecided")
        XCTAssertEqual(try sql(db, "SELECT status FROM verification_runs WHERE origin = 'analyze' ORDER BY id"),
                       "passed\ninconclusive")
        XCTAssertEqual(try sql(db, "SELECT parameters ->> 'samples', parameters ->> 'seed', parameters ->> 'sample' IS NULL "
                                   + "FROM verification_runs WHERE origin = 'analyze' ORDER BY id"), "40|0|1\n2|0|1")
        // --origin analyze lists exactly these two, with no claim.
        let listed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(
            try CLIRunner.run(["history", "--origin", "analyze", "--json", "--db", db]).stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(listed.count, 2)
        XCTAssertTrue(listed.allSatisfy { $0["origin"] as? String == "analyze" && $0["claim_id"] is NSNull })
        let verifyRuns = try CLIRunner.run(["history", "--origin", "verify", "--json", "--db", db]).stdout
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(verifyRuns.utf8)) as? [Any])?.count, 0)
        let csv = try CLIRunner.run(["history", "--origin", "analyze", "--format", "csv", "--db", db]).stdout
        XCTAssertTrue(csv.hasPrefix("id,claim_id,check_id,origin,status,started_at,duration_ms,nnid_version,parameters\n"), csv)
    }

    func testAnalyzeWithoutADatabaseCreatesNone() throws {
        let net = try writeNetwork("net.json")
        // The default ./nnid.sqlite does not exist: nothing is said, nothing is created.
        let quiet = try CLIRunner.run(["analyze", net, "--samples", "20", "--format", "json"],
                                      environment: ["NNID_DB": ""], currentDirectory: dir)
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertTrue(try object(quiet.stdout)["run_id"] is NSNull)
        XCTAssertTrue(try object(quiet.stdout)["started_at"] is NSNull)
        XCTAssertFalse(quiet.stderr.contains("not recorded"), quiet.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("nnid.sqlite")))
        // A named database that does not exist gets one note, and is not created either.
        let named = try CLIRunner.run(["analyze", net, "--samples", "20", "--format", "json", "--db", path("new.sqlite")])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.stderr.components(separatedBy: "\n").filter { $0.contains("not recorded") }.count, 1, named.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["net.json"])
    }

    func testAnalyzeLeavesFilesItMayNotWriteUnchanged() throws {
        let net = try writeNetwork("net.json")
        let foreign = path("other.sqlite")
        _ = try sql(foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        let empty = path("empty.sqlite")
        FileManager.default.createFile(atPath: empty, contents: Data())
        // An SQLite file with a header but no tables: nnid would make it its database for a writer, not here.
        let blank = path("blank.sqlite")
        _ = try sql(blank, "VACUUM")
        XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: blank)[.size] as? Int) ?? 0, 0)
        let newer = try ingested("newer.sqlite")
        _ = try sql(newer, "PRAGMA user_version = 42")
        let damaged = path("notes.sqlite")
        try "not a database at all, just some words, long enough to be more than one header\n"
            .write(toFile: damaged, atomically: true, encoding: .utf8)
        for file in [foreign, empty, blank, newer, damaged] {
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            let result = try CLIRunner.run(["analyze", net, "--samples", "20", "--format", "json", "--db", file])
            XCTAssertEqual(result.status, 0, "\(file): \(result.stderr)")
            XCTAssertTrue(try object(result.stdout)["run_id"] is NSNull, file)
            let notes = result.stderr.split(separator: "\n").filter { $0.contains("not recorded") }
            XCTAssertEqual(notes.count, 1, "\(file): \(result.stderr)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before, "\(file) was changed")
        }
        XCTAssertEqual(try sql(foreign, "SELECT group_concat(name) FROM sqlite_master"), "t")
        XCTAssertEqual(try sql(blank, "SELECT count(*) FROM sqlite_master"), "0")
    }

    func testAnalyzeDoesNotWriteAReadOnlyDatabase() throws {
        let db = try ingested()
        let net = try writeNetwork("net.json")
        _ = try sql(db, "PRAGMA wal_checkpoint(TRUNCATE)")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let analyze = ["analyze", net, "--samples", "20", "--format", "json", "--db", db]
        let result: (status: Int32, stdout: String, stderr: String)
        if geteuid() == 0 {
            // Root ignores file permissions: run as nobody.
            guard Subprocess.locate("setpriv") != nil else { throw XCTSkip("running as root without setpriv") }
            result = try Subprocess.run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                    CLIRunner.binary.path] + analyze,
                                        environment: ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
        } else {
            let run = try CLIRunner.run(analyze)
            result = (run.status, run.stdout, run.stderr)
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try object(result.stdout)["run_id"] is NSNull)
        XCTAssertTrue(result.stderr.contains("not recorded"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    func testNoRecordRecordsNothing() throws {
        let db = try ingested()
        let net = try writeNetwork("net.json")
        let result = try CLIRunner.run(["analyze", net, "--samples", "20", "--format", "json", "--no-record", "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try object(result.stdout)["run_id"] is NSNull)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM verification_runs"), "0")
    }

    /// A database made by the previous schema (nnid 0.2.0, version 2: Tests/Fixtures/schema-0.2.0.sql) is
    /// migrated by the first analyze that records into it, and gains the built-in check.
    func testAnalyzeMigratesADatabaseOfThePreviousSchema() throws {
        let db = path("v2.sqlite")
        let fixture = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/schema-0.2.0.sql").path
        _ = try sql(db, ".read \(fixture)")
        // 0x6E6E6964 ("nnid") as PRAGMA application_id takes it.
        _ = try sql(db, "PRAGMA user_version = 2; PRAGMA application_id = 1852729700;")
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM checks"), "0")
        let net = try writeNetwork("net.json")
        let result = try CLIRunner.run(["analyze", net, "--samples", "20", "--format", "json", "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertNotNil(try object(result.stdout)["run_id"] as? Int)
        XCTAssertEqual(try sql(db, "PRAGMA user_version"), "3")
        XCTAssertEqual(try sql(db, "SELECT id FROM checks"), "network-analysis")
        XCTAssertEqual(try sql(db, "SELECT check_id, origin FROM verification_runs"), "network-analysis|analyze")
        // The migrated file reads like a fresh one.
        XCTAssertEqual(try CLIRunner.run(["history", "--origin", "analyze", "--db", db]).status, 0)
    }
}
