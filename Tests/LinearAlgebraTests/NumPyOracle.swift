import Foundation
import XCTest
@testable import LinearAlgebra

/// Runs a short NumPy program as an independent oracle. The program reads JSON `data` from stdin and prints
/// one JSON value; tests skip (XCTSkip) when python3 or numpy is not available.
enum NumPyOracle {
    static func run(_ program: String, input: Any) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import json, sys\nimport numpy as np\ndata = json.load(sys.stdin)\n" + program]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch { throw XCTSkip("python3 is not available: \(error)") }
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if errors.contains("No module named 'numpy'") { throw XCTSkip("python3 has no numpy module") }
        guard process.terminationStatus == 0 else {
            XCTFail("NumPy oracle failed: \(errors)")
            throw XCTSkip("NumPy oracle failed")
        }
        return try JSONSerialization.jsonObject(with: output, options: [.fragmentsAllowed])
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
