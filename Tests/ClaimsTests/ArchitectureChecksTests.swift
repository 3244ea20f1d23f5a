import XCTest
@testable import Claims

final class ArchitectureChecksTests: XCTestCase {
    /// (m, n, p) = (1, 3, 1), the Albertini–Sontag model without bias: (A, B, C) has 9 + 3 + 3 = 15 entries → rank 15;
    /// signed permutations of 3 states: 2³·3! = 48; linear Markov rank n(m+p) = 6 (science.md §4.2).
    func testRNNCheckPassesWithTheoreticalNumbers() {
        let report = ClaimRegistry.run(checkID: "rnn-function-determines-form")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["rank"], .int(15))
        XCTAssertEqual(report.metrics["group_order"], .string("48"))
        XCTAssertEqual(report.metrics["linear_markov_rank"], .int(6))
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
        XCTAssertEqual(report.controls.count, 2)
    }

    /// (1,3,1) channels, kernels 3: P = (3·1·3 + 3) + (1·3·3 + 1) = 22, 3 hidden channels → bound 19.
    func testCNNCheckPassesWithRankBound() {
        let report = ClaimRegistry.run(checkID: "cnn-channel-symmetry")
        XCTAssertEqual(report.status, .passed, "\(report)")
        XCTAssertEqual(report.metrics["parameters"], .int(22))
        XCTAssertEqual(report.metrics["expected_rank"], .int(19))
        XCTAssertTrue(report.controls.allSatisfy { $0.detected })
    }

    func testAllPermutationsCountsFactorial() {
        XCTAssertEqual(allPermutations(4).count, 24)
        XCTAssertEqual(Set(allPermutations(4)).count, 24)
        XCTAssertEqual(allPermutations(1), [[0]])
    }
}
