import XCTest
@testable import Literature

/// BibTeX/BibLaTeX as biber reads it (expected values worked out by hand from biblatex's manual).
final class BibLaTeXSemanticsTests: XCTestCase {
    private func parse(_ text: String) -> ParseResult { BibTeXParser.parse(text, file: "t.bib") }
    private func messages(_ result: ParseResult) -> [String] { result.diagnostics.map(\.description) }

    func testPercentCommentsHideOneLineAndMultiLineEntries() {
        let result = parse("""
            % @article{commented, title = {Commented one line}}
            %@article{commented2,
            %  title = {Commented multi line},
            %}
            @string{jn = "Journal of " # "Things"}
            @comment{ignored @article{x, title={No}} }
            @preamble{"\\newcommand{\\noop}[1]{}"}
            @article{real, title = {Real} # { Work}, journal = jn, year = 2020}
            """)
        XCTAssertEqual(result.works.map(\.key), ["real"])
        XCTAssertEqual(result.works.first?.title, "Real Work")
        XCTAssertEqual(result.works.first?.venue, "Journal of Things")
        XCTAssertEqual(messages(result), [])
    }

    func testXDataIsAContainerAndItsFieldsAreInherited() {
        let result = parse("""
            @xdata{pubinfo, publisher = {Springer}, location = {Berlin}, year = {2019}}
            @xdata{series, xdata = {pubinfo}, series = {LNCS}}
            @book{b1, title = {First Book}, author = {A. One}, xdata = {series}}
            @book{b2, title = {Second Book}, author = {B. Two}, xdata = {pubinfo, nothere}, year = 2021}
            """)
        XCTAssertEqual(result.works.map(\.key), ["b1", "b2"])
        XCTAssertEqual(result.works[0].publisher, "Springer")
        XCTAssertEqual(result.works[0].year, 2019)
        XCTAssertEqual(result.works[0].rawFields["series"], "LNCS")
        XCTAssertNil(result.works[0].rawFields["xdata"])
        XCTAssertEqual(result.works[1].year, 2021)   // own field wins
        XCTAssertEqual(messages(result), ["t.bib:4:61: warning: entry 'b2': xdata 'nothere' names no @xdata entry in this file; ignored"])
    }

    func testSetEntriesAreContainersNotWorks() {
        let result = parse("@set{group, entryset = {a, b}}\n@article{a, title = {A}}\n@article{b, title = {B}}\n")
        XCTAssertEqual(result.works.map(\.key), ["a", "b"])
        XCTAssertEqual(result.diagnostics, [])
    }

    func testCrossrefChainAndCycle() {
        let result = parse("""
            @mvproceedings{mv, title = {Big Series}, publisher = {ACM}}
            @proceedings{proc, title = {Proc 2020}, year = 2020, crossref = {mv}}
            @inproceedings{paper, title = {A Paper}, crossref = {proc}}
            @inproceedings{loop1, title = {L1}, crossref = {loop2}}
            @inproceedings{loop2, title = {L2}, crossref = {loop1}}
            """)
        let paper = result.works.first { $0.key == "paper" }
        XCTAssertEqual(paper?.venue, "Proc 2020")
        XCTAssertEqual(paper?.year, 2020)
        XCTAssertEqual(paper?.publisher, "ACM")
        XCTAssertEqual(result.works.count, 5)
        XCTAssertEqual(result.diagnostics.filter { $0.message.contains("returns to") }.count, 2)
    }

    func testEditorsAndTranslatorsAreNotAuthors() throws {
        let result = parse("""
            @collection{c, title = {Edited Volume}, editor = {Smith, Jane and Doe, John}, translator = {Roe, R.}, year = 2000}
            @incollection{i, title = {Chapter}, author = {Author, Ann}, editor = {Smith, Jane}, booktitle = {Edited Volume}, year = 2000}
            """)
        XCTAssertEqual(result.works[0].authors, [])
        XCTAssertEqual(result.works[0].contributors.map(\.role), ["editor", "editor", "translator"])
        XCTAssertEqual(result.works[0].contributors.map(\.name.family), ["Smith", "Doe", "Roe"])
        XCTAssertEqual(result.works[1].authors.map(\.family), ["Author"])
        XCTAssertEqual(result.works[1].contributors.map(\.name.family), ["Smith"])
    }

    func testBiblatexDates() {
        let cases: [(String, Int?, Int?, String?)] = [
            ("2021-05-03", 2021, 5, nil),
            ("2021-05", 2021, 5, nil),
            ("2021", 2021, nil, nil),
            ("2019/2021", 2019, nil, "a range"),
            ("2019-03/", 2019, 3, "a range"),
            ("/2019", nil, nil, "open start"),
            ("2004?", 2004, nil, "uncertain"),
            ("2004-06~", 2004, 6, "uncertain"),
            ("19XX", nil, nil, "unspecified year"),
            ("19XXX-XX-XX", nil, nil, "not a biblatex date"),
            ("2012-13", nil, nil, "not a biblatex date"),
            ("2012-02-30x", nil, nil, "not a biblatex date"),
        ]
        for (value, year, month, warning) in cases {
            let parsed = BibLaTeXFields.parseDate(value)
            XCTAssertEqual(parsed.year, year, value)
            XCTAssertEqual(parsed.month, month, value)
            if let warning { XCTAssertTrue(parsed.warning?.contains(warning) ?? false, "\(value): \(parsed.warning ?? "nil")") }
            else { XCTAssertNil(parsed.warning, value) }
        }
    }

