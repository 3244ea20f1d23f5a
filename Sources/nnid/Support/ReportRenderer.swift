import Claims

/// Text rendering of check reports for `show` and `verify`.
enum ReportRenderer {
    static func text(_ report: CheckReport) -> String {
        var lines: [String] = []
        let seconds = report.durationMs < 1000 ? "\(MetricValue.format(report.durationMs)) ms"
            : "\(MetricValue.format(report.durationMs / 1000)) s"
        lines.append("verification: \(statusLabel(report.status)) (check \(report.check), \(seconds))")
        if let error = report.error { lines.append("  error: \(error)") }
        if !report.parameters.isEmpty {
            lines.append("  parameters: " + report.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: " "))
        }
        if !report.metrics.isEmpty {
            lines.append("  metrics:")
            let width = report.metrics.keys.map(\.count).max() ?? 0
            for (key, value) in report.metrics.sorted(by: { $0.key < $1.key }) {
                lines.append("    " + key.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(value)")
            }
        }
        if !report.assertions.isEmpty {
            lines.append("  claimed properties:")
            for a in report.assertions {
                lines.append("    [\(a.holds ? "holds" : "FAILS")] \(a.name): \(a.observed) (expected \(a.expected))")
            }
        }
        if !report.controls.isEmpty {
            lines.append("  negative controls:")
            for c in report.controls {
                lines.append("    [\(c.detected ? "detected" : "MISSED")] \(c.name): \(c.observed) (expected \(c.expected))")
            }
        }
        for note in report.notes { lines.append("  note: \(note)") }
        return lines.joined(separator: "\n")
    }

    static func statusLabel(_ status: CheckStatus) -> String {
        guard Terminal.useColor else { return status.rawValue }
        let code: String
        switch status {
        case .passed: code = "32"
        case .failed, .error: code = "31"
        case .inconclusive: code = "33"
        }
        return "\u{1B}[\(code)m\(status.rawValue)\u{1B}[0m"
    }
}
