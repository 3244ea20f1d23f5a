import XCTest
@testable import KnowledgeBase

final class DedupKeysTests: XCTestCase {
    func testTitlesFoldCaseAccentsBracesAndPunctuation() {
        XCTAssertEqual(DedupKeys.title("{A}ffine Symmetries and Neural-Network Identifiability!"),
                       "affine symmetries and neural network identifiability")
        XCTAssertEqual(DedupKeys.title("  Über  die   Æquivalenz "), "uber die aequivalenz")
        XCTAssertEqual(DedupKeys.title("Łódź, Øresund"), "lodz oresund")
        XCTAssertEqual(DedupKeys.title(""), "")
    }

    func testFamilyNamesFold() {
        XCTAssertEqual(DedupKeys.family("Vlačić"), "vlacic")
        XCTAssertEqual(DedupKeys.family("Bona-Pellissier"), "bonapellissier")
        XCTAssertEqual(DedupKeys.family("Bölcskei"), DedupKeys.family("Bolcskei"))
    }

    func testIdentifiersNormalize() {
        XCTAssertEqual(DedupKeys.doi(" https://doi.org/10.1016/J.AIM.2021.107485 "), "10.1016/j.aim.2021.107485")
        XCTAssertEqual(DedupKeys.doi("doi:10.1/X"), "10.1/x")
        XCTAssertEqual(DedupKeys.arxiv("arXiv:2006.11727v2"), "2006.11727")
        XCTAssertEqual(DedupKeys.arxiv("cond-mat/0112463v1"), "cond-mat/0112463")
        XCTAssertEqual(DedupKeys.arxiv("2006.11727"), "2006.11727")
    }

    func testDerivedKeys() {
        XCTAssertEqual(DedupKeys.derivedKey(family: "Vlačić", year: 2021, title: "The affine symmetries"),
                       "vlacic2021affine")
        XCTAssertEqual(DedupKeys.derivedKey(family: nil, year: nil, title: "On"), "anonon")
    }
}