    func testInvalidDateIsWarnedAtTheValue() {
        let result = parse("@misc{d, title = {T}, date = {2012-13}}\n")
        XCTAssertNil(result.works.first?.year)
        XCTAssertEqual(messages(result).count, 1)
        XCTAssertTrue(messages(result)[0].hasPrefix("t.bib:1:30: warning: entry 'd', field 'date': '2012-13' is not a biblatex date"), messages(result)[0])
    }

    func testYearsOutOfRangeAreRefusedNotWrapped() {
        let result = parse("""
            @misc{a, title = {A}, year = {100000000000000000000000}}
            @misc{b, title = {B}, year = {99999}}
            @misc{c, title = {C}, year = {2021a}}
            @misc{d, title = {D}, year = {forthcoming}}
            @misc{e, title = {E}, month = {Smarch}, year = 1999}
            """)
        XCTAssertEqual(result.works.map(\.year), [nil, nil, 2021, nil, 1999])
        // The sorting-only argument of \noopsort is not the year (xampl.bib's idiom).
        XCTAssertEqual(BibLaTeXFields.parseYear("{\\noopsort{1973c}}1981").year, 1981)
        XCTAssertEqual(result.works[4].month, nil)
        let fields = result.diagnostics.map { $0.message.components(separatedBy: "field '").last?.prefix(4) ?? "" }
        XCTAssertEqual(fields, ["year", "year", "year", "year", "mont"])
    }

    func testAASJournalMacros() {
        let result = parse("""
            @article{m, title = {Stars}, journal = {\\mnras}, year = 2020}
            @article{a, title = {More stars}, journal = \\apj, year = 2020}
            """)
        // `journal = \\apj` without braces is a syntax error in BibTeX; only the braced one is kept.
        XCTAssertEqual(result.works.first?.venue, "Monthly Notices of the Royal Astronomical Society")
        XCTAssertTrue(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("expanded") })
        let unknown = parse("@article{u, title = {X}, journal = {\\nosuchjournal}}\n")
        XCTAssertEqual(unknown.works.first?.venue, "\\nosuchjournal")
        XCTAssertTrue(unknown.diagnostics.first?.message.contains("undefined macro") ?? false)
    }

    func testDeepNestingDoesNotCrash() {
        let depth = 200_000
        let braces = String(repeating: "{", count: depth) + "x" + String(repeating: "}", count: depth)
        XCTAssertEqual(LaTeXText.decode(braces), "x")
        let accents = String(repeating: "\\\"{", count: 50_000) + "a" + String(repeating: "}", count: 50_000)
        let decoded = LaTeXText.decode(accents)
        // a + 50,000 diaereses, composed: ä + 49,999 combining diaereses.
        XCTAssertEqual(decoded.unicodeScalars.first, "\u{00E4}")
        XCTAssertEqual(decoded.unicodeScalars.count, 50_000)
        XCTAssertEqual(LaTeXText.decode("{\\\"{\\'{e}}}"), "\u{00E9}\u{0308}".precomposedStringWithCanonicalMapping)
        let result = parse("@misc{deep, title = {" + braces + "}}\n")
        XCTAssertEqual(result.works.first?.title, "x")
    }

    func testStringBombIsLazyAndBounded() {
        var text = "@string{a0 = \"ab\"}\n"
        for level in 1...40 { text += "@string{a\(level) = a\(level - 1) # a\(level - 1)}\n" }
        text += "@misc{ok, title = {Fine}}\n"
        // No entry uses the macros: nothing is expanded.
        let unused = parse(text)
        XCTAssertEqual(unused.works.map(\.key), ["ok"])
        XCTAssertEqual(unused.diagnostics, [])
        let used = parse(text + "@misc{bomb, title = {Bomb}, note = a40}\n@misc{after, title = {After}}\n")
        XCTAssertEqual(used.works.map(\.key), ["ok", "bomb", "after"])
        XCTAssertNil(used.works[1].note)
        XCTAssertEqual(used.diagnostics.count, 1)
        XCTAssertTrue(used.diagnostics[0].message.contains("ParserLimits.maxFieldBytes"), used.diagnostics[0].message)
        // Below the limit the expansion is exact: 2 · 2^10 bytes.
        let small = parse(text + "@misc{s, title = {S}, note = a10}\n")
        XCTAssertEqual(small.works.last?.note?.count, 2048)
    }

    func testLoneCRAndCRLFLineNumbers() {
        let body = "@misc{a, title = {A}}\n@misc{b, title = {B}, year = {x}}\n@misc{c, title = {C}}\n"
        for ending in ["\n", "\r\n", "\r"] {
            let text = body.replacingOccurrences(of: "\n", with: ending)
            let result = parseSource(path: "e.bib", bytes: Array(text.utf8), format: nil, emitWorks: nil)
            XCTAssertEqual(result.works.map(\.key), ["a", "b", "c"], ending.debugDescription)
            XCTAssertEqual(result.diagnostics.map(\.location.line), [2], ending.debugDescription)
        }
    }
}
