import XCTest
@testable import Literature

/// The dedup keys of titles and family names. Latin text takes a byte-level path and everything else the
/// Unicode path; the expected keys are worked out by hand from the rules (lower-case, compatibility
/// decomposition, marks dropped, ø/ß/æ spelled out, other scalars separate words).
final class NormalizationKeyTests: XCTestCase {
    func testASCIITitleKeys() {
        XCTAssertEqual(Normalization.normalizedTitle("  {A}ffine Symmetries -- and  ReLU!  "), "affine symmetries and relu")
        XCTAssertEqual(Normalization.normalizedTitle("On {\\em deep} networks (part 7)"), "on deep networks part 7")
        XCTAssertEqual(Normalization.normalizedTitle("?!"), "")
    }

    func testLatinTitleKeys() {
        // ½ decomposes to 1, FRACTION SLASH, 2; the slash separates. ª is a compatibility "a"; NBSP separates.
        XCTAssertEqual(Normalization.normalizedTitle("Ærøskøbing ½ İstanbul"), "aeroskobing 1 2 istanbul")
        XCTAssertEqual(Normalization.normalizedTitle("Große\u{00A0}Netze, ªb"), "grosse netze ab")
        XCTAssertEqual(Normalization.normalizedTitle("Vla{\\v{c}}i{\\'c}: Identifiability"), "vlacic identifiability")
    }

    func testTitleKeysBeyondLatinTables() {
        // Greek and a standalone combining mark take the Unicode path.
        XCTAssertEqual(Normalization.normalizedTitle("α-Stabilität"), "α stabilitat")
        XCTAssertEqual(Normalization.normalizedTitle("Cafe\u{0301} Ωmega"), "cafe ωmega")
    }

    func testFamilyNameKeys() {
        XCTAssertEqual(Normalization.normalizedFamilyName("Bona-Pellissier"), "bonapellissier")
        XCTAssertEqual(Normalization.normalizedFamilyName("M{\\\"u}ller"), "muller")
        XCTAssertEqual(Normalization.normalizedFamilyName("Gro{\\ss}e"), "grosse")
        XCTAssertEqual(Normalization.normalizedFamilyName("Łukasz Ødegård"), "lukaszodegard")
        XCTAssertEqual(Normalization.normalizedFamilyName("Σίσυφος"), "σισυφος")
    }
}
