import Foundation
import LinearAlgebra
import XCTest

/// Shared helpers for the conv and recurrent tests: central finite differences and a NumPy oracle.
enum ArchitectureTestSupport {
    /// Central differences of `f` at `theta`: column c is (f(θ + h e_c) − f(θ − h e_c)) / 2h.
    static func centralDifferences(at theta: [Double], step h: Double = 1e-6,
                                   _ f: ([Double]) throws -> [Double]) rethrows -> Matrix {
        var columns: [[Double]] = []
        for c in 0..<theta.count {
            var plus = theta, minus = theta
            plus[c] += h
            minus[c] -= h
            let (fPlus, fMinus) = (try f(plus), try f(minus))
            columns.append(zip(fPlus, fMinus).map { ($0 - $1) / (2 * h) })
        }
        return Matrix(columns).transposed
    }

    /// Largest |a − b| over all entries (matrices of the same shape).
    static func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
        precondition(a.rows == b.rows && a.cols == b.cols, "shapes differ")
        return zip(a.storage, b.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// Runs `script` with python3 (numpy imported as np), feeding `input` as JSON on stdin; the script must
    /// print one JSON value. Skips the test when python3 or numpy is unavailable.
    static func runNumPy(_ script: String, input: Any) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import json, sys\nimport numpy as np\n" + script]
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
        if errors.contains("No module named 'numpy'") { throw XCTSkip("numpy is not installed for python3") }
        guard process.terminationStatus == 0 else {
            XCTFail("python3 failed (\(process.terminationStatus)): \(errors)")
            return []
        }
        return try JSONSerialization.jsonObject(with: output)
    }
}
