import Claims
import Foundation

/// What a reader of a check report looks for first (issue 14, item 5): the key result on one line, the
/// metrics in a fixed order (the key ones first), and numbers in text at 4 significant digits (JSON keeps
/// full precision).
enum ReportSummary {
    /// The metrics shown first, in this order; the others follow alphabetically.
    static let leadingMetrics = ["verdict", "rank", "expected_rank", "rank_activation", "gap", "group_order",
                                 "orbit_size", "max_residual", "parameters", "hidden_neurons", "min_preactivation"]

    /// The metric names of `report` in display order.
    static func orderedMetricNames(_ report: CheckReport) -> [String] {
        let leading = leadingMetrics.filter { report.metrics[$0] != nil }
        return leading + report.metrics.keys.filter { !leadingMetrics.contains($0) }.sorted()
    }

    /// "verdict identifiable; rank 16 (expected 16); gap 1.304e+14; group order 6", or nil when the report
    /// has none of these numbers.
    static func keyResult(_ report: CheckReport) -> String? {
        let m = report.metrics
        var parts: [String] = []
        if let verdict = m["verdict"] { parts.append("verdict \(text(verdict))") }
        if let rank = m["rank"] {
            parts.append("rank \(text(rank))" + (m["expected_rank"].map { " (expected \(text($0)))" } ?? ""))
        }
        if let gap = m["gap"] { parts.append("gap \(text(gap))") }
        if let order = m["group_order"] { parts.append("group order \(text(order))") }
        if let residual = m["max_residual"] { parts.append("max residual \(text(residual))") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// A metric as text: floating-point numbers at 4 significant digits.
    static func text(_ value: MetricValue) -> String {
        switch value {
        case .double(let v): return number(v)
        case .doubles(let v): return v.map(number).joined(separator: ",")
        default: return value.description
        }
    }

    static func number(_ v: Double) -> String {
        v.isFinite ? String(format: "%.4g", v) : String(v)
    }

    /// `text` with every decimal number of more than 4 significant digits shortened to 4 (observed values
    /// of assertions and controls arrive as sentences; integers such as ranks are left alone).
    static func shortenNumbers(in text: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: "-?[0-9]+\\.[0-9]+(e[-+]?[0-9]+)?") else { return text }
        var out = text
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let range = Range(match.range, in: out), let value = Double(out[range]) else { continue }
            let digits = out[range].prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }.count
            if digits > 4 { out.replaceSubrange(range, with: number(value)) }
        }
        return out
    }
}
