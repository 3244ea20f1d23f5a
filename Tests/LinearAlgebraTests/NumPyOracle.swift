import Foundation
import XCTest
@testable import LinearAlgebra
import TestSupport

/// Runs a short NumPy program as an independent oracle. The program reads JSON `data` from stdin and prints
/// one JSON value; tests skip (XCTSkip) when python3 or numpy is not available.
enum NumPyOracle {
    static func run(_ program: String, input: Any, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        try PythonOracle.json("import numpy as np\n" + program, input: input, modules: ["numpy"], file: file, line: line)
    }

    static func doubles(_ value: Any) -> [Double] { (value as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }

    static func rows(_ matrix: Matrix) -> [[Double]] { (0..<matrix.rows).map { matrix.row($0) } }
}

/// A reproducible pseudo-random matrix with entries in [−1, 1) (SplitMix64-style mixing).
func randomMatrix(_ rows: Int, _ cols: Int, seed: UInt64) -> Matrix {
    var state = seed
    return Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-52 - 1
    })
}

func assertClose(_ a: [Double], _ b: [Double], tolerance: Double, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "length " + message, file: file, line: line)
    for (x, y) in zip(a, b) where !(abs(x - y) <= tolerance) {
        XCTFail("\(x) vs \(y) differ by more than \(tolerance) \(message)", file: file, line: line)
        return
    }
}
