import XCTest
@testable import Literature

final class LaTeXTextTests: XCTestCase {
    func testAccentsAndSpecials() {
        let cases: [(String, String)] = [
            ("Vla{\\v{c}}i{\\'c}", "Vlačić"), ("{\\\"o}", "ö"), ("\\'e", "é"), ("\\\"{o}", "ö"),
            ("Gro{\\ss}e", "Große"), ("\\o", "ø"), ("\\l{}ukasz", "łukasz"), ("{\\L}ódź", "Łódź"),
            ("1--10", "1–10"), ("a---b", "a—b"), ("D.~E. Knuth", "D. E. Knuth"), ("R{\\&}D", "R&D"),
            ("\\`a \\^e \\~n \\=o \\.z \\u{g} \\H{o} \\c{c} \\k{a} \\r{a}", "à ê ñ ō ż ğ ő ç ą å"),
            ("\\'{\\i}", "í"), ("``quoted''", "“quoted”"), ("{\\v c}", "č"), ("\\ae{} and \\OE", "æ and Œ"),
            ("\\emph{Deep}  nets\n  here", "Deep nets here"), ("$\\sigma$-algebra", "σ-algebra"),
            ("50\\% of \\$3", "50% of $3"), ("plain title", "plain title"),
        ]
        for (raw, expected) in cases {
            XCTAssertEqual(LaTeXText.decode(raw), expected, raw)
        }
    }

    func testDecodedAccentsAreComposed() {
        // NFC: "é" must be the single scalar U+00E9, not e + U+0301.
        XCTAssertEqual(Array(LaTeXText.decode("\\'e").unicodeScalars), ["\u{E9}"])
    }
}

final class NameListParserTests: XCTestCase {
    private func names(_ raw: String) -> [PersonName] { NameListParser.parse(raw).names }

    func testFirstVonLast() {
        XCTAssertEqual(names("Ludwig van Beethoven"), [PersonName(given: "Ludwig", particle: "van", family: "Beethoven")])
        XCTAssertEqual(names("Jean de la Fontaine"), [PersonName(given: "Jean", particle: "de la", family: "Fontaine")])
        XCTAssertEqual(names("Joan Bruna"), [PersonName(given: "Joan", family: "Bruna")])
        XCTAssertEqual(names("Plato"), [PersonName(family: "Plato")])
    }

    func testVonLastCommaFirstAndJr() {
        XCTAssertEqual(names("van der Waals, Johannes Diderik"),
                       [PersonName(given: "Johannes Diderik", particle: "van der", family: "Waals")])
        XCTAssertEqual(names("King, Jr, Martin Luther"),
                       [PersonName(given: "Martin Luther", family: "King", suffix: "Jr")])
        XCTAssertEqual(names("Bona-Pellissier, Joachim"), [PersonName(given: "Joachim", family: "Bona-Pellissier")])
    }

    func testCorporateOthersAndAccents() {
        let parsed = NameListParser.parse("{World Health Organization} and Sussmann, H{\\'e}ctor J. AND others")
        XCTAssertEqual(parsed.names, [PersonName(family: "World Health Organization", isCorporate: true),
                                      PersonName(given: "Héctor J.", family: "Sussmann")])
        XCTAssertTrue(parsed.etAl)
        XCTAssertEqual(parsed.names.first?.displayName, "World Health Organization")
        // "and" inside braces does not split; a special character's case follows its letter.
        XCTAssertEqual(names("{Barnes and Noble}").count, 1)
        XCTAssertEqual(names("Charles {\\'e}mile Dupont"),
                       [PersonName(given: "Charles", particle: "émile", family: "Dupont")])
        XCTAssertEqual(names("{\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e"), [PersonName(given: "Ayşe", family: "Öztürk")])
    }
}

final class NormalizationTests: XCTestCase {
    func testTitles() {
        XCTAssertEqual(Normalization.normalizedTitle("Affine Symmetries and {N}eural-Network Identifiability!"),
                       "affine symmetries and neural network identifiability")
        XCTAssertEqual(Normalization.normalizedTitle("Über  die Vlačić–Bölcskei   \"Theorie\""),
                       "uber die vlacic bolcskei theorie")
        XCTAssertEqual(Normalization.normalizedTitle("Vla{\\v{c}}i{\\'c}: ﬁnite"), "vlacic finite")
    }

