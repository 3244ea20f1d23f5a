import Foundation
import Networks

/// `nnid verify --all --sweep N`: every check over seeds 1…N and its grid of parameters (widths with
/// width-1 layers, deep nets, bottlenecks, wide-then-narrow; activations in scope; samples below and
/// above the rank thresholds). Each run counts under its status; refused grid points are counted apart.
public enum Sweep {
    /// One claim's tally.
    public struct Row: Sendable, Equatable {
        public var check: String
        public var runs = 0
        public var counts: [CheckStatus: Int] = [:]
        public var refused = 0
        /// reason → count, for every outcome other than passed (refusals included).
        public var reasons: [String: Int] = [:]
        /// Parameters of the first failed or error run, to reproduce it.
        public var firstFailure: String?
        public var durationMs = 0.0
        public var slowestMs = 0.0

        public init(check: String) { self.check = check }

        public func count(_ status: CheckStatus) -> Int { counts[status] ?? 0 }
    }

    /// Runs `check` over seeds 1…`seeds` × its grid; `base` overrides from the command line win over the grid.
    /// `each` sees every report with its start time as it is made (the CLI records them), in run order.
    public static func run(checkID: String, seeds: Int, claimDefaults: CheckParameters = CheckParameters(),
                           base: CheckParameters = CheckParameters(),
                           each: (_ report: CheckReport, _ started: Date) -> Void = { _, _ in }) -> Row {
        var row = Row(check: checkID)
        guard let check = ClaimRegistry.check(id: checkID) else {
            row.counts[.error] = 1
            row.reasons["unknown check"] = 1
            return row
        }
        for point in check.sweepGrid {
            for seed in 1...max(1, seeds) {
                var parameters = base.overriding(point)
                parameters.seed = base.seed.map { $0 &+ UInt64(seed - 1) } ?? UInt64(seed)
                let started = Date()
                let report = ClaimRegistry.run(checkID: checkID, overrides: parameters, claimDefaults: claimDefaults)
                each(report, started)
                row.runs += 1
                row.durationMs += report.durationMs
                row.slowestMs = max(row.slowestMs, report.durationMs)
                if report.refusal != nil {
                    row.refused += 1
                } else {
                    row.counts[report.status, default: 0] += 1
                }
                if report.status != .passed {
                    let label = report.refusal != nil ? "refused" : report.status.rawValue
                    row.reasons["\(label): \(shorten(report.reason ?? "?"))", default: 0] += 1
                }
                if report.refusal == nil, report.status == .failed || report.status == .error, row.firstFailure == nil {
                    row.firstFailure = describe(parameters)
                }
            }
        }
        return row
    }

    /// "--widths 2,3,1 --activation tanh --seed 4 --samples 20".
    public static func describe(_ p: CheckParameters) -> String {
        var parts: [String] = []
        if let w = p.widths { parts.append("--widths \(w.map(String.init).joined(separator: ","))") }
        if let a = p.activation { parts.append("--activation \(a)") }
        if let s = p.seed { parts.append("--seed \(s)") }
        if let n = p.samples { parts.append("--samples \(n)") }
        return parts.joined(separator: " ")
    }

    /// Reasons are grouped by their text with numbers removed, so one cause is one line.
    static func shorten(_ reason: String) -> String {
        var out = ""
        var lastWasDigit = false
        for ch in reason.prefix(120) {
            if ch.isNumber || (lastWasDigit && (ch == "." || ch == "e" || ch == "-")) {
                if !lastWasDigit { out.append("#") }
                lastWasDigit = true
            } else {
                out.append(ch)
                lastWasDigit = false
            }
        }
        return out
    }
}

extension ClaimCheck {
    /// The default grid for MLP checks: the check's defaults, then shapes and sample counts that stress
    /// the hypotheses. Checks with another architecture or scope override `sweepGrid`.
    public var sweepGrid: [CheckParameters] {
        let activation = builtInDefaults.activation
        let samples = builtInDefaults.samples ?? 50
        return Sweep.mlpShapes.map { CheckParameters(widths: $0, activation: activation, samples: samples) }
            + [CheckParameters(widths: [2, 3, 1], activation: activation, samples: 3),
               CheckParameters(widths: [2, 3, 1], activation: activation, samples: 13)]
    }
}

extension Sweep {
    /// Shallow, width-1 layer, deep, bottleneck, wide-then-narrow.
    public static let mlpShapes: [[Int]] = [[2, 3, 1], [1, 1, 1], [3, 1, 2], [2, 3, 3, 1], [2, 4, 1, 3, 1], [4, 6, 2, 1], [1, 4, 2]]
}
