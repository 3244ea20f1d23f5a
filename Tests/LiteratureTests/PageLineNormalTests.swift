import XCTest
@testable import Literature

/// Each page line is collapsed and lower-cased once and the forms are shared by the line rules. The cache
/// must give what the rules computed for themselves: the reference is the Character-level collapse and
/// Swift's `lowercased()`, and the page parse without the cache.
final class PageLineNormalTests: XCTestCase {
    func testNormalIsTheCharacterLevelCollapseLowerCased() {
        let samples = ["", "a", "a b", " a", "a ", "a  b", "a\tb", "A Title Of Words", "Ab\r", "x\u{0301} Y",
                       "  Français  Résumé ", "café\u{00A0}Au lait", "Title:  Neural  Nets", "ÆRØ – “Q”"]
        for text in samples {
            let normal = PageText.Normal(text)
            let collapsed = PageText.collapse(Substring(text))
            XCTAssertEqual(normal.collapsed, collapsed, text.debugDescription)
            XCTAssertEqual(normal.lower, collapsed.lowercased(), text.debugDescription)
        }
    }

    /// The byte-level prefix test against Swift's own `hasPrefix` (canonical equivalence, Characters).
    func testBytePrefixMatchesHasPrefix() {
        let texts = ["", "log in", "log in now", "log iń", "log in\u{0301} x", "Log in", "login", "log", "\u{212A}ey",
                     "key", "share\r\n", "share:\r\nx", "e\u{0301}", "é", "ab\u{00E9}", "search...", "no yet",
                     "> stat", ">\u{0338} x", "\u{226E} x", "arxiv:2206", "title :  x", "ab\r\n"]
        let prefixes = ["", "log in", "login", "k", "K", "share:", "share:\r", "e", "é", "ab", "ab\r", ">", "search...",
                        "no ", "arxiv:", "title :", "\u{212A}"]
        for text in texts {
            for prefix in prefixes {
                XCTAssertEqual(PageText.hasPrefix(text, prefix), text.hasPrefix(prefix), "\(text.debugDescription) \(prefix.debugDescription)")
            }
        }
        XCTAssertEqual(PageText.count(of: 0x7C, in: "a | b | c | d", upTo: 2), 2)
        XCTAssertEqual(PageText.count(of: 0x7C, in: "a | b", upTo: 2), 1)
    }

    func testCacheIsOnlyForShortLinesAndDoesNotChangeEquality() {
        var short = PageLine(number: 1, text: "  Sign In  ")
        let plain = short
        short.normalize()
        XCTAssertEqual(short.normal?.lower, "sign in")
        XCTAssertEqual(short.verdict, .line(rule: "login prompt"))
        XCTAssertEqual(short, plain, "the cache is not part of what the line is")
        XCTAssertEqual(short.hashValue, plain.hashValue)
        short.text = "Other"
        XCTAssertNil(short.normal, "changing the text drops the stale forms")
        XCTAssertNil(short.verdict)
        var long = PageLine(number: 2, text: String(repeating: "x", count: PageLimits.maximumShortLineBytes + 1))
        long.normalize()
        XCTAssertNil(long.normal)
        XCTAssertEqual(long.verdict, .content, "too long for every rule")
        var empty = PageLine(number: 3, text: " \t")
        empty.normalize()
        XCTAssertNil(empty.verdict, "empty lines are decided by strip itself")
    }

    /// A landing page with every kind of line the cached rules look at: title label with surrounding
    /// spaces, navigation, boilerplate lines and a block, metadata, labelled authors, accented text.
    func testLandingParseIsTheSameWithAndWithoutTheCache() {
        let page = """
        Skip to main content
        Statistics > Machine Learning
          Title:  On  the Identifiability of Tiny Networks  
        Authors: Ada Quint, Bruno Ferrand
        Sign in to save this paper
        Published in: NeurIPS 2022
        DOI: 10.1234/example.5678
        preprint2021arXivOpen access
        Help | Advanced Search
        AI Quick Summary
        This widget text is generated and must go.
        Abstract
        We show that généric networks with sigmoid units are identifiable up to the symmetries of the
        activation, from a finite sample, and we give the size of such a sample in terms of the width.
        3 comments
        Share on Bluesky
        """
        let lines = PageText.lines(page)
        var cached = lines
        for index in cached.indices { cached[index].normalize() }
        XCTAssertTrue(cached.contains { $0.normal != nil })
        XCTAssertEqual(LandingPageDump.looksLikeLandingPage(cached), LandingPageDump.looksLikeLandingPage(lines))
        let withCache = LandingPageDump.parse(cached, file: "p.txt")
        let without = LandingPageDump.parse(lines, file: "p.txt")
        XCTAssertEqual(withCache.works, without.works)
        XCTAssertEqual(withCache.documents, without.documents)
        XCTAssertEqual(withCache.diagnostics.map(\.message), without.diagnostics.map(\.message))
        XCTAssertEqual(withCache.documents.first?.title, "On the Identifiability of Tiny Networks")
        XCTAssertEqual(PageDumpParser.parse(page, file: "p.txt").documents, without.documents)
    }
}
