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

public enum CheckStatus: String, Sendable, Codable, CaseIterable {
    /// Every positive case held and every negative control was detected.
    case passed
    /// A positive case did not hold, or a negative control went undetected.
    case failed
    /// The numbers are ill-conditioned (small singular-value gap): neither passed nor failed.
    case inconclusive
    /// The check could not run (bad parameters, numerical failure).
    case error
}

/// A negative control: a nearby false statement that the check must detect.
public struct ControlResult: Sendable, Equatable, Codable {
    public var name: String
    public var expected: String
    public var observed: String
    public var detected: Bool

    public init(name: String, expected: String, observed: String, detected: Bool) {
        self.name = name
        self.expected = expected
        self.observed = observed
        self.detected = detected
    }
}

/// A positive case: the claimed property, measured.
public struct AssertionResult: Sendable, Equatable, Codable {
    public var name: String
    public var expected: String
    public var observed: String
    public var holds: Bool
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

    enum CodingKeys: String, CodingKey {
        case check, status, parameters, metrics, assertions, controls, notes, error
        case durationMs = "duration_ms"
    }
}
