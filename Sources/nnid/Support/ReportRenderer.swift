import Claims

/// Text rendering of check reports for `show` and `verify`.
enum ReportRenderer {
    static func text(_ report: CheckReport) -> String {
        var lines: [String] = []
        let seconds = report.durationMs < 1000 ? "\(ReportSummary.number(report.durationMs)) ms"
            : "\(ReportSummary.number(report.durationMs / 1000)) s"
        lines.append("verification: \(statusLabel(report.status)) (check \(report.check), \(seconds))")
        if let result = ReportSummary.keyResult(report) { lines.append("  result: \(result)") }
        if let refusal = report.refusal {
            lines.append("  refused: \(refusal)")
        } else if let error = report.error {
            lines.append("  error: \(error)")
        }
        for hypothesis in report.notApplicable { lines.append("  not applicable: \(hypothesis)") }
        if !report.rejectedDraws.isEmpty {
            lines.append("  rejected draws: \(report.rejectedDraws.count)")
            for reason in report.rejectedDraws.prefix(5) { lines.append("    - \(reason)") }
        }
        for reason in report.inconclusive { lines.append("  inconclusive: \(reason)") }
        if let estimate = report.estimate {
            lines.append("  estimate: \(ResourceEstimate.formatBytes(estimate.bytes)), ~\(ReportSummary.number(estimate.seconds)) s (\(estimate.detail))")
        }
        if !report.parameters.isEmpty {
            lines.append("  parameters: " + report.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: " "))
        }
        if !report.metrics.isEmpty {
            lines.append("  metrics:")
            let width = report.metrics.keys.map(\.count).max() ?? 0
            for key in ReportSummary.orderedMetricNames(report) {
                guard let value = report.metrics[key] else { continue }
                lines.append("    " + key.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                             + ReportSummary.text(value))
            }
        }
        if !report.assertions.isEmpty {
            lines.append("  claimed properties:")
            for a in report.assertions {
                let tag = a.holds ? "holds" : (a.undecided != nil ? "undecided" : "FAILS")
                lines.append(ReportSummary.shortenNumbers(in: "    [\(tag)] \(a.name): \(a.observed) (expected \(a.expected))"))
            }
        }
        if !report.controls.isEmpty {
            lines.append("  negative controls:")
            for c in report.controls {
                if let skipped = c.skipped {
                    lines.append("    [skipped] \(c.name): \(skipped)")
                    continue
                }
                let tag = c.detected ? "detected" : (c.collapsed != nil ? "collapsed" : "MISSED")
                lines.append(ReportSummary.shortenNumbers(in: "    [\(tag)] \(c.name): \(c.observed) (expected \(c.expected))"))
                if c.refutes != c.name { lines.append("      refutes: \(c.refutes)") }
                if let collapsed = c.collapsed { lines.append("      collapsed: \(collapsed)") }
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
        case .notApplicable: code = "36"
        }
        return "\u{1B}[\(code)m\(status.rawValue)\u{1B}[0m"
    }
}
