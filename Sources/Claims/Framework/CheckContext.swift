import LinearAlgebra
import Networks

/// Collects what a check measures, then decides its status (issue 8, "outcome semantics").
///
/// A check body records
/// - positive cases with `expect…` (an assertion may be marked `undecided` when its own numbers are
///   ill-conditioned; `expectRank` does this from the rank estimate),
/// - negative controls with `control(…, refutes:, …)` / `controlExceeds` / `skipControl`,
/// - numbers with `metric`, ill-conditioning with `inconclusive`,
/// - hypothesis violations with `rejectDraw` (a redraw follows, see `drawSatisfying`) or `notApplicable`.
///
/// Status, in order: a definite failed assertion or a missed control → `failed` (never hidden by
/// inconclusive numbers elsewhere); else a violated hypothesis → `not-applicable`; else any undecided
/// assertion, collapsed control or inconclusive reason → `inconclusive`; else `passed`.
public struct CheckContext: Sendable {
    public private(set) var metrics: [String: MetricValue] = [:]
    public private(set) var assertions: [AssertionResult] = []
    public private(set) var controls: [ControlResult] = []
    public private(set) var notes: [String] = []
    public private(set) var inconclusiveReasons: [String] = []
    public private(set) var notApplicableReasons: [String] = []
    public private(set) var rejectedDraws: [String] = []

    public init() {}

    public mutating func metric(_ name: String, _ value: MetricValue) { metrics[name] = value }
    public mutating func metric(_ name: String, _ value: Int) { metrics[name] = .int(value) }
    public mutating func metric(_ name: String, _ value: Double) { metrics[name] = .double(value) }
    public mutating func metric(_ name: String, _ value: String) { metrics[name] = .string(value) }
    public mutating func metric(_ name: String, _ value: Bool) { metrics[name] = .bool(value) }

    public mutating func note(_ text: String) { notes.append(text) }

    // MARK: Positive cases

    /// A positive case of the claim; `undecided` (a reason) when its numbers cannot decide.
    public mutating func expect(_ name: String, _ holds: Bool, expected: String, observed: String,
                                undecided: String? = nil) {
        assertions.append(AssertionResult(name: name, expected: expected, observed: observed, holds: holds,
                                          undecided: holds ? nil : undecided))
    }

    /// `value ≤ tolerance`, recorded with both numbers.
    public mutating func expectAtMost(_ name: String, _ value: Double, _ tolerance: Double) {
        expect(name, value <= tolerance, expected: "≤ \(MetricValue.format(tolerance))", observed: MetricValue.format(value))
    }

    /// Exact integer equality.
    public mutating func expectEqual(_ name: String, _ observed: Int, _ expected: Int) {
        expect(name, observed == expected, expected: String(expected), observed: String(observed))
    }

    /// A numerical rank compared with `expected` (or `≤ expected` when `atMost`). When the estimate is
    /// ill-conditioned (`RankEstimate.decisionMargin` below 1e6: the gap s_r/s_{r+1}, or s_min/tolerance
    /// at full rank) the assertion is undecided — the run becomes inconclusive, not failed — even if
    /// the integers happen to agree.
    public mutating func expectRank(_ name: String, _ estimate: RankEstimate, expected: Int, atMost: Bool = false) {
        let holds = atMost ? estimate.rank <= expected : estimate.rank == expected
        let margin = estimate.decisionMargin
        let observed = "\(estimate.rank) (\(estimate.marginDescription))"
        if margin < RankEstimate.cleanGap {
            let reason = "\(name): \(estimate.marginDescription) below 1e6"
            assertions.append(AssertionResult(name: name, expected: atMost ? "≤ \(expected)" : String(expected),
                                              observed: observed, holds: holds, undecided: reason))
            if holds { inconclusiveReasons.append(reason) }
        } else {
            expect(name, holds, expected: atMost ? "≤ \(expected)" : String(expected), observed: observed)
        }
    }

    // MARK: Negative controls

