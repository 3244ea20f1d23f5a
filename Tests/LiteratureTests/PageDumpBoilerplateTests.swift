import XCTest
@testable import Literature

/// Each boilerplate rule on lines written for the test (not taken from any site).
final class PageDumpBoilerplateTests: XCTestCase {
    func testLineRules() {
        let cases: [(String, String?)] = [
            ("We use cookies to improve your visit. Accept all", "cookie banner"),
            ("This site stores cookies on your device.", "cookie banner"),
            ("Sign in to save this paper", "login prompt"),
            ("Log in to add notes", "login prompt"),
            ("Share: Facebook Mastodon", "share buttons"),
            ("Share on Bluesky", "share buttons"),
            ("3 reviews", "widget counter"),
            ("12 comment(s)", "widget counter"),
            ("Citations (41)", "widget counter"),
            ("gradient flow (0.412)", "key-term score"),
            ("No annotations yet. Be the first.", "empty widget placeholder"),
            ("Article page", "page label"),
            ("Download BibTeX", "UI button"),
            ("Found 12 results", "results table header"),
            ("Title Venue Year", "results table header"),
            ("By posting, you agree to the terms of use", "terms-of-service notice"),
            // Content must stay.
            ("We prove that generic networks are identifiable up to permutation.", nil),
            ("Neural networks (2019)", nil),
            ("Identifiability of ReLU networks", nil),
            ("Cookies and milk: a study", nil),
        ]
        for (line, rule) in cases {
            XCTAssertEqual(PageBoilerplate.lineRule(line), rule, line)
        }
    }

    func testBlockHeadings() {
        XCTAssertEqual(PageBoilerplate.blockRule("AI Generated Overview"), "AI-generated content")
        XCTAssertEqual(PageBoilerplate.blockRule("Key Terms"), "key-term scores")
        XCTAssertEqual(PageBoilerplate.blockRule("Peer Reviews"), "review/comment widget")
        XCTAssertEqual(PageBoilerplate.blockRule("Related Papers"), "site widget")
        XCTAssertEqual(PageBoilerplate.blockRule("Explore the graph"), "site widget")
        XCTAssertNil(PageBoilerplate.blockRule("Summary"))
        XCTAssertNil(PageBoilerplate.blockRule("This review surveys results on identifiability of networks."),
                     "a sentence is not a heading")
        XCTAssertTrue(PageBoilerplate.isSectionHeading("Abstract:"))
        XCTAssertFalse(PageBoilerplate.isSectionHeading("AI Summary"))
    }

    func testBlockRunsUntilNextRealSection() {
        let lines = PageText.lines("""
        Title line
        AI Generated Overview
        A machine-written paragraph that must not survive.
        Scores and more
        Abstract
        The real abstract text.
        Similar Papers
        Another paper title
        """)
        let (kept, removed) = PageBoilerplate.strip(lines)
        XCTAssertEqual(kept.map(\.trimmed), ["Title line", "Abstract", "The real abstract text."])
        XCTAssertEqual(removed, [
            "lines 2–4: removed boilerplate block 'AI Generated Overview' (AI-generated content)",
            "lines 7–8: removed boilerplate block 'Similar Papers' (site widget)",
        ])
    }

    func testLandingPageAbstractHasNoBoilerplate() throws {
        let text = """
        Paper page
        Weight symmetries of shallow networks
        Source: arXiv
        Share on Mastodon
        Abstract
        We characterise all parameter changes that leave the function of a shallow network unchanged, and show that permutations and sign flips are the only ones for odd activations under mild genericity conditions.
        We use cookies to personalise content. Accept
        Key Terms
        symmetry (0.5)
        Comments (2)
        """
        let result = PageDumpParser.parse(text, file: "landing.txt")
        let work = try XCTUnwrap(result.works.first)
        XCTAssertEqual(work.title, "Weight symmetries of shallow networks")
        XCTAssertEqual(work.venue, "arXiv")
        XCTAssertEqual(work.kind, .preprint)
        let abstract = try XCTUnwrap(work.abstract)
        XCTAssertTrue(abstract.hasPrefix("We characterise all parameter changes"))
        for phrase in ["cookies", "Share", "symmetry (0.5)", "Comments"] {
            XCTAssertFalse(abstract.contains(phrase), phrase)
        }
        let repairs = try XCTUnwrap(result.documents.first).repairs
        XCTAssertTrue(repairs.contains("line 1: removed page label 'Paper page'"))
        XCTAssertTrue(repairs.contains("line 4: removed share buttons 'Share on Mastodon'"))
        XCTAssertTrue(repairs.contains { $0.hasPrefix("line 7: removed cookie banner") })
        XCTAssertTrue(repairs.contains("lines 8–10: removed boilerplate block 'Key Terms' (key-term scores)"), "\(repairs)")
    }
}
