import Foundation
import XCTest
import TestSupport
@testable import Literature

/// RIS written by rispy (an independent RIS library) is read back with the same titles, authors and years,
/// in every line ending, with a repeated ID kept twice.
final class RISOracleTests: XCTestCase {
    func testRispyWrittenFileRoundTrips() throws {
        let output = try PythonOracle.run("""
            import json, rispy
            entries = [
                {'type_of_reference': 'JOUR', 'id': 'dup', 'title': 'Identifiability of shallow tanh networks',
                 'authors': ['Sussmann, Héctor J.'], 'year': '1992', 'journal_name': 'Neural Networks'},
                {'type_of_reference': 'CONF', 'id': 'dup', 'title': 'Affine symmetries – a study',
                 'authors': ['Vlačić, Verner', 'Bölcskei, Helmut'], 'year': '2021'},
                {'type_of_reference': 'BOOK', 'id': 'b3', 'title': 'Neural network learning',
                 'authors': ['Anthony, Martin', 'Bartlett, Peter L.'], 'year': '1999'},
            ]
            text = rispy.dumps(entries)
            back = rispy.loads(text)
            print(json.dumps({'text': text, 'titles': [e['title'] for e in back],
                              'first_authors': [e['authors'][0].split(',')[0] for e in back],
                              'years': [int(e['year']) for e in back]}))
            """, modules: ["rispy"])
        let oracle = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
        let text = try XCTUnwrap(oracle["text"] as? String)
        for ending in ["\n", "\r\n", "\r"] {
            let result = parseSource(path: "r.ris", bytes: Array(text.replacingOccurrences(of: "\n", with: ending).utf8),
                                     format: nil, emitWorks: nil)
            XCTAssertEqual(result.works.map(\.title), oracle["titles"] as? [String], ending.debugDescription)
            XCTAssertEqual(result.works.map { $0.authors.first?.family ?? "" }, oracle["first_authors"] as? [String])
            XCTAssertEqual(result.works.map { $0.year ?? 0 }, oracle["years"] as? [Int])
            XCTAssertEqual(result.works.map(\.key), ["dup", "dup", "b3"], "a repeated ID is passed on, not dropped")
        }
    }
}
