import XCTest
@testable import Literature

/// Malformed input must give diagnostics, never a crash: deterministic random inputs built from
/// fragments that exercise every parser branch.
final class WebFuzzTests: XCTestCase {
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private let fragments = [
        "Publication:", "Publication:12", "Cited in", "(", "(9)-", "- ", "Cites work", "Recommendations",
        "zbMATH DE number ", "$\\begingroup$", "$\\endgroup$", " – ", "Nov 30 '17 at 19:33", " at ", "## Best Answer",
        "Ã", "©", "ð", "Ÿ", "\u{2030}", "â€", "\n", "\n\n", " ", "•", "Abstract:", "Summary", "AI Quick Summary",
        "preprint2022", "Source:", "doi:10.", "10.1234/x", "arXiv:", "2101.00001v", "(0.3)", "<p>", "<li>", "</ol>",
        "<meta name=\"citation_reference\" content=\"citation_title=", "\">", "<div class=\"references\"><ol>",
        "<title>", "&eacute;", "&#", "<!--", "<![CDATA[", "\u{0}", "\r", "\"", "“", "(2019).", "J. ", "and ",
    ]

    func testRandomInputsNeverCrash() {
        var generator = Generator(state: 20_240_601)
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<generator.next(40) {
                text += fragments[generator.next(fragments.count)]
            }
            let dump = PageDumpParser.parse(text, file: "fuzz.txt")
            XCTAssertTrue(dump.documents.count <= 1)
            let html = HTMLPageParser.parse(bytes: Array(text.utf8), file: "fuzz.html")
            XCTAssertTrue(html.works.count <= 1)
        }
    }

    func testRandomBytesInHTML() {
        var generator = Generator(state: 7)
        for _ in 0..<100 {
            let bytes = (0..<generator.next(300)).map { _ in UInt8(generator.next(256)) }
            let result = HTMLPageParser.parse(bytes: bytes, file: "bytes.html")
            XCTAssertTrue(result.works.count <= 1)
        }
    }
}
