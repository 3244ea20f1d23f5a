import Literature
import Synchronization
import XCTest
@testable import KnowledgeBase

/// `ingest(files:)` parses on another thread while it writes; it must store exactly what parsing every
/// file first and calling `ingest(_: [IngestInput])` stores, with the same summary and diagnostics.
final class StreamingIngestTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A BibTeX file large enough to be streamed in several slices, with works that merge with each other
    /// (same DOI, same title/author/year), a macro, a crossref and a malformed entry.
    private func writeBigBibliography(in dir: URL, name: String, crossref: Bool) throws -> String {
        var text = "@string{jn = {Journal of Nets}}\n"
        for i in 0..<5000 {
            let doi = i % 1000 == 999 ? "10.1000/dup" : "10.1000/\(i)"
            text += "@article{k\(i), author = {Family\(i % 50), Given}, title = {Work {N}umber \(i % 4000)},"
                + " year = \(2000 + i % 4000 % 20), journal = jn, doi = {\(doi)}"
                + (i == 4800 && crossref ? ", crossref = {k1}" : "") + "}\n"
        }
        text += "@article{bad, title = {unclosed\n"
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every table as text, ingest timestamps blanked (two runs need not fall in the same second).
    private func dump(_ kb: KnowledgeBase) throws -> String {
        try Fixtures.dump(kb).replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "<time>",
                                                    options: .regularExpression)
    }

    func testStreamingIngestStoresWhatTwoStepIngestStores() throws {
        let dir = URL(fileURLWithPath: Fixtures.temporaryDatabasePath()).deletingLastPathComponent()
        // One file streamed while it is scanned (no crossref), one scanned whole first.
        var paths = [try writeBigBibliography(in: dir, name: "big.bib", crossref: true),
                     try writeBigBibliography(in: dir, name: "big2.bib", crossref: false),
                     root.appendingPathComponent("corpus").path]
        let seeds = root.deletingLastPathComponent().appendingPathComponent("shared/seeds").path
        if FileManager.default.fileExists(atPath: seeds) { paths.append(seeds) }
        let files = try Ingester.inputFiles(paths)

        let twoStep = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let expected = try twoStep.ingest(files.map { Ingester.parse(file: $0) })
        let streaming = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let summary = try streaming.ingest(files: files)

        XCTAssertEqual(summary, expected)
        XCTAssertTrue(summary.diagnostics.contains { $0.location.file.hasSuffix("big.bib") && $0.severity == .error })
        XCTAssertEqual(try dump(streaming), try dump(twoStep))

        // A second run changes nothing, through either path (duplicates under different keys included).
        let again = try streaming.ingest(files: files)
        let againTwoStep = try twoStep.ingest(files.map { Ingester.parse(file: $0) })
        XCTAssertEqual(again, againTwoStep)
        XCTAssertEqual(again.works.added + again.works.updated, 0)
        XCTAssertEqual(try dump(streaming), try dump(twoStep))
    }

    func testProgressNamesEveryFileInOrder() throws {
        let dir = URL(fileURLWithPath: Fixtures.temporaryDatabasePath()).deletingLastPathComponent()
        let files = try (0..<3).map { index -> String in
            let path = dir.appendingPathComponent("f\(index).bib").path
            try "@misc{m\(index), title = {Note \(index)}}\n".write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let seen = Mutex<[String]>([])
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let summary = try kb.ingest(files: files) { _, file in seen.withLock { $0.append(file) } }
        XCTAssertEqual(seen.withLock { $0 }, files)
        XCTAssertEqual(summary.works.added, 3)
        XCTAssertEqual(summary.files, 3)
    }
}
