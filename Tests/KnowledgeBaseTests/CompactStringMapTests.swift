// CompactStringMap against the standard library's Dictionary, the behaviour it replaces in the dedup index.
import XCTest
@testable import KnowledgeBase

final class CompactStringMapTests: XCTestCase {
    func testRandomOperationsAgreeWithDictionary() {
        var generator = SystemRandomNumberGenerator()
        // A small alphabet makes repeats, removals of present keys and re-insertions frequent.
        let pieces = ["a", "b", "é", "e\u{301}", "10.1/x", "", "long-title-words-beyond-fifteen-bytes", "ß"]
        var reference: [String: Int64] = [:]
        var compact = CompactStringMap()
        for step in 0 ..< 20_000 {
            let key = (0 ..< Int.random(in: 0 ... 3, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            if Bool.random(using: &generator) {
                let value: Int64? = Int.random(in: 0 ..< 4, using: &generator) == 0 ? nil : Int64(step)
                reference[key] = value
                compact[key] = value
            }
            XCTAssertEqual(compact[key], reference[key], "step \(step), key \(key.debugDescription)")
        }
        for (key, value) in reference { XCTAssertEqual(compact[key], value) }
    }

    func testCanonicallyEquivalentKeysAreOneKeyLikeInADictionary() {
        var compact = CompactStringMap()
        compact["caf\u{E9}"] = 1                    // precomposed é
        XCTAssertEqual(compact["cafe\u{301}"], 1)   // e + combining acute: equal as Swift Strings
        compact["cafe\u{301}"] = 2
        XCTAssertEqual(compact["caf\u{E9}"], 2)
        XCTAssertNil(compact["cafe"])
    }

    func testRemovedKeyIsAbsentAndCanReturn() {
        var compact = CompactStringMap()
        compact["k"] = 7
        compact["k"] = nil
        XCTAssertNil(compact["k"])
        compact["k"] = 9
        XCTAssertEqual(compact["k"], 9)
        compact["never"] = nil
        XCTAssertNil(compact["never"])
    }
}
