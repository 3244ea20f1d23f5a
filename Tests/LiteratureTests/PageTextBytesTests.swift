import Foundation
import TestSupport
import XCTest
@testable import Literature

/// The byte-level page-text helpers must give exactly what the Character-level code gives (the
/// reference here is Swift's own grapheme breaking, lowercasing and splitting), and the page-text limits
/// must cut with one clear diagnostic.
final class PageTextBytesTests: XCTestCase {
    /// Texts that probe every case of the byte path: ASCII, accented words next to spaces, combining marks
    /// and prepended marks touching a space, non-ASCII whitespace, emoji, controls.
    private let samples = [
        "", "   ", "plain  ascii\ttext\n", " Français  résumé ", "café\u{00A0}au lait", "a\u{202F}b",
        "x \u{0301}y", "e\u{0301} z", "\u{0600} 12", "a \u{200D}b", "tab\t\u{0301}x", "line\r\nnext",
        "😉  ok 👍🏽 ", "Ἀρχή  λόγος", "  Ærø – “quoted” … ", "\u{2003}em space\u{3000}ideographic", "日本語 テキスト",
        "x\u{0085}y", " \u{FE0F}", "İ x", "a\u{00A0}\u{0301}b", "1 2 3", "Łódź  Wrocław ", "a\u{1680}b", "trail \u{093F}", "q \u{0E33}",
    ]

    func testCollapseMatchesTheCharacterPath() {
        for text in samples {
            XCTAssertEqual(PageText.collapse(text), PageText.collapse(Substring(text)), text.debugDescription)
        }
    }

    func testWordHelpersMatchTheCharacterLevelAnswers() {
        for text in samples + ["a  b   c", " lead", "trail ", "x\u{0600} y", "Ab Cd ef gh"] {
            var pieces: [Substring] = []
            PageText.forEachPiece(of: text) { pieces.append($0); return true }
            XCTAssertEqual(pieces, text.split(separator: " "), text.debugDescription)
            var first: [Substring] = []
            PageText.forEachPiece(of: text) { first.append($0); return false }
            XCTAssertEqual(first, Array(text.split(separator: " ").prefix(1)), text.debugDescription)
            for limit in 0...30 {
                XCTAssertEqual(PageText.hasAtMost(limit, charactersIn: text), text.count <= limit, "\(limit) \(text.debugDescription)")
            }
            XCTAssertLessThanOrEqual(PageText.asciiWords(in: text, upTo: 100),
                                     PageText.collapse(text).lowercased().split(separator: " ").count, text.debugDescription)
        }
        XCTAssertEqual(PageText.asciiWords(in: " best\t answer ", upTo: 5), 2)
        XCTAssertEqual(PageText.asciiWords(in: "one two three four", upTo: 2), 3, "counting stops past the limit")
    }

    /// The byte path treats scalars below U+0300 (other than whitespace) as never joining a neighbouring
    /// space into one Character; Swift's grapheme breaking must agree for every one of them.
    func testScalarsBelowU0300NeverJoinASpace() {
        for value in UInt32(0x80)..<0x300 {
            guard let scalar = Unicode.Scalar(value), !scalar.properties.isWhitespace else { continue }
            var before = " "
            before.unicodeScalars.append(scalar)
            var after = ""
            after.unicodeScalars.append(scalar)
            after += " "
            XCTAssertEqual(before.count, 2, "U+\(String(value, radix: 16))")
            XCTAssertEqual(after.count, 2, "U+\(String(value, radix: 16))")
        }
    }

