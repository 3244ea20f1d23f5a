/// A JSON-friendly value for check parameters and metrics.
public enum MetricValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case ints([Int])
    case doubles([Double])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let v): try container.encode(v)
        // JSON has no infinity or NaN: encode them as strings so the report stays valid JSON.
        case .double(let v): if v.isFinite { try container.encode(v) } else { try container.encode(String(v)) }
        case .string(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .ints(let v): try container.encode(v)
        case .doubles(let v): try container.encode(v.map { $0.isFinite ? $0 : 0 })
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(Int.self) { self = .int(v) }
        else if let v = try? container.decode(Double.self) { self = .double(v) }
        else if let v = try? container.decode(Bool.self) { self = .bool(v) }
        else if let v = try? container.decode([Int].self) { self = .ints(v) }
        else if let v = try? container.decode([Double].self) { self = .doubles(v) }
        else { self = .string(try container.decode(String.self)) }
    }

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return MetricValue.format(v)
        case .string(let v): return v
        case .bool(let v): return String(v)
        case .ints(let v): return v.map(String.init).joined(separator: ",")
        case .doubles(let v): return v.map(MetricValue.format).joined(separator: ",")
        }
    }

    /// A short human-readable rendering: plain decimals between 1e-3 and 1e6, scientific otherwise.
    public static func format(_ v: Double) -> String {
        if v == 0 || v.isInfinite || v.isNaN { return String(v) }
        let magnitude = Swift.abs(v)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            var text = String(format6: v)
            while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
            return text
        }
        return String(describing: v)
    }
}

private extension String {
    /// Six significant decimals without Foundation.
    init(format6 v: Double) {
        let scaled = (v * 1e6).rounded() / 1e6
        self = String(scaled)
    }
}

/// The outcome of one run (the contract of issue 8). Exit status of `show`/`verify`: 0 for `passed`,
/// `inconclusive` and `not-applicable`; 1 for `failed` and `error`.
public enum CheckStatus: String, Sendable, Codable, CaseIterable {
    /// Every positive case held and every negative control was detected.
    case passed
    /// A counterexample to the claim as stated, under its hypotheses (or a negative control the check
    /// could not refute, so its positive cases cannot be trusted).
    case failed
    /// The numbers cannot decide: an ill-conditioned rank (gap or s_min/tolerance below 1e6) or a
    /// control whose own numbers collapsed.
    case inconclusive
    /// The drawn network or sample violates a hypothesis of the claim even after deterministic redraws;
    /// the report names the hypothesis.
    case notApplicable = "not-applicable"
    /// The check could not run (numerical failure, refused parameters; see `refusal`).
    case error

    /// The `show`/`verify` exit status for this outcome.
    public var exitCode: Int32 { self == .failed || self == .error ? 1 : 0 }
}

/// A negative control: a precise false statement close to the claim (`refutes`) that the check must
/// refute by a margin it shows. A control that cannot apply at the given parameters is `skipped` (with
/// the reason); one whose own numbers collapsed is `collapsed` and counts as not detected.
public struct ControlResult: Sendable, Equatable, Codable {
    public var name: String
    /// The false statement this control refutes, e.g. "an orbit always has |G| points".
    public var refutes: String
    public var expected: String
    public var observed: String
    public var detected: Bool
    /// measured / threshold (> 1 means detected) when the control is a measured quantity.
    public var margin: Double?
    /// Why the control could not apply at these parameters (then `detected` is false and it is not a failure).
    public var skipped: String?
    /// Why the control's own numbers are unusable (then `detected` is false and the run is inconclusive).
    public var collapsed: String?

    public init(name: String, refutes: String? = nil, expected: String, observed: String, detected: Bool,
                margin: Double? = nil, skipped: String? = nil, collapsed: String? = nil) {
        self.name = name
        self.refutes = refutes ?? name
        self.expected = expected
        self.observed = observed
        self.detected = detected && skipped == nil && collapsed == nil
        self.margin = margin.map { $0.isFinite ? $0 : Double.greatestFiniteMagnitude }
        self.skipped = skipped
        self.collapsed = collapsed
    }

