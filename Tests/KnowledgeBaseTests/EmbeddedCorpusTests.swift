import Foundation
import XCTest
@testable import KnowledgeBase

/// The corpus compiled into the binary must be byte-identical to corpus/ (scripts/embed-corpus).
final class EmbeddedCorpusTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testEmbeddedCorpusMatchesTheFilesOnDisk() throws {
        let claims = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("corpus/claims").path)
            .filter { $0.hasSuffix(".claim") }.map { "corpus/claims/" + $0 }
        let expected = Set(["corpus/works.bib", "corpus/citations.csv"] + claims)
        XCTAssertEqual(Set(EmbeddedCorpus.files.map(\.path)), expected, "run scripts/embed-corpus")
        for file in EmbeddedCorpus.files {
            let onDisk = try Data(contentsOf: root.appendingPathComponent(file.path))
            XCTAssertEqual(Array(onDisk), Array(file.text.utf8), "\(file.path) changed: run scripts/embed-corpus")
        }
    }

    func testBuiltInCorpusParsesWithoutErrors() {
        let inputs = BuiltInCorpus.inputs()
        XCTAssertEqual(inputs.count, EmbeddedCorpus.files.count)
        let errors = inputs.flatMap(\.result.diagnostics).filter { $0.severity == .error }
        XCTAssertTrue(errors.isEmpty, errors.map(\.description).joined(separator: "\n"))
        XCTAssertFalse(inputs.flatMap(\.result.works).isEmpty)
    }
}
