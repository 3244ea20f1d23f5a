import XCTest
@testable import LinearAlgebra

final class SolveTests: XCTestCase {
    /// 2x + y = 5, x + 3y = 10 → x = 1, y = 3 (by hand).
    func testSolvesSmallSystem() throws {
        let x = try solve(Matrix([[2, 1], [1, 3]]), [5, 10])
        XCTAssertEqual(x[0], 1, accuracy: 1e-14)
        XCTAssertEqual(x[1], 3, accuracy: 1e-14)
    }

    func testSingularSystemThrows() {
        XCTAssertThrowsError(try solve(Matrix([[1, 2], [2, 4]]), [1, 2]))
    }

    /// [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]] (by hand); a 2×3 times 3×1 product.
    func testProducts() {
        XCTAssertEqual((Matrix([[1, 2], [3, 4]]) * Matrix([[5, 6], [7, 8]])).storage, [19, 22, 43, 50])
        XCTAssertEqual(Matrix([[1, 0, 2], [0, 1, -1]]) * [3, 4, 5], [13, -1])
    }

    /// The rank of a 3×3 matrix whose third row is the sum of the first two is 2; s₃ ≈ 0.
    func testRankOfDependentRows() throws {
        let estimate = try numericalRank(Matrix([[1, 2, 3], [4, 5, 6.5], [5, 7, 9.5]]))
        XCTAssertEqual(estimate.rank, 2)
        XCTAssertGreaterThan(estimate.gap, 1e10)
    }
}
