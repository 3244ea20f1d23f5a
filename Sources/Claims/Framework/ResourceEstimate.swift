import Foundation

/// What a check expects to need, computed from its parameters before anything is allocated
/// (issue 8, "resource limits up front"). All sizes use saturating arithmetic: an absurd parameter
/// (`--samples 9223372036854775807`) gives `Int.max`, never a trap.
public struct ResourceEstimate: Sendable, Equatable, Codable {
    /// Peak bytes of the largest buffers the check allocates.
    public var bytes: Int
    /// Rough wall-clock seconds on one core (about 1e9 floating-point operations a second).
    public var seconds: Double
    /// What dominates, e.g. "batch Jacobian 200 × 13, 3 copies".
    public var detail: String

    public init(bytes: Int, seconds: Double, detail: String) {
        self.bytes = bytes
        self.seconds = seconds
        self.detail = detail
    }

    /// A check dominated by `copies` dense rows × cols matrices and `repeats` SVDs of them.
    public static func denseMatrices(rows: Int, cols: Int, copies: Int = 3, repeats: Int = 1, label: String) -> ResourceEstimate {
        let entries = SafeSize.product([rows, cols])
        let bytes = SafeSize.product([entries, 8, copies])
        let flops = Double(rows) * Double(cols) * Double(min(rows, cols)) * 4 * Double(repeats)
        return ResourceEstimate(bytes: bytes, seconds: flops / 1e9,
                                detail: "\(label) \(rows) × \(cols), \(copies) copies, \(repeats) factorisation(s)")
    }

    /// The larger of two estimates' memory and the sum of their times.
    public func combined(with other: ResourceEstimate) -> ResourceEstimate {
        ResourceEstimate(bytes: Swift.max(bytes, other.bytes), seconds: seconds + other.seconds,
                         detail: bytes >= other.bytes ? detail : other.detail)
    }

    /// "1.5 GiB"-style rendering.
    public static func formatBytes(_ bytes: Int) -> String {
        if bytes == Int.max { return "more than 8 EiB (overflow)" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : "\(MetricValue.format((value * 10).rounded() / 10)) \(units[unit])"
    }

    /// Half of the machine's physical memory: the default budget.
    public static var defaultBudget: Int {
        let physical = ProcessInfo.processInfo.physicalMemory
        return physical > UInt64(Int.max) ? Int.max / 2 : Int(physical / 2)
    }
}

/// Overflow-safe size arithmetic for estimates: results saturate at `Int.max`.
public enum SafeSize {
    public static func multiply(_ a: Int, _ b: Int) -> Int {
        let (value, overflow) = Swift.max(a, 0).multipliedReportingOverflow(by: Swift.max(b, 0))
        return overflow ? Int.max : value
    }

    public static func add(_ a: Int, _ b: Int) -> Int {
        let (value, overflow) = Swift.max(a, 0).addingReportingOverflow(Swift.max(b, 0))
        return overflow ? Int.max : value
    }

    public static func product(_ factors: [Int]) -> Int { factors.reduce(1, multiply) }
    public static func sum(_ terms: [Int]) -> Int { terms.reduce(0, add) }

    /// P = Σ n_l (n_{l−1} + 1), saturating.
    public static func parameterCount(_ widths: [Int]) -> Int {
        guard widths.count >= 2 else { return 0 }
        return sum((1..<widths.count).map { multiply(widths[$0], add(widths[$0 - 1], 1)) })
    }
}
