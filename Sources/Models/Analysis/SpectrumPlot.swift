import Foundation

/// The singular-value spectrum as an SVG we write ourselves: log-scale values against their index, the
/// max-rank index (P − H or P) as a vertical line, the tolerance as a horizontal line, and the gap between
/// s_r and s_{r+1} marked.
public enum SpectrumPlot {
    public static func svg(report: AnalysisReport, title: String) -> String {
        let values = report.singularValues
        let (width, height) = (760.0, 440.0)
        let (left, right, top, bottom) = (78.0, 24.0, 56.0, 58.0)
        let plotW = width - left - right, plotH = height - top - bottom
        let floor = max(report.tolerance * 1e-3, (values.last(where: { $0 > 0 }) ?? report.tolerance) / 10, 1e-300)
        let positive = values.map { max($0, floor) }
        let maxLog = (log10(positive.first ?? 1)).rounded(.up)
        let minLog = min(log10(floor), log10(max(report.tolerance, floor))).rounded(.down)
        let span = max(maxLog - minLog, 1)
        let count = max(values.count, report.maxRank, 1)
        func x(_ index: Double) -> Double { left + plotW * (index - 1) / max(Double(count - 1), 1) }
        func y(_ value: Double) -> Double { top + plotH * (maxLog - log10(max(value, floor))) / span }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="22" font-size="15" font-weight="bold">\(escape(title))</text>
        <text x="\(left)" y="40" fill="#444">rank \(report.rank) of max \(report.maxRank) · verdict: \(report.verdict.replacingOccurrences(of: "_", with: " "))\(report.gap.map { " · gap s_r/s_r+1 = " + format($0) } ?? "")</text>
        <rect x="\(left)" y="\(top)" width="\(plotW)" height="\(plotH)" fill="none" stroke="#888"/>

        """
        // Decade grid and labels.
        var decade = minLog
        let step = max(1, (span / 8).rounded(.up))
        while decade <= maxLog {
            let yy = y(pow(10, decade))
            svg += "<line x1=\"\(left)\" y1=\(q(yy)) x2=\"\(left + plotW)\" y2=\(q(yy)) stroke=\"#eee\"/>"
            svg += "<text x=\"\(left - 6)\" y=\(q(yy + 4)) text-anchor=\"end\">1e\(Int(decade))</text>\n"
            decade += step
        }
        for tick in ticks(count) {
            svg += "<text x=\(q(x(Double(tick)))) y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(tick)</text>\n"
        }
        svg += "<text x=\"\(left + plotW / 2)\" y=\"\(height - 14)\" text-anchor=\"middle\">index i of the singular value s_i</text>\n"
        svg += "<text transform=\"translate(18 \(top + plotH / 2)) rotate(-90)\" text-anchor=\"middle\">s_i (log scale)</text>\n"
        // Tolerance.
        let ty = y(report.tolerance)
        svg += "<line x1=\"\(left)\" y1=\(q(ty)) x2=\"\(left + plotW)\" y2=\(q(ty)) stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>"
        svg += "<text x=\"\(left + plotW - 4)\" y=\(q(ty - 5)) text-anchor=\"end\" fill=\"#d62728\">tolerance \(format(report.tolerance))</text>\n"
        // Max rank index.
        let mx = x(Double(report.maxRank))
        svg += "<line x1=\(q(mx)) y1=\"\(top)\" x2=\(q(mx)) y2=\"\(top + plotH)\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\(q(mx - 4)) y=\"\(top + 14)\" text-anchor=\"end\" fill=\"#2ca02c\">max rank \(report.maxRank)</text>\n"
        // The spectrum.
        if !values.isEmpty {
            let points = positive.enumerated().map { "\(q2(x(Double($0.offset + 1)))),\(q2(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>\n"
            if values.count <= 400 {
                for (i, v) in positive.enumerated() {
                    svg += "<circle cx=\(q(x(Double(i + 1)))) cy=\(q(y(v))) r=\"2\" fill=\"#1f77b4\"/>"
                }
                svg += "\n"
            }
        } else {
            svg += "<text x=\"\(left + 20)\" y=\"\(top + 30)\">the spectrum was not computed</text>\n"
        }
        // The gap between s_r and s_{r+1}.
        if report.rank > 0, report.rank < values.count {
            let gx = x(Double(report.rank) + 0.5)
            let (y1, y2) = (y(values[report.rank - 1]), y(values[report.rank]))
            svg += "<line x1=\(q(gx)) y1=\(q(y1)) x2=\(q(gx)) y2=\(q(y2)) stroke=\"#ff7f0e\" stroke-width=\"2.5\"/>"
            svg += "<text x=\(q(gx + 6)) y=\(q((y1 + y2) / 2)) fill=\"#ff7f0e\">gap at r = \(report.rank)</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    static func ticks(_ count: Int) -> [Int] {
        let step = max(1, Int(pow(10, floor(log10(Double(max(count, 1)) / 2)))))
        var result = [1]
        var t = step
        while t <= count { if t > 1 { result.append(t) }; t += step * (count / step > 10 ? 2 : 1) }
        return result
    }

    static func q(_ v: Double) -> String { "\"\(String(format: "%.1f", v))\"" }
    static func q2(_ v: Double) -> String { String(format: "%.1f", v) }
    static func format(_ v: Double) -> String { String(format: "%.3g", v) }
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
