import Foundation
import XCTest
@testable import Literature

/// The work each real seed dump of ../shared/seeds yields (read-only third-party inputs, not copied into
/// the repository). Expected values are what each page states, read by hand: a field the page does not
/// state (the MaRDI page names no authors or year) must stay empty rather than be filled with page text.
final class PageDumpSeedRecordsTests: XCTestCase {
    private func seed(_ prefix: String) throws -> WorkRecord {
        // NNID_SEEDS as in PageDumpSeedTests (a worktree has no ../shared next to it).
        let dir = ProcessInfo.processInfo.environment["NNID_SEEDS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: dir.path).first(where: { $0.hasPrefix(prefix) })
        else { throw XCTSkip("../shared/seeds/\(prefix)* not found next to the repository") }
        let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name)))
        let result = parseSource(path: name, bytes: bytes)
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        XCTAssertEqual(result.works.filter { $0.provenance?.contains("untitled") != true }.count, 1)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertFalse(work.verified, "\(name): a work known only from a page is unverified")
        XCTAssertNotNil(work.provenance)
        return work
    }

    func testStackExchangeRenderings() throws {
        for prefix in ["000_", "001_"] {
            let work = try seed(prefix)
            XCTAssertEqual(work.title, "It's quite intuitive that most neural network topologies/architectures are not identifiable")
            XCTAssertEqual(work.kind, .discussion)
            XCTAssertEqual(work.authors, [])
            XCTAssertNil(work.year)
        }
    }

    func testMaRDIPublication() throws {
        let work = try seed("002_")
        XCTAssertEqual(work.title, "Affine symmetries and neural network identifiability")
        XCTAssertEqual(work.identifiers.mardi, "Q2214101")
        XCTAssertEqual(work.authors, [], "the page names no authors")
        XCTAssertNil(work.year, "the page states no year")
    }

    func testLandingPageWithBadgeRow() throws {
        let work = try seed("003_")
        XCTAssertEqual(work.title, "An Embedding of ReLU Networks and an Analysis of their Identifiability")
        XCTAssertEqual(work.year, 2022)
        XCTAssertEqual(work.venue, "arXiv")
        XCTAssertEqual(work.kind, .preprint)
        XCTAssertEqual(work.authors, [], "'2 authors' is a count, not names")
    }

    func testLandingPageWithAISummary() throws {
        let work = try seed("004_")
        XCTAssertEqual(work.title, "Local Identifiability of Deep ReLU Neural Networks: the Theory")
        XCTAssertEqual(work.venue, "arXiv")
        XCTAssertEqual(work.authors, [], "widget headings ('AI Quick Summary') are not names")
        XCTAssertNil(work.year)
    }
}
