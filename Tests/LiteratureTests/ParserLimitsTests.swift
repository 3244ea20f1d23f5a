import XCTest
@testable import Literature

/// The field-size and entries-per-file limits of the RIS, CSL-JSON and HTML parsers: each test builds the
/// hostile input, checks the one message (file:line:col, the limit's name) and that the other records of
/// the file survive.
final class ParserLimitsTests: XCTestCase {
    /// One byte over the limit.
    private let oversized = String(repeating: "x", count: ParserLimits.maxFieldBytes + 1)

    private func warnings(_ result: ParseResult) -> [Diagnostic] { result.diagnostics.filter { $0.severity == .warning } }

    // MARK: RIS

    func testRISOversizedTagIsDroppedAndTheRecordKept() {
        let text = "TY  - JOUR\nTI  - First\nAB  - \(oversized)\nPY  - 2001\nER  - \n"
            + "TY  - JOUR\nTI  - Second\nER  - \n"
        let result = parseSource(path: "big.ris", bytes: Array(text.utf8))
        XCTAssertEqual(result.works.map(\.title), ["First", "Second"])
        XCTAssertNil(result.works[0].abstract)
        XCTAssertEqual(result.works[0].year, 2001)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "big.ris:3:1: warning: tag 'AB' is \(ParserLimits.maxFieldBytes + 1) bytes long, over the limit of "
                + "\(ParserLimits.maxFieldBytes) bytes (ParserLimits.maxFieldBytes); dropped",
        ])
    }

    func testRISValueGrownByContinuationLinesIsBounded() {
        // 20,000 continuation lines of 100 bytes: 2,000,000 bytes joined by 20,000 spaces (plus "start").
        let line = String(repeating: "y", count: 100)
        let text = "TY  - JOUR\nTI  - Kept\nN1  - start\n" + String(repeating: line + "\n", count: 20_000)
            + "ER  - \nTY  - GEN\nTI  - After\nER  - \n"
        let result = RISParser.parse(text, file: "wrap.ris")
        XCTAssertEqual(result.works.map(\.title), ["Kept", "After"])
        XCTAssertNil(result.works[0].note)
        XCTAssertEqual(warnings(result).count, 1)
        XCTAssertEqual(warnings(result).first?.location.description, "wrap.ris:3:1")
        XCTAssertTrue(warnings(result).first?.message.hasPrefix("tag 'N1' is \(5 + 20_000 * 101) bytes long") ?? false,
                      warnings(result).first?.message ?? "")
    }

    func testRISValueAtTheLimitIsKept() {
        let exact = String(repeating: "z", count: ParserLimits.maxFieldBytes)
        let result = RISParser.parse("TY  - JOUR\nTI  - T\nAB  - \(exact)\nER  - \n", file: "r.ris")
        XCTAssertEqual(result.works.first?.abstract?.utf8.count, ParserLimits.maxFieldBytes)
        XCTAssertEqual(result.diagnostics, [])
    }

    func testRISEntriesLimitStopsAtTheFirstRecordPastIt() {
        let text = (1...5).map { "TY  - JOUR\nTI  - Work \($0)\nER  - \n" }.joined()
        let result = RISParser.parse(text, file: "many.ris", maxEntries: 3)
        XCTAssertEqual(result.works.map(\.title), ["Work 1", "Work 2", "Work 3"])
        XCTAssertEqual(result.diagnostics.count, 1)
        // Record 4 starts on line 3·3 + 1.
        XCTAssertEqual(result.diagnostics.first?.location.description, "many.ris:10:1")
        XCTAssertTrue(result.diagnostics.first?.message.contains("ParserLimits.maxEntriesPerFile") ?? false)
    }

    // MARK: BibTeX and CSL-JSON

    func testBibTeXEntriesLimitKeepsTheEntriesBeforeIt() {
        let text = (1...4).map { "@misc{k\($0), title = {T\($0)}}\n" }.joined()
        var streamed: [String?] = []
        let result = BibTeXParser.parse(text, file: "many.bib", emitWorks: { streamed += $0.map(\.key) }, maxEntries: 3)
        XCTAssertEqual(streamed, ["k1", "k2", "k3"])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "many.bib:4:1: error: more than 3 entries in one file (ParserLimits.maxEntriesPerFile); the rest of the file is skipped",
        ])
    }

    func testCSLJSONOversizedStringIsDroppedAndTheItemKept() {
        let text = "[\n  {\"id\": \"a\", \"title\": \"First\", \"abstract\": \"\(oversized)\"},\n"
            + "  {\"id\": \"b\", \"title\": \"Second\", \"author\": [{\"family\": \"\(oversized)\"}, {\"family\": \"Kept\"}]}\n]\n"
        let result = parseSource(path: "big.json", bytes: Array(text.utf8))
        XCTAssertEqual(result.works.map(\.title), ["First", "Second"])
        XCTAssertNil(result.works[0].abstract)
        // The author without a family name is not a name; the other author stays.
        XCTAssertEqual(result.works[1].authors.map(\.family), ["Kept"])
        let limit = "is \(ParserLimits.maxFieldBytes + 1) bytes long, over the limit of \(ParserLimits.maxFieldBytes) "
            + "bytes (ParserLimits.maxFieldBytes); dropped"
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "big.json:2:3: warning: item 1: field 'abstract' \(limit)",
            "big.json:3:3: warning: item 2: field 'author[0].family' \(limit)",
        ])
    }

    func testCSLJSONOversizedTitleLosesOnlyItsItem() {
        let text = "[{\"id\": \"a\", \"title\": \"\(oversized)\"},\n {\"id\": \"b\", \"title\": \"Fine\"}]"
        let result = CSLJSONParser.parse(text, file: "t.json")
        XCTAssertEqual(result.works.map(\.key), ["b"])
        XCTAssertEqual(result.diagnostics.map(\.severity), [.warning, .error])
        XCTAssertTrue(result.diagnostics[0].message.contains("field 'title'"), result.diagnostics[0].message)
        XCTAssertEqual(result.diagnostics[1].description, "t.json:1:2: error: item 1 has no title; skipped")
    }

    func testCSLJSONEntriesLimitNamesTheFirstSkippedItem() {
        let text = "[\n" + (1...4).map { "  {\"id\": \"k\($0)\", \"title\": \"T\($0)\"}" }.joined(separator: ",\n") + "\n]\n"
        let result = CSLJSONParser.parse(text, file: "many.json", maxEntries: 2)
        XCTAssertEqual(result.works.map(\.key), ["k1", "k2"])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "many.json:4:3: error: more than 2 items in one file (ParserLimits.maxEntriesPerFile); this item and the rest are skipped",
        ])
    }

    // MARK: HTML

    func testHTMLOversizedMetaContentIsDropped() {
        let html = "<html><head>\n<meta name=\"citation_title\" content=\"Page title\">\n"
            + "<meta name=\"citation_abstract\" content=\"\(oversized)\">\n"
            + "<meta name=\"citation_author\" content=\"Doe, Jane\">\n</head><body></body></html>"
        let result = parseSource(path: "big.html", bytes: Array(html.utf8))
        XCTAssertEqual(result.works.map(\.title), ["Page title"])
        XCTAssertNil(result.works.first?.abstract)
        XCTAssertEqual(result.works.first?.authors.map(\.family), ["Doe"])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "big.html:3:1: warning: content of meta tag 'citation_abstract' is \(ParserLimits.maxFieldBytes + 1) bytes long, "
                + "over the limit of \(ParserLimits.maxFieldBytes) bytes (ParserLimits.maxFieldBytes); dropped",
        ])
    }

    func testHTMLCitationReferencesStayBoundedWithOversizedOnes() {
        // One oversized reference among valid ones: it is dropped alone, the others become edges.
        var html = "<html><head><meta name=\"citation_title\" content=\"Citing page\">\n"
        html += "<meta name=\"citation_reference\" content=\"citation_title=\(oversized)\">\n"
        for index in 0..<3 { html += "<meta name=\"citation_reference\" content=\"citation_title=Ref \(index)\">\n" }
        html += "</head></html>"
        let result = HTMLPageParser.parse(bytes: Array(html.utf8), file: "refs.html")
        XCTAssertEqual(result.citations.compactMap(\.cited.title), ["Ref 0", "Ref 1", "Ref 2"])
        XCTAssertEqual(result.diagnostics.map(\.location.description), ["refs.html:2:1"])
    }
}
