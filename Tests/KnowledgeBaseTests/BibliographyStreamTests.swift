import XCTest
import Literature
@testable import KnowledgeBase

/// The streamed whole-base export writes exactly what the list-based writer writes from the loaded entries.
final class BibliographyStreamTests: XCTestCase {
    func testStreamedExportEqualsTheLoadedOneInEveryFormat() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        // Keys whose byte order differs from a naive one, works with and without authors and identifiers.
        let keys = ["b2", "B1", "Zé", "É0", "a", "a0", "noauthors", "ü", "A"]
        let works = keys.enumerated().map { index, key in
            Fixtures.work(key, "Title of \(key) number \(index)",
                          authors: key == "noauthors" ? [] : [("Anna", "Müller\(index)"), ("Jan", "de Vries")],
                          year: 2000 + index, doi: index % 2 == 0 ? "10.1000/\(index)" : nil,
                          arxiv: index % 3 == 0 ? "2101.0000\(index)" : nil, venue: "Venue \(index % 2)")
        }
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(works: works))])
        for format in BibliographyFormat.allCases {
            let loaded = Fixtures.temporaryDatabasePath() + ".loaded"
            let sinkLoaded = try ExportOutput(path: loaded)
            BibliographyExport.write(try kb.bibliographyEntries(), format: format, to: sinkLoaded)
            try sinkLoaded.finish()
            let streamed = Fixtures.temporaryDatabasePath() + ".streamed"
            XCTAssertEqual(try kb.streamBibliography(format: format, to: try ExportOutput(path: streamed)), keys.count)
            let expected = try String(contentsOfFile: loaded, encoding: .utf8)
            XCTAssertEqual(try String(contentsOfFile: streamed, encoding: .utf8), expected, "\(format)")
            XCTAssertTrue(expected.contains("M{\\\"u}ller0") || format != .bibtex, expected)
        }
        // An empty base streams an empty bibliography (CSL-JSON: an empty array).
        let empty = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let path = Fixtures.temporaryDatabasePath() + ".json"
        XCTAssertEqual(try empty.streamBibliography(format: .cslJSON, to: try ExportOutput(path: path)), 0)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "[]\n")
    }
}
