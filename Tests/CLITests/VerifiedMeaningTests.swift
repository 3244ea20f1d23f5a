import Foundation
import TestSupport
import XCTest

/// One meaning for "verified" (issue 14, item 12): confirmed in a primary source or a curated record.
/// The expected statuses are read from corpus/citations.csv and corpus/works.bib (bibtexparser) here,
/// not from nnid's output; graph JSON, graph CSV and the audit must all agree with them.
final class VerifiedMeaningTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-verified-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func nnid(_ arguments: [String], db: String) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments + ["--db", db], currentDirectory: directory)
    }

    private func jsonObject(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// "A -> B" → verified, from corpus/citations.csv: a pair is verified when one of its rows says so.
    private func expectedEdgeStatuses() throws -> [String: Bool] {
        let csv = CLIRunner.repositoryRoot.appendingPathComponent("corpus/citations.csv").path
        let program = """
            import csv
            pairs = {}
            for row in csv.DictReader(open(data[0])):
                pair = row["citing"] + " -> " + row["cited"]
                pairs[pair] = pairs.get(pair, False) or row["status"] == "verified"
            print(json.dumps(pairs))
            """
        return try XCTUnwrap(try PythonOracle.json(program, input: [csv], modules: []) as? [String: Bool])
    }

    func testGraphAndAuditAgreeWithTheCorpusOnEveryEdge() throws {
        let db = directory.appendingPathComponent("kb.sqlite").path
        XCTAssertEqual(try nnid(["ingest"], db: db).status, 0)
        let expected = try expectedEdgeStatuses()
        XCTAssertEqual(expected["Mat01 -> VB21"], false, "the acknowledged MaRDI anomaly is not a verified edge")

        let graph = try XCTUnwrap(try jsonObject(try nnid(["graph", "--format", "json"], db: db).stdout) as? [String: Any])
        let links = try XCTUnwrap(graph["edges"] as? [[String: Any]])
        var fromJSON: [String: Bool] = [:]
        for link in links {
            let pair = "\(link["source"] ?? "?") -> \(link["target"] ?? "?")"
            fromJSON[pair] = try XCTUnwrap(link["verified"] as? Bool, pair)
        }
        XCTAssertEqual(fromJSON, expected, "graph JSON, edge by edge")

        let csv = try nnid(["graph", "--format", "csv"], db: db).stdout
        let rows = try PythonOracle.json("""
            import csv, io
            print(json.dumps([[r["source"] + " -> " + r["target"], r["verified"]] for r in csv.DictReader(io.StringIO(data[0]))]))
            """, input: [csv], modules: []) as? [[String]]
        var fromCSV: [String: Bool] = [:]
        for row in try XCTUnwrap(rows) { fromCSV[row[0]] = row[1] == "true" }
        XCTAssertEqual(fromCSV, expected, "graph CSV, edge by edge")

        let audit = try nnid(["audit", "--format", "json"], db: db)
        XCTAssertEqual(audit.status, 0, audit.stderr)
        let findings = try XCTUnwrap(try jsonObject(audit.stdout) as? [[String: Any]])
        let unverifiedEdges = findings.filter { $0["kind"] as? String == "unverified-edge" }
        XCTAssertEqual(Set(unverifiedEdges.compactMap { $0["subject"] as? String }),
                       Set(expected.filter { !$0.value }.keys), "audit lists exactly the unverified edges")
        XCTAssertEqual(unverifiedEdges.first { $0["subject"] as? String == "Mat01 -> VB21" }?["severity"] as? String,
                       "acknowledged")
    }

    func testGraphWorkNodesAgreeWithTheCuratedBibliography() throws {
        let db = directory.appendingPathComponent("kb.sqlite").path
        XCTAssertEqual(try nnid(["ingest"], db: db).status, 0)
        // bibtexparser reads the curated file: a work is verified when its entry has no `unverified` field.
        let bib = CLIRunner.repositoryRoot.appendingPathComponent("corpus/works.bib").path
        let expected = try XCTUnwrap(try PythonOracle.json("""
            import bibtexparser
            library = bibtexparser.parse_string(open(data[0], encoding="utf-8").read())
            print(json.dumps({e.key: "unverified" not in [f.key.lower() for f in e.fields] for e in library.entries}))
            """, input: [bib], modules: ["bibtexparser"]) as? [String: Bool])
        let graph = try XCTUnwrap(try jsonObject(try nnid(["graph", "--format", "json"], db: db).stdout) as? [String: Any])
        var nodes: [String: Bool] = [:]
        for node in try XCTUnwrap(graph["nodes"] as? [[String: Any]]) {
            if let id = node["id"] as? String, let verified = node["verified"] as? Bool { nodes[id] = verified }
        }
        XCTAssertEqual(nodes, expected)
    }

    func testUserImportedRecordsAreUnverifiedWithTheirProvenance() throws {
        let bib = directory.appendingPathComponent("mine.bib")
        // One work of the corpus under the user's key (same DOI as VB21, a wrong year) and one the corpus lacks.
        try """
            @article{vlacic2021affine,
              author = {Vla{\\v{c}}i{\\'c}, Verner and B{\\"o}lcskei, Helmut},
              title = {Affine symmetries and neural network identifiability},
              journal = {Advances in Mathematics}, year = {2020},
              doi = {10.1016/j.aim.2020.107485}
            }
            @article{mine2024,
              author = {Doe, Jane}, title = {A result only my bibliography knows}, journal = {J. Mine}, year = {2024}
            }
            """.write(to: bib, atomically: true, encoding: .utf8)
        let edges = directory.appendingPathComponent("mine.csv")
        try "citing,cited,relation,source,status\nmine2024,VB21,cites,my own reading,verified\n"
            .write(to: edges, atomically: true, encoding: .utf8)

        func works(_ db: String) throws -> [String: [String: Any]] {
            let list = try XCTUnwrap(try jsonObject(try nnid(["works", "--json"], db: db).stdout) as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: list.compactMap { w in (w["key"] as? String).map { ($0, w) } })
        }

        // With the corpus: the curated VB21 stays verified, the user's own work and edge are not.
        let both = directory.appendingPathComponent("both.sqlite").path
        XCTAssertEqual(try nnid(["ingest", bib.path, edges.path], db: both).status, 0)
        let stored = try works(both)
        XCTAssertEqual(stored["VB21"]?["verified"] as? Bool, true)
        XCTAssertEqual(stored["mine2024"]?["verified"] as? Bool, false, "a user's record is not verified")
        let graph = try XCTUnwrap(try jsonObject(try nnid(["graph", "--format", "json"], db: both).stdout) as? [String: Any])
        let link = (graph["edges"] as? [[String: Any]])?.first { $0["source"] as? String == "mine2024" }
        XCTAssertEqual(link?["verified"] as? Bool, false, "a user's edge marked verified is still not curated")
        let audit = try XCTUnwrap(try jsonObject(try nnid(["audit", "--format", "json"], db: both).stdout) as? [[String: Any]])
        let finding = audit.first { $0["kind"] as? String == "unverified-work" && $0["subject"] as? String == "mine2024" }
        XCTAssertTrue((finding?["message"] as? String)?.contains("mine.bib:") ?? false, "the audit names where it came from")
        XCTAssertTrue(audit.contains { $0["kind"] as? String == "unverified-edge" && $0["subject"] as? String == "mine2024 -> VB21" })

        // Without the corpus the imported VB21 is unverified; storing the corpus afterwards verifies it.
        let later = directory.appendingPathComponent("later.sqlite").path
        XCTAssertEqual(try nnid(["ingest", bib.path, "--no-corpus"], db: later).status, 0)
        XCTAssertEqual(try works(later)["vlacic2021affine"]?["verified"] as? Bool, false)
        XCTAssertEqual(try nnid(["ingest"], db: later).status, 0)
        let merged = try works(later)
        let vb21 = merged.values.first { ($0["doi"] as? String) == "10.1016/j.aim.2020.107485" }
        XCTAssertEqual(vb21?["verified"] as? Bool, true, "the curated record verifies the imported one")
        // ... and brings the values it verified, under its key (the user's key stays an alias).
        XCTAssertEqual(vb21?["key"] as? String, "VB21")
        XCTAssertEqual(vb21?["year"] as? Int, 2021, "the corpus's year, not the imported 2020")
        XCTAssertEqual(try nnid(["work", "vlacic2021affine"], db: later).status, 0, "the user's key still finds it")
        XCTAssertEqual(merged["mine2024"]?["verified"] as? Bool, false)
    }
}
