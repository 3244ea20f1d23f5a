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
}
