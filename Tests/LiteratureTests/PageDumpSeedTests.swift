import Foundation
import XCTest
@testable import Literature

/// Integration tests on the real page dumps in ../shared/seeds (read-only third-party inputs).
/// Expected values were read off the seed files by hand.
final class PageDumpSeedTests: XCTestCase {
    /// The seeds directory: `NNID_SEEDS`, else `shared/seeds` beside the repository or one of its parents
    /// (the main checkout sits next to `shared/`, helper worktrees one level deeper).
    private func seedsDirectory() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["NNID_SEEDS"] {
            guard FileManager.default.fileExists(atPath: override) else {
                throw XCTSkip("NNID_SEEDS=\(override) does not exist")
            }
            return URL(fileURLWithPath: override)
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // Tests/LiteratureTests
            .deletingLastPathComponent().deletingLastPathComponent()                   // repository root
        while directory.path != "/" {
            let candidate = directory.deletingLastPathComponent().appendingPathComponent("shared/seeds")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw XCTSkip("seed dumps not found (../shared/seeds next to the repository); set NNID_SEEDS to run these tests")
    }

    private func parseSeed(_ prefix: String) throws -> ParseResult {
        let directory = try seedsDirectory()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        guard let name = names.first(where: { $0.hasPrefix(prefix) }) else {
            throw XCTSkip("seed \(prefix)* not found in \(directory.path)")
        }
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
        return parseSource(path: name, bytes: bytes)
    }

    private func normalizedTitle(_ title: String) -> String {
        title.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private let boilerplate = ["cookies", "Log in", "AI Quick Summary", "Key Terms", "review(s)", "Share on",
                               "Your Answer", "Post Your Answer", "Report a bug", "$\\begingroup$"]

    private func assertNoBoilerplate(_ result: ParseResult, file: StaticString = #filePath, line: UInt = #line) {
        let texts = result.works.compactMap(\.abstract) + result.documents.flatMap { $0.passages.map(\.text) }
        for text in texts {
            for phrase in boilerplate {
                XCTAssertFalse(text.contains(phrase), "'\(phrase)' survived in: \(text.prefix(80))", file: file, line: line)
            }
        }
    }

    func testMaRDIPage() throws {
        let result = try parseSeed("002_")
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        let page = try XCTUnwrap(result.works.first)
        XCTAssertEqual(page.title, "Affine symmetries and neural network identifiability")
        XCTAssertEqual(page.identifiers.mardi, "Q2214101")
        XCTAssertTrue(page.abstract?.hasPrefix("We address the following question of neural network identifiability") ?? false)
        XCTAssertTrue(page.abstract?.hasSuffix("nonlinearities with arbitrarily complicated symmetries.") ?? false)

        let cites = result.citations.filter { $0.source == "MaRDI page, Cites work" }
        XCTAssertEqual(cites.count, 8)
        XCTAssertTrue(cites.allSatisfy { $0.relation == "cites" && $0.citing.mardi == "Q2214101" })
        XCTAssertEqual(cites.compactMap(\.cited.zbmath), ["683513", "1022658"])
        XCTAssertEqual(cites.map(\.location.line), Array(12...19))
        XCTAssertEqual(Set(cites.compactMap(\.cited.title)).isSuperset(of: [
            "Deep learning", "Group invariant scattering", "Reconstructing a neural net from its output",
            "A Mathematical Theory of Deep Convolutional Neural Networks for Feature Extraction",
        ]), true)

        let citedIn = result.citations.filter { $0.source == "MaRDI page, Cited in" }
        XCTAssertEqual(citedIn.count, 9)
        XCTAssertTrue(citedIn.allSatisfy { $0.relation == "cites" && $0.cited.mardi == "Q2214101" && $0.citing.mardi == nil })
        XCTAssertEqual(citedIn.first?.citing.title,
                       "Stable recovery of entangled weights: towards robust identification of deep neural networks from minimal samples")
        XCTAssertEqual(citedIn.last?.citing.title, "Identification in the presence of symmetry: oscillator networks")
        XCTAssertEqual(citedIn.map(\.location.line), Array(21...29))

        let recommends = result.citations.filter { $0.relation == "recommends" }
        XCTAssertEqual(recommends.count, 5)
        XCTAssertTrue(recommends.allSatisfy { $0.citing.mardi == "Q2214101" && $0.source == "MaRDI page, Recommendations" })
        XCTAssertEqual(result.citations.count, 22)

        let untitled = result.works.filter { $0.identifiers.zbmath != nil }
        XCTAssertEqual(Set(untitled.compactMap(\.identifiers.zbmath)), ["683513", "1022658", "32618"])
        XCTAssertTrue(untitled.allSatisfy { !$0.verified && $0.title.hasSuffix("(untitled)") })
        XCTAssertTrue(untitled.contains { $0.title == "zbMATH DE number 683513 (untitled)" })
        assertNoBoilerplate(result)
        XCTAssertFalse(result.documents[0].passages.contains { $0.text.contains("This page was built") })
    }

    func testCrossValidatedRenderingsShareTheirTitle() throws {
        let markdown = try parseSeed("000_")
        let bullets = try parseSeed("001_")
        let first = try XCTUnwrap(markdown.works.first)
        let second = try XCTUnwrap(bullets.works.first)
        XCTAssertEqual(first.kind, .discussion)
        XCTAssertEqual(first.venue, "Cross Validated")
        XCTAssertEqual(normalizedTitle(first.title), normalizedTitle(second.title))
        XCTAssertEqual(normalizedTitle(first.title),
                       "it's quite intuitive that most neural network topologies/architectures are not identifiable")
        XCTAssertEqual(markdown.documents.first?.work.title, bullets.documents.first?.work.title)
        assertNoBoilerplate(markdown)
        assertNoBoilerplate(bullets)
    }

    func testCrossValidatedPassages() throws {
        // parseSeed is called outside XCTUnwrap: XCTUnwrap records a thrown XCTSkip as a failure.
        let markdownResult = try parseSeed("000_")
        let markdown = try XCTUnwrap(markdownResult.documents.first)
        XCTAssertEqual(markdown.passages.map(\.role), ["question", "accepted-answer"])
        XCTAssertTrue(markdown.passages[1].text.hasPrefix("Linear, single-layer FFNs are non-identified"))

        let bulletsResult = try parseSeed("001_")
        let bullets = try XCTUnwrap(bulletsResult.documents.first)
        XCTAssertEqual(bullets.passages.map(\.role),
                       ["question"] + Array(repeating: "comment", count: 5) + ["answer"]
                       + Array(repeating: "comment", count: 3) + ["answer"])
        let comments = bullets.passages.filter { $0.role == "comment" }
        XCTAssertEqual(comments.map(\.author), ["Aksakal", "usεr11852 says Reinstate Monic", "Alex R.", "DeltaIV",
                                                "Aksakal", "DeltaIV", "Sycorax says Reinstate Monica", "DeltaIV"])
        XCTAssertEqual(comments.first?.date, "2017-11-30T19:33")
        XCTAssertEqual(comments.first?.text, "what's the purpose of this academic exercise?")
        XCTAssertEqual(comments.last?.date, "2018-07-05T08:10")
        XCTAssertTrue(bullets.passages.last?.text.hasPrefix("There at at least $n!$ global optima") ?? false)
        XCTAssertTrue(bullets.repairs.contains { $0.hasPrefix("line 10: removed vote count") })
    }

    func testMojibakeIsRepairedAndReported() throws {
        let result = try parseSeed("000_")
        let document = try XCTUnwrap(result.documents.first)
        let question = try XCTUnwrap(document.passages.first)
        XCTAssertTrue(question.text.hasSuffix("we can do better than Reddit 😉"))
        XCTAssertFalse(document.passages.contains { $0.text.contains("ðŸ") })
        XCTAssertTrue(document.repairs.contains { $0.hasPrefix("line 7: repaired mojibake 'ðŸ˜‰' → '😉'") })
        let note = try XCTUnwrap(result.diagnostics.first { $0.severity == .note })
        XCTAssertEqual(note.location.line, 7)
        XCTAssertTrue(note.message.contains("😉"))
    }

    func testLandingPageWithBadgeRow() throws {
        let result = try parseSeed("003_")
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.title, "An Embedding of ReLU Networks and an Analysis of their Identifiability")
        XCTAssertEqual(work.kind, .preprint)
        XCTAssertEqual(work.year, 2022)
        XCTAssertEqual(work.venue, "arXiv")
        let abstract = try XCTUnwrap(work.abstract)
        XCTAssertTrue(abstract.hasPrefix("Neural networks with the Rectified Linear Unit (ReLU) nonlinearity"))
        XCTAssertTrue(abstract.hasSuffix("identifiable from a bounded subset $\\mathcal X \\subseteq \\mathbb R^{d}$."))
        XCTAssertEqual(result.documents.first?.kind, "landing-page")
        XCTAssertEqual(result.documents.first?.passages.map(\.role), ["abstract"])
        assertNoBoilerplate(result)
    }

    func testLandingPageWithAISummary() throws {
        let result = try parseSeed("004_")
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.title, "Local Identifiability of Deep ReLU Neural Networks: the Theory")
        XCTAssertEqual(work.venue, "arXiv")
        XCTAssertEqual(work.kind, .preprint)
        XCTAssertNil(work.year, "the page states no year")
        let abstract = try XCTUnwrap(work.abstract)
        XCTAssertTrue(abstract.hasPrefix("Is a sample rich enough to determine, at least locally"))
        XCTAssertTrue(abstract.hasSuffix("using backpropagation and matrix rank computations."))
        XCTAssertFalse(abstract.contains("This paper introduces a new local parameterization"),
                       "the AI-generated summary is not the abstract")
        let repairs = try XCTUnwrap(result.documents.first).repairs
        XCTAssertTrue(repairs.contains { $0.contains("'AI Quick Summary'") })
        XCTAssertTrue(repairs.contains { $0.contains("'AI Key Findings'") })
        assertNoBoilerplate(result)
    }

    func testEveryDocumentNamesItsWork() throws {
        for prefix in ["000_", "001_", "002_", "003_", "004_"] {
            let result = try parseSeed(prefix)
            let document = try XCTUnwrap(result.documents.first, prefix)
            XCTAssertEqual(result.documents.count, 1, prefix)
            XCTAssertTrue(result.works.contains { $0.title == document.work.title }, prefix)
            XCTAssertEqual(document.title, document.work.title, prefix)
        }
    }
}
