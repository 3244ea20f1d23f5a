import Foundation
import TestSupport
import XCTest
@testable import Literature

final class PageDumpMojibakeTests: XCTestCase {
    func testKnownSequences() {
        // Hand-derived: UTF-8 bytes of the right-hand side, each read as one Windows-1252 character.
        let cases: [(String, String)] = [
            ("caf\u{00C3}\u{00A9}", "café"),                                        // C3 A9
            ("it\u{00E2}\u{20AC}\u{2122}s", "it’s"),                                 // E2 80 99
            ("wink \u{00F0}\u{0178}\u{02DC}\u{2030}", "wink 😉"),                    // F0 9F 98 89
            ("Vla\u{00C4}\u{008D}i\u{00C4}\u{2021}", "Vlačić"),                      // C4 8D, C4 87
        ]
        for (broken, expected) in cases {
            XCTAssertEqual(MojibakeText.repair(broken).text, expected, broken)
        }
    }

    func testGenuineLatinTextIsUntouched() {
        for text in ["café naïve São Paulo", "Ångström – 3×4", "déjà vu", "plain ASCII"] {
            let (repaired, fixes) = MojibakeText.repair(text)
            XCTAssertEqual(repaired, text)
            XCTAssertTrue(fixes.isEmpty, text)
        }
    }

    func testRepairIsReportedWithLineAndColumn() throws {
        let text = "Some question about nets?\n\nThanks in advance \u{00F0}\u{0178}\u{2122}\u{201A} and caf\u{00C3}\u{00A9}\n"
        let result = PageDumpParser.parse(text, file: "m.txt")
        let repairs = try XCTUnwrap(result.documents.first).repairs.filter { $0.contains("mojibake") }
        XCTAssertEqual(repairs.count, 2)
        XCTAssertTrue(repairs[0].hasPrefix("line 3: repaired mojibake '\u{00F0}\u{0178}\u{2122}\u{201A}' → '🙂'"))
        let notes = result.diagnostics.filter { $0.severity == .note }
        XCTAssertEqual(notes.map(\.location.line), [3, 3])
        XCTAssertEqual(notes.first?.location.column, 19)
        XCTAssertTrue(result.documents[0].passages.contains { $0.text.contains("🙂 and café") })
    }

    /// Oracle: Python produces the mis-decoding independently; our repair must invert it.
    func testRoundTripAgainstPython() throws {
        let samples = ["naïve", "“quoted”", "Bölcskei", "€ 5", "Ω ≈ ∞", "😉 ok", "Łódź"]
        let script = """
        import json, sys
        def mis(s):
            out = []
            for b in s.encode('utf-8'):
                try: out.append(bytes([b]).decode('cp1252'))
                except UnicodeDecodeError: out.append(chr(b))
            return ''.join(out)
        print(json.dumps([mis(s) for s in json.loads(sys.argv[1])]))
        """
        let input = String(decoding: try JSONEncoder().encode(samples), as: UTF8.self)
        let broken = try JSONDecoder().decode([String].self, from: Data(PythonOracle.run(script, arguments: [input]).utf8))
        XCTAssertEqual(broken.count, samples.count)
        XCTAssertNotEqual(broken, samples, "the oracle must actually break the text")
        XCTAssertEqual(broken.map { MojibakeText.repair($0).text }, samples)
    }
}