    /// Neither detected, skipped nor collapsed: the check could not refute a false statement.
    public var isMissed: Bool { !detected && skipped == nil && collapsed == nil }
}

/// A positive case: the claimed property, measured. `undecided` is set when the numbers it rests on are
/// ill-conditioned; such an assertion makes the run inconclusive instead of failed (and only it: an
/// unrelated ill-conditioned quantity never hides another assertion's failure).
public struct AssertionResult: Sendable, Equatable, Codable {
    public var name: String
    public var expected: String
    public var observed: String
    public var holds: Bool
    public var undecided: String?

    public init(name: String, expected: String, observed: String, holds: Bool, undecided: String? = nil) {
        self.name = name
        self.expected = expected
        self.observed = observed
        self.holds = holds
        self.undecided = undecided
    }

    /// A definite failure: it does not hold and its numbers were well-conditioned.
    public var isFailure: Bool { !holds && undecided == nil }
}

/// What one run of a check returns. Checks never print; the CLI renders this.
public struct CheckReport: Sendable, Equatable, Codable {
    public var check: String
    public var status: CheckStatus
    public var parameters: [String: MetricValue]
    public var metrics: [String: MetricValue]
    public var assertions: [AssertionResult]
    public var controls: [ControlResult]
    public var notes: [String]
    public var durationMs: Double
    /// Set for status `error`.
    public var error: String?
    /// Set (with status `error`) when the parameters were refused before anything ran: out of the
    /// claim's scope or over the resource budget. The CLI exits 2 with this sentence.
    public var refusal: String?
    /// The hypotheses violated (status `not-applicable`), and every rejected draw with its reason.
    public var notApplicable: [String]
    public var rejectedDraws: [String]
    /// Why the numbers could not decide (status `inconclusive`).
    public var inconclusive: [String]
    /// The resource estimate made before the run.
    public var estimate: ResourceEstimate?

    enum CodingKeys: String, CodingKey {
        case check, status, parameters, metrics, assertions, controls, notes, error, refusal, estimate, inconclusive
        case durationMs = "duration_ms"
        case notApplicable = "not_applicable"
        case rejectedDraws = "rejected_draws"
    }

    public init(check: String, status: CheckStatus, parameters: [String: MetricValue] = [:],
                metrics: [String: MetricValue] = [:], assertions: [AssertionResult] = [],
                controls: [ControlResult] = [], notes: [String] = [], durationMs: Double = 0,
                error: String? = nil, refusal: String? = nil, notApplicable: [String] = [],
                rejectedDraws: [String] = [], inconclusive: [String] = [], estimate: ResourceEstimate? = nil) {
        self.check = check
        self.status = status
        self.parameters = parameters
        self.metrics = metrics
        self.assertions = assertions
        self.controls = controls
        self.notes = notes
        self.durationMs = durationMs
        self.error = error
        self.refusal = refusal
        self.notApplicable = notApplicable
        self.rejectedDraws = rejectedDraws
        self.inconclusive = inconclusive
        self.estimate = estimate
    }

    /// One short reason for a non-passed outcome (for tables and sweeps).
    public var reason: String? {
        switch status {
        case .passed: return nil
        case .error: return refusal ?? error
        case .notApplicable: return notApplicable.first
        case .failed:
            if let a = assertions.first(where: \.isFailure) { return a.name }
            return controls.first(where: \.isMissed).map { "control missed: \($0.name)" }
        case .inconclusive:
            if let why = inconclusive.first { return why }
            if let a = assertions.first(where: { $0.undecided != nil }), let why = a.undecided { return why }
            return controls.first(where: { $0.collapsed != nil })?.collapsed
        }
    }
}
