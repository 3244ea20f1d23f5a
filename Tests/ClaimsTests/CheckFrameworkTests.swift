import XCTest
import LinearAlgebra
import Networks
@testable import Claims

/// The outcome semantics of issue 8, on hand-built contexts and rank estimates.
final class CheckFrameworkTests: XCTestCase {
    func testFailedAssertionIsNotMaskedByAnUnrelatedInconclusiveReason() {
        var context = CheckContext()
        context.inconclusive("an unrelated gap of 10")
        context.expectEqual("rank", 3, 4)
        XCTAssertEqual(context.status, .failed)
    }

    func testIllConditionedRankAssertionIsUndecidedNotFailed() throws {
        var context = CheckContext()
        // diag(1, 1e-20): tolerance 2ε ≈ 4.4e-16, rank 1, gap 1e20 — clean.
        context.expectRank("clean deficit", try numericalRank(Matrix(rows: 2, cols: 2, storage: [1, 0, 0, 1e-20])), expected: 1)
        XCTAssertEqual(context.status, .passed)
        // diag(1, 1e-13, 1e-16): tolerance 3ε ≈ 6.7e-16, rank 2, gap 1e3 — the integers agree, yet undecided.
        let blurred = try numericalRank(Matrix(rows: 3, cols: 3, storage: [1, 0, 0, 0, 1e-13, 0, 0, 0, 1e-16]))
        XCTAssertEqual(blurred.rank, 2)
        context.expectRank("blurred", blurred, expected: 2)
        XCTAssertEqual(context.status, .inconclusive)
        // Wrong integer on an ill-conditioned estimate: still inconclusive, not failed.
        var wrong = CheckContext()
        wrong.expectRank("blurred", blurred, expected: 3)
        XCTAssertEqual(wrong.status, .inconclusive)
    }

    func testFullRankComparesSminWithTheTolerance() throws {
        // diag(1, 1e-12): tolerance 2 · 2.22e-16 = 4.4e-16, s_min/tol ≈ 2252 < 1e6 → undecided.
        let m = Matrix(rows: 2, cols: 2, storage: [1, 0, 0, 1e-12])
        let estimate = try numericalRank(m)
        XCTAssertEqual(estimate.rank, 2)
        XCTAssertEqual(estimate.decisionMargin, 1e-12 / (2 * Double.ulpOfOne), accuracy: 1)
        var context = CheckContext()
        context.expectRank("full", estimate, expected: 2)
        XCTAssertEqual(context.status, .inconclusive)
        var clean = CheckContext()
        clean.expectRank("full", try numericalRank(Matrix(rows: 2, cols: 2, storage: [1, 0, 0, 0.5])), expected: 2)
        XCTAssertEqual(clean.status, .passed)
    }

    func testControlsSkippedCollapsedAndMissed() {
        var context = CheckContext()
        context.skipControl("twin", refutes: "x", reason: "width 1 has no twin")
        XCTAssertEqual(context.status, .passed)
        context.control("collapse", refutes: "y", detected: true, expected: "-", observed: "-", collapsed: "rank 1")
        XCTAssertFalse(context.controls[1].detected, "a collapsed control never counts as detected")
        XCTAssertEqual(context.status, .inconclusive)
        context.controlExceeds("missed", refutes: "z", value: 1e-9, threshold: 1e-6)
        XCTAssertEqual(context.controls[2].margin ?? 0, 1e-3, accuracy: 1e-12)
        XCTAssertEqual(context.status, .failed)
    }

    func testNotApplicableAfterRejectedDrawsAndRedrawContinuesTheStream() throws {
        var context = CheckContext()
        var calls = 0
        let value: UInt64? = context.drawSatisfying(seed: 42, attempts: 3, hypothesis: "even", { rng in
            calls += 1
            return rng.next()
        }, violation: { _ in "odd" })
        XCTAssertNil(value)
        XCTAssertEqual(calls, 3)
        XCTAssertEqual(context.rejectedDraws.count, 3)
        XCTAssertEqual(context.status, .notApplicable)
        // The second draw is the next output of the same SplitMix64 stream (science.md §0.3 reference values).
        var second = CheckContext()
        var index = 0
        let drawn: UInt64? = second.drawSatisfying(seed: 42, hypothesis: "second", { rng in
            index += 1
            return rng.next()
        }, violation: { _ in index < 2 ? "first rejected" : nil })
        XCTAssertEqual(drawn, 0x28ef_e333_b266_f103)
        XCTAssertEqual(second.metrics["rejected_draws"], .int(1))
    }

    func testSafeSizeSaturatesAndHugeSamplesAreRefused() {
        XCTAssertEqual(SafeSize.multiply(Int.max, 2), Int.max)
        XCTAssertEqual(SafeSize.parameterCount([2, 3, 1]), 13)
        let report = ClaimRegistry.run(checkID: "hidden-unit-permutation", overrides: CheckParameters(samples: Int.max))
        XCTAssertNotNil(report.refusal)
        XCTAssertEqual(report.status, .error)
        let small = ClaimRegistry.run(checkID: "hidden-unit-permutation", overrides: CheckParameters(maxMemory: 1000))
        XCTAssertNotNil(small.refusal, "200 × 13 doubles already exceed 1000 bytes")
    }

    func testParseMemory() throws {
        XCTAssertEqual(try CheckParameters.parseMemory("512M"), 512 << 20)
        XCTAssertEqual(try CheckParameters.parseMemory("4G"), 4 << 30)
        XCTAssertEqual(try CheckParameters.parseMemory("1000"), 1000)
        XCTAssertThrowsError(try CheckParameters.parseMemory("lots"))
        XCTAssertThrowsError(try CheckParameters.parseMemory("-1G"))
    }

    func testExitCodes() {
        XCTAssertEqual(CheckStatus.allCases.map(\.exitCode), [0, 1, 0, 0, 1])
        XCTAssertEqual(CheckStatus.notApplicable.rawValue, "not-applicable")
    }
}
