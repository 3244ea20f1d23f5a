import Literature
import XCTest
@testable import KnowledgeBase

/// End to end: the real seed dumps of ../shared/seeds (read-only third-party inputs), together with the
/// corpus, ingested into a real database. Expected values come from reading the seed files.
final class SeedIngestTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private func seeds() throws -> String {
        let dir = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard FileManager.default.fileExists(atPath: dir.path) else {
            throw XCTSkip("../shared/seeds not found next to the repository")
        }
        return dir.path
    }

    private func ingest(_ paths: [String], into kb: KnowledgeBase) throws -> IngestSummary {
        try kb.ingest(try Ingester.inputFiles(paths).map { Ingester.parse(file: $0) })
    }

    func testSeedsYieldTheExpectedStructure() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let corpus = root.appendingPathComponent("corpus").path
        let summary = try ingest([corpus, try seeds()], into: kb)
        XCTAssertFalse(summary.hasErrors, summary.diagnostics.map(\.description).joined(separator: "\n"))

        // MaRDI page: the work, its MaRDI id, 8 "Cites work" items out and 9 "Cited in" items in (seed 002).
        let works = try kb.allWorks()
        let vb21 = try XCTUnwrap(works.first { $0.title == "Affine symmetries and neural network identifiability" })
        XCTAssertEqual(vb21.key, "VB21", "the page merges with the corpus record")
        XCTAssertEqual(vb21.otherIdentifiers["mardi"], "Q2214101")
        let edges = try kb.citationEdges().filter { $0.relation == "cites" && $0.provenance.contains("002_") }
        XCTAssertEqual(Set(edges.filter { $0.citingKey == "VB21" }.map(\.provenance)).count, 8)
        XCTAssertEqual(Set(edges.filter { $0.citedKey == "VB21" }.map(\.citingKey)).count, 9)
        let recommendations = try kb.citationEdges().filter { $0.relation == "recommends" && $0.provenance.contains("002_") }
        XCTAssertEqual(recommendations.count, 5)
        // Cited-in works point at the page's work: e.g. Stock & Gribonval's embedding paper cites VB21.
        XCTAssertTrue(edges.contains { $0.citingKey == "SG22" && $0.citedKey == "VB21" })

        // The two Cross Validated renderings (seeds 000 and 001) become one work with one document.
        let threads = try kb.connection.query(
            "SELECT d.work_id, COUNT(*) FROM documents d WHERE d.kind = 'qa-thread' GROUP BY d.work_id") { $0.text(1) }
        XCTAssertEqual(threads, ["1"])
        let sources = try kb.connection.query("""
            SELECT COUNT(*) FROM document_sources s JOIN documents d ON d.id = s.document_id WHERE d.kind = 'qa-thread'
            """) { $0.text(0) }
        XCTAssertEqual(sources, ["2"], "both renderings are recorded as sources of the one document")

        // The mojibake of seed 000 is repaired in the stored text and the repair is recorded.
        let passages = try kb.connection.query("SELECT text FROM passages") { $0.text(0) }
        XCTAssertFalse(passages.contains { $0.contains("ðŸ") }, "mojibake survived")
        XCTAssertTrue(passages.contains { $0.contains("😉") })
        let repairs = try kb.connection.query("SELECT description FROM document_repairs") { $0.text(0) }
        XCTAssertTrue(repairs.contains { $0.contains("😉") })

        // No boilerplate sentence survives in a stored abstract or passage.
        let abstracts = try kb.connection.query("SELECT abstract FROM works WHERE abstract IS NOT NULL") { $0.text(0) }
        XCTAssertFalse(abstracts.isEmpty)
        for text in abstracts + passages {
            for phrase in ["uses cookies", "Log in", "AI Quick Summary", "Key Terms", "review(s)", "Share on",
                           "Post Your Answer", "Report a bug", "This page was built"] {
                XCTAssertFalse(text.contains(phrase), "boilerplate '\(phrase)' in: \(text.prefix(80))")
            }
        }
        // The landing pages fill the corpus records' missing abstracts.
        XCTAssertNotNil(works.first { $0.key == "SG22" }?.abstract)
        XCTAssertNotNil(works.first { $0.key == "BMB22" }?.abstract)
    }

    /// A second run over corpus and seeds changes nothing: every count is "unchanged", every table identical.
    func testCorpusAndSeedsIngestIsIdempotent() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let paths = [root.appendingPathComponent("corpus").path, try seeds()]
        _ = try ingest(paths, into: kb)
        let before = try Fixtures.dump(kb)
        let second = try ingest(paths, into: kb)
        XCTAssertEqual(try Fixtures.dump(kb), before)
        for counts in [second.works, second.citations, second.documents, second.claims] {
            XCTAssertEqual(counts.added + counts.updated + counts.rejected, 0)
        }
    }
}
