import Foundation
import LinearAlgebra
import Networks
import XCTest

@testable import Models

/// Malformed files give one message naming the field, layer or byte offset.
final class ReaderErrorTests: XCTestCase {
    func testSafetensorsTruncatedHeaderNamesOffsets() {
        var data = Data()
        withUnsafeBytes(of: UInt64(64).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array("{\"a\":1}".utf8))
        XCTAssertThrowsError(try SafetensorsReader.read(data)) { error in
            XCTAssertTrue("\(error)".contains("truncated") && "\(error)".contains("8…72"), "\(error)")
        }
    }

    func testSafetensorsHeaderCap() {
        var data = Data()
        withUnsafeBytes(of: UInt64(200_000_000).littleEndian) { data.append(contentsOf: $0) }
        XCTAssertThrowsError(try SafetensorsReader.read(data)) { XCTAssertTrue("\($0)".contains("100 MB"), "\($0)") }
    }

    func testSafetensorsSizeMismatchAndOverlap() {
        func file(_ header: String, dataBytes: Int) -> Data {
            var data = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: Array(header.utf8))
            data.append(Data(count: dataBytes))
            return data
        }
        let wrongSize = #"{"0.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"#
        XCTAssertThrowsError(try SafetensorsReader.read(file(wrongSize, dataBytes: 12))) {
            XCTAssertTrue("\($0)".contains("0.weight") && "\($0)".contains("16 bytes"), "\($0)")
        }
        let overlap = #"{"0.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"0.bias":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
        XCTAssertThrowsError(try SafetensorsReader.read(file(overlap, dataBytes: 16))) {
            XCTAssertTrue("\($0)".contains("overlaps"), "\($0)")
        }
        let hole = #"{"0.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]}}"#
        XCTAssertThrowsError(try SafetensorsReader.read(file(hole, dataBytes: 24))) { XCTAssertTrue("\($0)".contains("hole"), "\($0)") }
    }

    func testJSONShapeMismatchNamesBothLayers() throws {
        let json = #"{"activation":"tanh","layers":[{"weight":[[1,2],[3,4],[5,6]],"bias":[0,0,0]},{"weight":[[1,2]],"bias":[0]}]}"#
        let model = try JSONModelReader.read(Data(json.utf8))
        XCTAssertThrowsError(try model.network()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("layers[0] is 3×2") && text.contains("layers[1] is 1×2"), text)
        }
    }

    func testJSONUnknownActivationListsValidOnes() {
        let json = #"{"activation":"swishy","layers":[{"weight":[[1]]}]}"#
        XCTAssertThrowsError(try JSONModelReader.read(Data(json.utf8))) { error in
            XCTAssertTrue("\(error)".contains("swishy") && "\(error)".contains("leaky-relu"), "\(error)")
        }
    }

    func testJSONRaggedRowNamesTheField() {
        let json = #"{"activation":"relu","layers":[{"weight":[[1,2],[3]]}]}"#
        XCTAssertThrowsError(try JSONModelReader.read(Data(json.utf8))) { XCTAssertTrue("\($0)".contains("layers[0].weight[1]"), "\($0)") }
    }

    func testNPYTruncatedData() {
        var npy = ModelWriter.npy(shape: [3, 4], values: Array(repeating: 1, count: 12))
        npy.removeLast(8)
        XCTAssertThrowsError(try NPYReader.read(npy, name: "W1.npy")) { XCTAssertTrue("\($0)".contains("truncated") && "\($0)".contains("W1.npy"), "\($0)") }
    }

    func testNPYRoundTripAndFortranOrder() throws {
        let values = (0..<6).map(Double.init)
        XCTAssertEqual(try NPYReader.read(ModelWriter.npy(shape: [2, 3], values: values)).values, values)
        // Column-major 2×3 [[0,1,2],[3,4,5]] is stored 0,3,1,4,2,5.
        XCTAssertEqual(NPYReader.fortranToC([0, 3, 1, 4, 2, 5], shape: [2, 3]), values)
    }

    func testONNXGarbageIsRefused() {
        XCTAssertThrowsError(try ONNXReader.read(Data([0xFF, 0xFF, 0xFF, 0x01, 0x02]))) {
            XCTAssertTrue("\($0)".contains("ONNX"), "\($0)")
        }
    }

    func testHalfPrecisionDecoding() {
        XCTAssertEqual(halfToDouble(0x3C00), 1)
        XCTAssertEqual(halfToDouble(0xC000), -2)
        XCTAssertEqual(halfToDouble(0x3555), 0.333251953125)
        XCTAssertEqual(halfToDouble(0x0001), 0x1p-24)
    }

    func testHungarianFindsTheOptimalAssignment() {
        // Greedy (row 0 takes column 0 at cost 1) would force cost 1 + 10; the optimum is 2 + 2.
        let cost: [[Double]] = [[1, 2], [10, 2]].map { $0 }
        XCTAssertEqual(Alignment.hungarian([[1, 2], [2, 10]]), [1, 0])
        XCTAssertEqual(Alignment.hungarian(cost), [0, 1])
    }
}