    /// A negative control: the false statement `refutes`, and whether the check saw it fail.
    /// `margin` is measured/threshold when the control is a measured quantity. `collapsed` (a reason)
    /// says the control's own numbers are unusable: it then counts as not detected and the run is
    /// inconclusive.
    public mutating func control(_ name: String, refutes: String? = nil, detected: Bool, margin: Double? = nil,
                                 expected: String, observed: String, collapsed: String? = nil) {
        controls.append(ControlResult(name: name, refutes: refutes, expected: expected, observed: observed,
                                      detected: detected, margin: margin, collapsed: collapsed))
        if let collapsed { inconclusiveReasons.append("control '\(name)' collapsed: \(collapsed)") }
    }

    /// A control detected when `value > threshold`; the margin value/threshold is reported.
    public mutating func controlExceeds(_ name: String, refutes: String, value: Double, threshold: Double,
                                        quantity: String = "change") {
        let margin = threshold > 0 ? value / threshold : (value > 0 ? Double.infinity : 0)
        control(name, refutes: refutes, detected: value > threshold, margin: margin,
                expected: "\(quantity) > \(MetricValue.format(threshold))",
                observed: "\(MetricValue.format(value)) (margin \(MetricValue.format(margin)))")
    }

    /// A control that cannot apply at these parameters: skipped with the reason, never a failure.
    public mutating func skipControl(_ name: String, refutes: String, reason: String) {
        controls.append(ControlResult(name: name, refutes: refutes, expected: "-", observed: "skipped",
                                      detected: false, skipped: reason))
    }

    // MARK: Conditioning and hypotheses

    /// Marks the run as ill-conditioned: the numbers cannot decide.
    public mutating func inconclusive(_ reason: String) { inconclusiveReasons.append(reason) }

    /// The draw (or the parameters) violate a hypothesis of the claim: nothing here can refute it.
    public mutating func notApplicable(_ hypothesis: String) { notApplicableReasons.append(hypothesis) }

    /// Records one rejected draw and why (the caller draws again from the same stream).
    public mutating func rejectDraw(_ reason: String) {
        rejectedDraws.append(reason)
        metrics["rejected_draws"] = .int(rejectedDraws.count)
    }

    /// Deterministic redraw: calls `draw` on one SplitMix64 stream seeded with `seed` until `violation`
    /// returns nil, so the first accepted draw is the usual one when it satisfies the hypotheses, and
    /// otherwise the next draw of the same stream. Each rejection is recorded with its reason; after
    /// `attempts` rejections the run is `not-applicable` (naming `hypothesis`) and nil is returned.
    public mutating func drawSatisfying<T>(seed: UInt64, attempts: Int = 20, hypothesis: String,
                                           _ draw: (inout SplitMix64) throws -> T,
                                           violation: (T) throws -> String?) rethrows -> T? {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<max(1, attempts) {
            let candidate = try draw(&rng)
            guard let reason = try violation(candidate) else { return candidate }
            rejectDraw(reason)
        }
        notApplicable("\(hypothesis): \(attempts) consecutive draws violate it (last: \(rejectedDraws.last ?? "?"))")
        return nil
    }

    public var status: CheckStatus {
        if assertions.contains(where: \.isFailure) || controls.contains(where: \.isMissed) { return .failed }
        if !notApplicableReasons.isEmpty { return .notApplicable }
        if !inconclusiveReasons.isEmpty || assertions.contains(where: { $0.undecided != nil }) { return .inconclusive }
        return .passed
    }
}

extension RankEstimate {
    /// How safely the rank is decided: the gap s_r/s_{r+1} when a singular value was cut, otherwise
    /// (full rank) s_min/tolerance; infinity for a zero matrix of rank 0.
    public var decisionMargin: Double {
        if sigmaNext > 0 { return gap }
        if rank > 0 { return tolerance > 0 ? sigmaLast / tolerance : .infinity }
        return .infinity
    }

    public var marginDescription: String {
        if sigmaNext > 0 { return "gap \(MetricValue.format(gap))" }
        if rank > 0 { return "full rank, s_min/tol \(MetricValue.format(decisionMargin))" }
        return "zero matrix"
    }
}
