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
        XCTAssertEqual(try CLIRunner.run(["ingest", corpus, "--no-corpus", "--db", first]).status, 0)
        let export = try CLIRunner.run(["export", "--format", "bibtex", "--output", bib, "--db", first])
        XCTAssertEqual(export.status, 0, export.stderr)
        let reingest = try CLIRunner.run(["ingest", bib, "--no-corpus", "--db", second])
        XCTAssertEqual(reingest.status, 0, reingest.stderr)

        // `verified` is left out: the re-read export is a user's file, so all its works are unverified.
        let fields = ["key", "title", "authors", "year", "venue", "doi", "arxiv", "unverified_fields",
                      "volume", "issue", "pages"]
        var verified: [String: [String: Bool]] = [:]
        func works(_ db: String) throws -> [String: [String: String]] {
            let result = try CLIRunner.run(["works", "--json", "--db", db])
            let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            var out: [String: [String: String]] = [:]
            for work in array {
                let key = work["key"] as? String ?? ""
                out[key] = Dictionary(uniqueKeysWithValues: fields.map { ($0, "\(work[$0] ?? "nil")") })
                verified[db, default: [:]][key] = work["verified"] as? Bool
            }
            return out
        }
        let before = try works(first), after = try works(second)
        // Expected count read from the file itself: entries other than @string/@comment/@preamble.
        let text = try String(contentsOfFile: corpus, encoding: .utf8)
        let entries = text.split(separator: "\n").filter { line in
            guard line.hasPrefix("@"), let brace = line.firstIndex(of: "{") else { return false }
            let type = line[line.index(after: line.startIndex)..<brace].lowercased()
            return !["string", "comment", "preamble"].contains(type)
        }
        XCTAssertEqual(before.count, entries.count)
        XCTAssertEqual(Set(before.keys), Set(after.keys))
        for (key, fieldsBefore) in before {
            XCTAssertEqual(after[key], fieldsBefore, key)
        }
        // The file has the built-in corpus's bytes (curated): some works verified; the export re-read: none.
        XCTAssertTrue(verified[first]?.values.contains(true) ?? false)
        XCTAssertEqual(verified[second]?.values.filter { $0 }.count, 0, "a re-imported export is a user's file")
    }
}
