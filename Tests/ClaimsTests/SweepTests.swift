import XCTest
@testable import Claims

/// A modest sweep in CI (issue 8 item 7): cheap checks over two seeds and their whole grids must give
/// no failed and no error run; the grids contain width-1 layers and deep shapes.
final class SweepTests: XCTestCase {
    func testModestSweepHasNoFailure() {
        for id in ["linear-gl-symmetry", "hidden-unit-permutation", "relu-path-lifting", "cnn-channel-symmetry"] {
            let row = Sweep.run(checkID: id, seeds: 2)
            XCTAssertGreaterThan(row.runs, 0, id)
            XCTAssertEqual(row.count(.failed), 0, "\(id): \(row.reasons) first: \(row.firstFailure ?? "-")")
            XCTAssertEqual(row.count(.error), 0, "\(id): \(row.reasons)")
        }
    }

    func testGridsCoverWidthOneAndDeepShapes() {
        let shapes = Set(ClaimRegistry.all.flatMap { $0.sweepGrid.compactMap(\.widths) })
        XCTAssertTrue(shapes.contains([1, 1, 1]))
        XCTAssertTrue(shapes.contains { $0.count >= 5 })
        XCTAssertTrue(shapes.contains { $0.count >= 3 && $0.dropFirst().dropLast().contains(1) })
    }

    func testShortenGroupsNumbers() {
        XCTAssertEqual(Sweep.shorten("rank 12 below 1e-6"), Sweep.shorten("rank 7 below 3e-9"))
    }
}
