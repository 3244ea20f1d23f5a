import XCTest
@testable import Literature

/// Large files are mapped in slices (in parallel, or streamed to the store): macros defined at the top,
/// crossrefs across slices, diagnostics' lines and order must be exactly those of one pass over the file.
/// Expected values come from how the test text is built (entry i starts on a known line).
final class BibTeXSlicedParseTests: XCTestCase {
    private let count = 4500
    private let untitled: Set<Int> = [7, 1999, 4321]

    /// The file, plus the line each entry's `@` is on.
    private func makeFile(crossrefs: Bool = true) -> (text: String, lines: [Int: Int]) {
        var text = "@string{jn = \"Journal of Nets\"}\n@preamble{\"x\"}\n"
        var line = 3
        var lines: [Int: Int] = [:]
        for i in 0..<count {
            lines[i] = line
            var fields = ["author = {Family\(i % 97), Given}", "year = \(1990 + i % 30)", "journal = jn # \" \(i)\""]
            if !untitled.contains(i) { fields.append("title = {Title {N}umber \(i)}") }
            if i == 4400, crossrefs { fields.append("crossref = {e3}") }      // parent in the first slice
            if i == 3 { fields.append("publisher = {Parent Press}") }
            if i == 5, crossrefs { fields.append("crossref = {e4490}") }      // parent in the last slice
            if i == 4490 { fields.append("note = {From the end}") }
            text += "@article{e\(i),\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
            line += fields.count + 2
        }
        // A malformed entry and a duplicate key after everything else.
        text += "@article{broken,\n  title = {No close\n"
        text += "@article{e0, title = {Again}}\n"
        return (text, lines)
    }

    func testSlicedParseKeepsMacrosCrossrefsAndDiagnostics() {
        let (text, lines) = makeFile()
        let result = BibTeXParser.parse(text, file: "big.bib")
        // The repeated key e0 at the end is passed on (the store decides), so count + 1 works.
        XCTAssertEqual(result.works.count, count + 1)
        XCTAssertEqual(result.works.map(\.key), (0..<count).map { "e\($0)" } + ["e0"])
        XCTAssertEqual(result.works[4499].venue, "Journal of Nets 4499")
        XCTAssertEqual(result.works[4499].location.line, lines[4499])
        XCTAssertEqual(result.works[2250].title, "Title Number 2250")
        XCTAssertEqual(result.works[4400].publisher, "Parent Press")
        XCTAssertEqual(result.works[5].note, "From the end")

        let brokenLine = lines[count - 1]! + 6
        let expected = [
            "big.bib:\(brokenLine + 1):11: error: unbalanced braces: this '{' is not closed before the next entry",
        ] + untitled.sorted().map { "big.bib:\(lines[$0]!):1: warning: entry 'e\($0)' has no title" }
        XCTAssertEqual(result.diagnostics.map(\.description), expected)
    }

    func testStreamedParseHandsOverTheSameWorksInOrder() {
        let (text, _) = makeFile()
        let whole = BibTeXParser.parse(text, file: "big.bib")
        var streamed: [WorkRecord] = []
        var slices = 0
        let rest = BibTeXParser.parse(text, file: "big.bib") { works in
            streamed += works
            slices += 1
        }
        XCTAssertGreaterThan(slices, 1)
        XCTAssertTrue(rest.works.isEmpty)
        XCTAssertEqual(streamed, whole.works)
        XCTAssertEqual(rest.diagnostics, whole.diagnostics)
        // One pass over every scanned entry, no slicing, as the reference (crossref children and the
        // duplicate left aside: this pass does not resolve or drop them).
        let sequential = BibTeXParser.mapEntries(ArraySlice(scanAll(text)), file: "big.bib",
                                                 lines: LineIndex(bytes: Array(text.utf8)))
        XCTAssertEqual(sequential.works.count, count + 1)
        for index in 0..<count where index != 5 && index != 4400 {
            XCTAssertEqual(sequential.works[index], whole.works[index])
        }
    }

    /// Without crossref, slices are handed over while the file is still being scanned; a duplicate key,
    /// a late error and the "no title" warnings keep their places.
    func testStreamingWhileScanningKeepsDiagnosticsInPlace() {
        let (text, lines) = makeFile(crossrefs: false)
        XCTAssertFalse(BibTeXParser.mentionsCrossref(Array(text.utf8)))
        XCTAssertTrue(BibTeXParser.mentionsCrossref(Array("x CrossRef = {a}".utf8)))
        let whole = BibTeXParser.parse(text, file: "big.bib")
        var streamed: [WorkRecord] = []
        let rest = BibTeXParser.parse(text, file: "big.bib") { streamed += $0 }
        XCTAssertEqual(streamed, whole.works)
        XCTAssertEqual(rest.diagnostics, whole.diagnostics)
        XCTAssertEqual(streamed.count, count + 1)
        XCTAssertEqual(streamed[4499].venue, "Journal of Nets 4499")
        XCTAssertEqual(rest.diagnostics.last?.description, "big.bib:\(lines[4321]!):1: warning: entry 'e4321' has no title")
        XCTAssertEqual(rest.diagnostics.first?.severity, .error)
    }

    func testOrderedParallelMapKeepsOrder() {
        let numbers = Array(0..<10_007)
        let parts = orderedParallelMap(numbers, minimumSliceSize: 10, sliceCount: 37) { Array($0) }
        XCTAssertEqual(parts.count, 37)
        XCTAssertEqual(parts.flatMap { $0 }, numbers)
    }

    private func scanAll(_ text: String) -> [BibTeXEntry] {
        var scanner = BibTeXScanner(bytes: Array(text.utf8))
        var entries: [BibTeXEntry] = []
        while true {
            do {
                guard let entry = try scanner.nextEntry() else { break }
                entries.append(entry)
            } catch {
                scanner.resynchronize(after: error)
            }
        }
        return entries
    }
}