    func testLowerMatchesLowercasedForEveryBMPScalar() {
        var text = "Mixed ASCII "
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }   // surrogates
            text.unicodeScalars.append(scalar)
            if value % 64 == 0 { text += " Ab " }
        }
        XCTAssertEqual(PageText.lower(text), text.lowercased())
        for sample in samples + ["İSTANBUL", "ΟΔΟΣ ΣΑΣ", "STRASSE ẞ"] {
            XCTAssertEqual(PageText.lower(sample), sample.lowercased(), sample)
        }
    }

    func testLinesMatchTheCharacterSplit() {
        let texts = samples + ["a\nb\r\nc\rd", "end\n", "\n\n", "\r\n\u{0301}x", "cr\r", "\r\r\n\n", "x\n\u{0301}"]
        for text in texts {
            let expected = text.split(omittingEmptySubsequences: false,
                                      whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
            let lines = PageText.lines(text)
            XCTAssertEqual(lines.map(\.text), expected, text.debugDescription)
            XCTAssertEqual(lines.map(\.number), Array(1...expected.count))
        }
    }

    func testLongLineIsCutAtACharacterBoundaryWithAWarning() throws {
        let limit = ParserLimits.maxPageLineBytes
        // "é" is 2 bytes: with one ASCII byte first, the limit falls inside an "é", which must stay whole
        // or go whole.
        let long = "x" + String(repeating: "é", count: limit / 2 + 10)
        let text = "A page title about identifiability\n" + long + "\nA closing line of prose here.\n"
        let result = PageDumpParser.parse(text, file: "long.txt")
        let warning = try XCTUnwrap(result.diagnostics.first { $0.message.contains("ParserLimits.maxPageLineBytes") })
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.location.line, 2)
        // Kept: "x" and (limit - 1) / 2 whole "é" (the odd byte left over is dropped), so the cut is at
        // the scalar after them.
        XCTAssertEqual(warning.location.column, 1 + (limit - 1) / 2 + 1)
        XCTAssertTrue(warning.message.contains("\(long.utf8.count) bytes"), warning.message)
        let lines = PageText.lines(text, maximumLineBytes: limit)
        XCTAssertEqual(lines.lines[1].text.utf8.count, 1 + 2 * ((limit - 1) / 2))
        XCTAssertEqual(lines.lines[2].text, "A closing line of prose here.")
        XCTAssertEqual(lines.cut.map(\.line), [2])
        XCTAssertEqual(result.works.first?.title, "A page title about identifiability")
    }

    func testOversizedPageDumpIsRefusedWithOneError() {
        let text = String(repeating: "a", count: ParserLimits.maxPageTextBytes + 1)
        let result = PageDumpParser.parse(text, file: "huge.txt")
        XCTAssertEqual(result.works.count, 0)
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertEqual(result.diagnostics.first?.severity, .error)
        XCTAssertEqual(result.diagnostics.first?.location.file, "huge.txt")
        XCTAssertTrue(result.diagnostics.first?.message.contains("ParserLimits.maxPageTextBytes") ?? false)
    }

    /// Every 2-byte UTF-8 character (U+0080–U+07FF) mis-decoded by Python as Windows-1252, CP437, CP850 or
    /// CP852 must pass the byte pre-test and be repaired, with the code page named in the note.
    func testPreTestNeverSkipsARepairableLine() throws {
        let script = """
        import json
        out = {}
        for codec in ['cp1252', 'cp437', 'cp850', 'cp852']:
            rows = []
            for value in range(0x80, 0x800):
                try: rows.append([chr(value), chr(value).encode('utf-8').decode(codec)])
                except UnicodeDecodeError: pass
            out[codec] = rows
        print(json.dumps(out))
        """
        let cases = try JSONDecoder().decode([String: [[String]]].self, from: Data(PythonOracle.run(script).utf8))
        let names = ["cp1252": "Windows-1252", "cp437": "CP437", "cp850": "CP850", "cp852": "CP852"]
        var checked = 0
        for (codec, rows) in cases {
            for row in rows where row[0] != row[1] {
                let line = "Vorname " + row[1] + "x"
                // The repair must be at least as good as a byte-level look: something is fixed in the line.
                XCTAssertTrue(MojibakeText.mayContainMojibake(line), "\(codec) \(row[1].debugDescription)")
                let repaired = MojibakeText.repairLine(line, number: 1)
                XCTAssertNotNil(repaired, "\(codec) \(row[1].debugDescription)")
                if codec == "cp1252" {
                    // Windows-1252 is tried first, so its readings must come back exactly.
                    XCTAssertEqual(repaired?.0, "Vorname " + row[0] + "x")
                    XCTAssertEqual(repaired?.1.first?.codePage, names[codec])
                    XCTAssertEqual(repaired?.1.first?.column, 9)
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 4000)
        XCTAssertFalse(MojibakeText.mayContainMojibake("Français résumé, São Paulo, Ærø"))
    }

    func testDOSCodePageNamedInTheNote() throws {
        let mangled = try PythonOracle.run("print('François'.encode('utf-8').decode('cp437'), end='')")
        let repaired = try XCTUnwrap(MojibakeText.repairLine(mangled, number: 4))
        XCTAssertEqual(repaired.0, "François")
        XCTAssertEqual(repaired.1.map(\.codePage), ["CP437"])
        XCTAssertEqual(repaired.1.first?.line, 4)
    }
}