    func testIdentifiers() {
        XCTAssertEqual(Normalization.normalizedDOI(" https://doi.org/10.1016/J.AIM.2020.107485 "), "10.1016/j.aim.2020.107485")
        XCTAssertEqual(Normalization.normalizedDOI("doi:10.1000/ABC"), "10.1000/abc")
        XCTAssertNil(Normalization.normalizedDOI("  "))
        XCTAssertEqual(Normalization.normalizedArxiv("arXiv:2006.11727v3"), "2006.11727")
        XCTAssertEqual(Normalization.normalizedArxiv("https://arxiv.org/abs/cond-mat/0112463v1"), "cond-mat/0112463")
        XCTAssertEqual(Normalization.normalizedArxiv("https://arxiv.org/pdf/1905.09803.pdf"), "1905.09803")
        XCTAssertEqual(Normalization.normalizedFamilyName("Bona-Pellissier"), "bonapellissier")
        XCTAssertEqual(Normalization.normalizedFamilyName("Vla{\\v{c}}i{\\'c}"), "vlacic")
        XCTAssertEqual(Normalization.normalizedFamilyName("Łojasiewicz"), "lojasiewicz")
    }
}

final class TextDecoderTests: XCTestCase {
    func testUTF8WithBOM() {
        let decoded = TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("é".utf8), file: "f")
        XCTAssertEqual(decoded.text, "é")
        XCTAssertEqual(decoded.diagnostics, [])
    }

    func testUTF16() {
        XCTAssertEqual(TextDecoder.decode([0xFF, 0xFE, 0x41, 0x00, 0xE9, 0x00], file: "f").text, "Aé")
        XCTAssertEqual(TextDecoder.decode([0xFE, 0xFF, 0x00, 0x41, 0x20, 0x13], file: "f").text, "A–")
    }

    func testWindows1252() {
        // "ok\n" then "Bölcskei – x": 0xF6 is ö, 0x96 is an en dash in Windows-1252.
        let bytes: [UInt8] = Array("ok\nB".utf8) + [0xF6] + Array("lcskei ".utf8) + [0x96] + Array(" x".utf8)
        let decoded = TextDecoder.decode(bytes, file: "w.bib")
        XCTAssertEqual(decoded.text, "ok\nBölcskei – x")
        XCTAssertEqual(decoded.diagnostics.count, 1)
        XCTAssertTrue(decoded.diagnostics[0].description.hasPrefix("w.bib:2:2: warning: file is not valid UTF-8 (first invalid byte 0xF6); read as"), decoded.diagnostics[0].description)
    }

    func testInvalidSequencesAreDetected() {
        XCTAssertNil(TextDecoder.firstInvalidUTF8Offset(Array("aé€😉".utf8)))
        XCTAssertEqual(TextDecoder.firstInvalidUTF8Offset([0x61, 0xC0, 0x80]), 1)        // overlong
        XCTAssertEqual(TextDecoder.firstInvalidUTF8Offset([0x61, 0xED, 0xA0, 0x80]), 1)  // surrogate
        XCTAssertEqual(TextDecoder.firstInvalidUTF8Offset([0x61, 0x62, 0xE2, 0x82]), 2)  // truncated
    }

    func testWindows1252BibTeXThroughDispatcher() {
        let bytes = Array("@article{k,\n  author = {B".utf8) + [0xF6] + Array("lcskei, Helmut},\n  title = {T}\n}\n".utf8)
        let result = parseSource(path: "legacy.bib", bytes: bytes)
        XCTAssertEqual(result.works.first?.authors.first?.family, "Bölcskei")
        XCTAssertEqual(result.diagnostics.map(\.location), [SourceLocation(file: "legacy.bib", line: 2, column: 14)])
        XCTAssertEqual(result.diagnostics.first?.severity, .warning)
    }
}
