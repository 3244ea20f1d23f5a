import XCTest
@testable import Literature

final class BibTeXParserTests: XCTestCase {
    private func parse(_ text: String) -> ParseResult { BibTeXParser.parse(text, file: "t.bib") }

    func testFieldsMapToRecord() throws {
        let result = parse("""
            Some text before entries is ignored.
            @Article{VB21,
              author = {Vla{\\v{c}}i{\\'c}, Verner and B{\\"o}lcskei, Helmut},
              title = {Affine symmetries and {N}eural network identifiability},
              journal = {Advances in Mathematics},
              year = 2021, month = feb,
              volume = {376}, number = "3", pages = {107485--107510},
              doi = {https://doi.org/10.1016/J.AIM.2020.107485},
              eprint = {2006.11727v2}, archivePrefix = {arXiv},
              url = {https://example.org/vb21}, mardi = {Q2214101}, zbmath = {7287385},
              hal = {hal-01}, openreview = {abc}, isbn = {978-3-16},
              unverified = {doi, Volume},
            }
            """)
        XCTAssertEqual(result.diagnostics, [])
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.key, "VB21")
        XCTAssertEqual(work.kind, .article)
        XCTAssertEqual(work.title, "Affine symmetries and Neural network identifiability")
        XCTAssertEqual(work.titleRaw, "Affine symmetries and {N}eural network identifiability")
        XCTAssertEqual(work.authors.map(\.family), ["Vlačić", "Bölcskei"])
        XCTAssertEqual(work.authors.map(\.given), ["Verner", "Helmut"])
        XCTAssertEqual(work.year, 2021)
        XCTAssertEqual(work.month, 2)
        XCTAssertEqual(work.venue, "Advances in Mathematics")
        XCTAssertEqual(work.volume, "376")
        XCTAssertEqual(work.issue, "3")
        XCTAssertEqual(work.pages, "107485–107510")
        XCTAssertEqual(work.identifiers.doi, "10.1016/j.aim.2020.107485")
        XCTAssertEqual(work.identifiers.arxiv, "2006.11727")
        XCTAssertEqual(work.identifiers.urls, ["https://example.org/vb21"])
        XCTAssertEqual(work.identifiers.mardi, "Q2214101")
        XCTAssertEqual(work.identifiers.zbmath, "7287385")
        XCTAssertEqual(work.identifiers.hal, "hal-01")
        XCTAssertEqual(work.identifiers.openreview, "abc")
        XCTAssertEqual(work.identifiers.isbn, "978-3-16")
        XCTAssertEqual(work.unverifiedFields, ["doi", "volume"])
        XCTAssertFalse(work.verified)
        XCTAssertEqual(work.rawFields["author"], "Vla{\\v{c}}i{\\'c}, Verner and B{\\\"o}lcskei, Helmut")
        XCTAssertEqual(work.rawFields.count, 18)
        XCTAssertEqual(work.location, SourceLocation(file: "t.bib", line: 2, column: 1))
    }

    func testMacrosConcatenationAndDelimiters() throws {
        let result = parse("""
            @String{ aim = "Advances in " # {Mathematics} }
            @string(pre = {Proc. })
            @preamble{ "\\newcommand{\\noop}[1]{}" }
            @comment{ anything {nested} here @article{not, title={an entry}} }
            @inproceedings(P1,
              title = "Title with {"}quote{"} and {braces {nested}}",
              booktitle = pre # "NeurIPS",
              journal = aim,
              month = dec, year = "2022"
            )
            """)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.works.count, 1)
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.key, "P1")
        XCTAssertEqual(work.kind, .conference)
        XCTAssertEqual(work.title, "Title with \"quote\" and braces nested")
        XCTAssertEqual(work.rawFields["booktitle"], "Proc. NeurIPS")
        XCTAssertEqual(work.venue, "Advances in Mathematics")   // journal wins over booktitle
        XCTAssertEqual(work.month, 12)
        XCTAssertEqual(work.year, 2022)
    }

    func testCrossrefInheritsInEitherOrder() throws {
        let result = parse("""
            @inproceedings{child1, title = {Child One}, crossref = {proc}, author = {A. Author}}
            @proceedings{proc, title = {Proceedings of Things}, year = {2019}, publisher = {Pub}}
            @inproceedings{child2, title = {Child Two}, crossref = {PROC}, year = {2020}}
            @inproceedings{orphan, title = {Orphan}, crossref = {missing}}
            """)
        let byKey = Dictionary(uniqueKeysWithValues: result.works.map { ($0.key ?? "", $0) })
        XCTAssertEqual(byKey["child1"]?.venue, "Proceedings of Things")
        XCTAssertEqual(byKey["child1"]?.year, 2019)
        XCTAssertEqual(byKey["child1"]?.publisher, "Pub")
        XCTAssertEqual(byKey["child1"]?.title, "Child One")
        XCTAssertEqual(byKey["child2"]?.year, 2020)             // own field wins
        XCTAssertEqual(byKey["child2"]?.venue, "Proceedings of Things")
        XCTAssertEqual(result.diagnostics.map(\.description),
                       ["t.bib:4:53: warning: entry 'orphan': crossref 'missing' not found"])   // at the crossref value)
    }

    func testEntryTypesMapToKinds() {
        let result = parse("""
            @book{a, title={A}} @incollection{b, title={B}} @phdthesis{c, title={C}}
            @techreport{d, title={D}} @online{e, title={E}} @misc{f, title={F}, eprint={1234.5678}, archiveprefix={arXiv}}
            @unpublished{g, title={G}} @misc{h, title={H}} @article{i, title={I}, arxiv={arXiv:1901.00001v3}}
            """)
        XCTAssertEqual(result.works.map(\.kind),
                       [.book, .chapter, .thesis, .report, .webpage, .preprint, .preprint, .misc, .preprint])
        XCTAssertEqual(result.works.last?.identifiers.arxiv, "1901.00001")
    }

    /// A repeated key is passed on to the store, which keeps both works unless they agree (issue 9).
    func testDuplicateKeyPassesBothEntriesOn() {
        let result = parse("@misc{k, title={First}}\n\n@misc{k, title={Second}}\n")
        XCTAssertEqual(result.works.map(\.title), ["First", "Second"])
        XCTAssertEqual(result.works.map(\.location.line), [1, 3])
        XCTAssertEqual(result.diagnostics, [])
    }

    func testDateFieldAndTextMonth() {
        let result = parse("@online{w, title={W}, date={2023-07-14}}\n@misc{m, title={M}, year={1999}, month={September}}")
        XCTAssertEqual(result.works.map(\.year), [2023, 1999])
        XCTAssertEqual(result.works.map(\.month), [7, 9])
    }

    func testEntryWithoutTitleWarns() {
        let result = parse("@misc{nt, year = 2000}")
        XCTAssertEqual(result.works.count, 1)
        XCTAssertEqual(result.diagnostics.map(\.description), ["t.bib:1:1: warning: entry 'nt' has no title"])
    }
}
