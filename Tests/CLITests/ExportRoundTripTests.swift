import Foundation
import XCTest

/// The whole corpus exported as BibTeX and ingested again gives the same works (issue 5, item 2).
final class ExportRoundTripTests: XCTestCase {
    func testCorpusBibTeXExportReingestsToTheSameWorks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-roundtrip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let first = dir.appendingPathComponent("first.sqlite").path
        let second = dir.appendingPathComponent("second.sqlite").path
        let bib = dir.appendingPathComponent("export.bib").path
        let corpus = CLIRunner.repositoryRoot.appendingPathComponent("corpus/works.bib").path
        XCTAssertEqual(try CLIRunner.run(["ingest", corpus, "--db", first]).status, 0)
        let export = try CLIRunner.run(["export", "--format", "bibtex", "--output", bib, "--db", first])
        XCTAssertEqual(export.status, 0, export.stderr)
        let reingest = try CLIRunner.run(["ingest", bib, "--db", second])
        XCTAssertEqual(reingest.status, 0, reingest.stderr)

        let fields = ["key", "title", "authors", "year", "venue", "doi", "arxiv", "verified", "unverified_fields",
                      "volume", "issue", "pages"]
        func works(_ db: String) throws -> [String: [String: String]] {
            let result = try CLIRunner.run(["works", "--json", "--db", db])
            let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            var out: [String: [String: String]] = [:]
            for work in array {
                let key = work["key"] as? String ?? ""
                out[key] = Dictionary(uniqueKeysWithValues: fields.map { ($0, "\(work[$0] ?? "nil")") })
            }
            return out
        }
        let before = try works(first), after = try works(second)
        // Entries counted straight from the file (every "@type{" line except @string), not through nnid.
        let bibText = try String(contentsOfFile: corpus, encoding: .utf8)
        let entries = bibText.split(separator: "\n").filter { $0.hasPrefix("@") && !$0.lowercased().hasPrefix("@string") }
        XCTAssertEqual(before.count, entries.count)
        XCTAssertEqual(Set(before.keys), Set(after.keys))
        for (key, fieldsBefore) in before {
            XCTAssertEqual(after[key], fieldsBefore, key)
        }
    }
}
