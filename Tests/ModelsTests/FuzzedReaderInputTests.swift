import Foundation
import XCTest

@testable import Models

/// Inputs that crashed a reader under the model fuzz targets (scripts/fuzz); each must now be one error.
final class FuzzedReaderInputTests: XCTestCase {
    /// A header whose shape (3333333333333334, 2) of 8-byte floats needs more bytes than an Int holds:
    /// building the error message multiplied them again and trapped on the overflow.
    func testNPYShapeWhoseByteCountOverflowsIsAnError() throws {
        let encoded = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMzMzMzMzMzMzMzMzMz"
            + "MzMzMzQsKzIpLCB9ICAgICAgICCTTlVNUFkDAHYAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcicgICAgOiAgICAgIA=="
        let bytes = try XCTUnwrap(Data(base64Encoded: encoded))
        XCTAssertEqual(bytes.count, 148)
        XCTAssertThrowsError(try NPYReader.read(bytes)) { error in
            XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
        }
    }

    /// A MatMul whose following Add node has no output (found by the onnx target once it had coverage
    /// feedback): the fused Add skipped the per-node output check and indexed output[0] of an empty list.
    func testONNXAddNodeWithoutOutputIsAnError() throws {
        let encoded = "CA46jgIKEwoBeAoDdzF0EgFhIgZNYXRNdWwKFQoBYQoIZmMxLmJpYXOgAGgiA0FkZAoMCgFoEgFyIgRUYW5oChMKAXIKA3cydBIB"
            + "MiIGTWF0TXVsChUKAWMKCGZjMi5iaWFzEgF5IgNBZGQSBG1scDEqJQgCCAMQAUIDdzF0ShgZPaE6zFuMvpzK6L4t9Zg+1P1jv4zc"
            + "fb8qHAgDEAFCCGZjMS5iaWFzSgwjWXY9LIyrP34C/L4qGQgDCAEQAUIDdzJ0Sgxx1x6/lMz6PuW5tj4qFAgBEAFCCGZjMi5iaWFz"
            + "SgRt49c9WhQKAXgSDwoNCAESCQoDEgFOCgIIAmIUCgF5Eg8KDQgBEgkKAxIBTgoCCAFCBAoAEBE="
        let bytes = try XCTUnwrap(Data(base64Encoded: encoded))
        XCTAssertEqual(bytes.count, 281)
        XCTAssertThrowsError(try ONNXReader.read(bytes)) { error in
            XCTAssertTrue("\(error)".contains("has no output"), "\(error)")
        }
    }

    /// Ten CR bytes and then 514 '[': Foundation's JSONDecoder crashed while locating its own depth error.
    /// The grammar check now runs first and refuses nesting past 64 levels with a line and column.
    func testDeeplyNestedJSONAfterCarriageReturnsIsAnError() {
        let bytes = Data(repeating: 0x0D, count: 10) + Data(repeating: UInt8(ascii: "["), count: 514)
        XCTAssertThrowsError(try JSONModelReader.read(bytes)) { error in
            XCTAssertTrue("\(error)".contains("levels of nesting"), "\(error)")
        }
        let deep = Data(String(repeating: "[", count: 100_000).utf8)
        XCTAssertThrowsError(try JSONModelReader.read(deep)) { error in
            XCTAssertTrue("\(error)".contains("at most 64 levels"), "\(error)")
        }
    }

    /// Sixty-four levels are still read: the limit only refuses deeper files.
    func testNestingAtTheLimitIsStillParsed() {
        let nested = String(repeating: "[", count: 62) + "1" + String(repeating: "]", count: 62)
        let text = #"{"activation": "relu", "layers": "# + nested + "}"
        XCTAssertThrowsError(try JSONModelReader.read(Data(text.utf8))) { error in
            // Grammatically valid, so the refusal is about the layers, not the syntax.
            XCTAssertFalse("\(error)".contains("malformed"), "\(error)")
        }
    }
}
