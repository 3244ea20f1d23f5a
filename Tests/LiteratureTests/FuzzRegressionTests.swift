import Literature
import XCTest

/// Inputs found by `scripts/fuzz` that once crashed or exhausted memory; each must now give diagnostics.
final class FuzzRegressionTests: XCTestCase {
    /// `detect` target, CI 2026-12-02: a stray `}` between array items made the CSL-JSON item splitter stand
    /// still and append empty items until malloc failed.
    func testStrayCloserInACSLJSONArrayIsReportedNotLoopedOn() {
        // Each returns (the old splitter never did) and reports the stray closer.
        for text in ["[ } ]", "[{\"id\": \"a\", \"type\": \"article\", \"title\": \"T\"} } ]"] {
            let result = CSLJSONParser.parse(text, file: "f.json")
            XCTAssertLessThanOrEqual(result.works.count, 1, text)
            XCTAssertTrue(result.diagnostics.contains { $0.description.contains("unexpected '}'") }, text)
        }
        XCTAssertFalse(CSLJSONParser.parse("{\"a\": {} ] }", file: "f.json").diagnostics.isEmpty)
        // The fuzzer's own input shape: a valid item after bytes that are not UTF-8, then a stray closer.
        var bytes = Array("[{\"id\": \"doe19\", \"type\": \"article-".utf8) + Array(repeating: 0xFF, count: 100)
        bytes += Array("j\", \"title\": \"Identifiability\"} } ]".utf8)
        let result = parseSource(path: "f.json", bytes: bytes)
        XCTAssertFalse(result.diagnostics.isEmpty)
    }
}
