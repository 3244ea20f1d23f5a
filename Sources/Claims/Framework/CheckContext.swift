/// Collects what a check measures, then decides its status. A check body records positive cases with
/// `expect`, negative controls with `control`, numbers with `metric`, and ill-conditioning with
/// `inconclusive`; the status follows from them (a single undetected control fails the check).
public struct CheckContext: Sendable {
    public private(set) var metrics: [String: MetricValue] = [:]
    public private(set) var assertions: [AssertionResult] = []
    public private(set) var controls: [ControlResult] = []
    public private(set) var notes: [String] = []
    public private(set) var inconclusiveReasons: [String] = []

    public init() {}

    public mutating func metric(_ name: String, _ value: MetricValue) { metrics[name] = value }
    public mutating func metric(_ name: String, _ value: Int) { metrics[name] = .int(value) }
    public mutating func metric(_ name: String, _ value: Double) { metrics[name] = .double(value) }
    public mutating func metric(_ name: String, _ value: String) { metrics[name] = .string(value) }
    public mutating func metric(_ name: String, _ value: Bool) { metrics[name] = .bool(value) }

    public mutating func note(_ text: String) { notes.append(text) }

    /// A positive case of the claim.
    public mutating func expect(_ name: String, _ holds: Bool, expected: String, observed: String) {
        assertions.append(AssertionResult(name: name, expected: expected, observed: observed, holds: holds))
    }

    /// `value ≤ tolerance`, recorded with both numbers.
    public mutating func expectAtMost(_ name: String, _ value: Double, _ tolerance: Double) {
        expect(name, value <= tolerance, expected: "≤ \(MetricValue.format(tolerance))", observed: MetricValue.format(value))
    }

    /// Exact integer equality.
    public mutating func expectEqual(_ name: String, _ observed: Int, _ expected: Int) {
        expect(name, observed == expected, expected: String(expected), observed: String(observed))
    }

    /// A negative control; `detected` says whether the check saw the false statement fail.
    public mutating func control(_ name: String, detected: Bool, expected: String, observed: String) {
        controls.append(ControlResult(name: name, expected: expected, observed: observed, detected: detected))
    }

    /// Marks the run as ill-conditioned: the numbers cannot decide.
    public mutating func inconclusive(_ reason: String) { inconclusiveReasons.append(reason) }

    public var status: CheckStatus {
        if assertions.contains(where: { !$0.holds }) || controls.contains(where: { !$0.detected }) {
            return inconclusiveReasons.isEmpty ? .failed : .inconclusive
        }
        if !inconclusiveReasons.isEmpty { return .inconclusive }
        return .passed
    }
}
