import Foundation
import Literature
import TestSupport
import XCTest
@testable import KnowledgeBase

/// BibTeX export as bibliography styles need it: month macros (not braced abbreviations) and the arXiv
/// id of a preprint in a field plain.bst prints. bibtexparser 2 is the independent reader: it resolves the
/// month macros to their names and keeps braced values as written.
final class ExportBibTeXStyleTests: XCTestCase {
    func testMonthMacroAndPreprintIdentifier() throws {
        var preprint = Fixtures.work("PRE", "A preprint", authors: [("Ann", "Able")], year: 2026, arxiv: "2605.03601")
        preprint.month = 5
        preprint.kind = .preprint
        var article = Fixtures.work("ART", "An article", authors: [("Bo", "Bee")], year: 2017, doi: "10.1/x",
                                    arxiv: "1711.00001", venue: "Journal of Tests")
        article.kind = .article
        article.month = 11
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "w.bib", result: ParseResult(works: [preprint, article]))])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-style-\(UUID().uuidString).bib").path
        try kb.exportBibliography(format: .bibtex, keys: nil, claimID: nil, to: ExportOutput(path: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("month         = may"), text)
        XCTAssertFalse(text.contains("{nov}"), text)

        let script = """
            import sys, json, bibtexparser
            from bibtexparser.middlewares import MonthIntMiddleware
            raw = bibtexparser.parse_file(sys.argv[1], parse_stack=[])
            lib = bibtexparser.parse_file(sys.argv[1], append_middleware=[MonthIntMiddleware()])
            out = {e.key: {k: str(f.value) for k, f in e.fields_dict.items()} for e in lib.entries}
            for e in raw.entries:
                out[e.key]['raw_month'] = e.fields_dict['month'].value
            print(json.dumps(out))
            """
        let output = try PythonOracle.run(script, arguments: [path], modules: ["bibtexparser"])
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: String]])
        // Unbraced in the file (a macro, which styles expand to the month's name), and the right month.
        XCTAssertEqual(entries["PRE"]?["raw_month"], "may")
        XCTAssertEqual(entries["ART"]?["raw_month"], "nov")
        XCTAssertEqual(entries["PRE"]?["month"], "5")
        XCTAssertEqual(entries["ART"]?["month"], "11")
        // The preprint's id where plain.bst prints it (note, which every standard type prints); the
        // article has a venue and needs no note.
        XCTAssertEqual(entries["PRE"]?["note"], "arXiv:2605.03601")
        XCTAssertEqual(entries["PRE"]?["eprint"], "2605.03601")
        XCTAssertNil(entries["ART"]?["note"])
        XCTAssertEqual(entries["ART"]?["journal"], "Journal of Tests")

        // Our own parser reads the bare macro back as month 5.
        let reread = BibTeXParser.parse(text, file: path)
        XCTAssertEqual(reread.works.first { $0.key == "PRE" }?.month, 5)
    }
}
