import Foundation
import Models

/// The text form of `nnid analyze`'s report.
enum AnalyzeRendering {
    static func text(_ r: AnalysisReport, file: String) -> String {
        var lines: [String] = []
        func units(_ list: [UnitReference]) -> String { list.isEmpty ? "none" : list.map(\.description).joined(separator: "; ") }
        lines.append("network       \(file)")
        lines.append("architecture  (\(r.architecture.map(String.init).joined(separator: ", "))), activation \(r.activation)")
        lines.append("parameters    P = \(r.parameters), hidden neurons H = \(r.hiddenNeurons)")
        lines.append("symmetries    \(r.symmetry); discrete group order \(r.groupOrder)")
        lines.append("sample        \(r.samples) inputs, \(r.samplesUsed) used" + (r.excludedSamples.isEmpty ? "" : ", \(r.excludedSamples.count) excluded on a switching boundary"))
        for b in r.excludedSamples.prefix(10) {
            lines.append("              excluded sample \(b.sample): layer \(b.layer) unit \(b.unit) has pre-activation \(fmt(b.preactivation))")
        }
        if let m = r.minPreactivation, let s = r.minPreactivationSample, let u = r.minPreactivationUnit {
            lines.append("min |z|       \(fmt(m)) at sample \(s), \(u)" + (r.boundaryTolerance.map { " (boundary tolerance \(fmt($0)))" } ?? ""))
        }
        lines.append("dead units    \(units(r.deadUnits))")
        lines.append("always active \(units(r.alwaysActiveUnits))")
        lines.append("zero in/out   incoming: \(units(r.zeroIncomingUnits)); outgoing: \(units(r.zeroOutgoingUnits))")
        lines.append("twin units    " + (r.twinUnits.isEmpty ? "none" : r.twinUnits.map {
            "layer \($0.layer) units \($0.first) & \($0.second) (\($0.relation)\($0.relation == "positive multiple" ? " \(fmt($0.factor))" : ""))"
        }.joined(separator: "; ")))
        lines.append("jacobian      \(r.jacobianRows) × \(r.parameters), rank \(r.rank) (\(r.rankMethod)), s_r = \(fmt(r.sigmaR)), s_r+1 = \(fmt(r.sigmaRPlus1)), gap \(r.gap.map(fmt) ?? "∞"), tolerance \(fmt(r.tolerance))")
        lines.append("max rank      \(r.maxRank): \(r.maxRankReason)")
        if let rA = r.rA { lines.append("R_A           \(rA)") }
        lines.append("verdict       \(r.verdict.replacingOccurrences(of: "_", with: " ")): \(r.reason)")
        if let needed = r.moreSamplesNeeded, needed > 0 {
            lines.append("              at least \(needed) more samples are needed before the rank can reach \(r.maxRank)")
        }
        if let exact = r.exactRank {
            lines.append("exact rank    \(exact.rank) (ranks \(exact.ranksModulo.map(String.init).joined(separator: ", ")) modulo primes \(exact.primes.map(String.init).joined(separator: ", "))); \(exact.statement)")
            if !exact.uncertifiedSamples.isEmpty {
                lines.append("              \(exact.uncertifiedSamples.count) samples left out: their activation pattern is not certain in floating point")
            }
        }
        lines.append("applicable    \(r.applicableClaims.count) claims (\(r.applicableClaimsSource))")
        for claim in r.applicableClaims { lines.append("              \(claim.id): \(claim.conclusion)") }
        return lines.joined(separator: "\n")
    }

    static func comparison(_ c: ComparisonReport, other: String) -> String {
        var lines = ["compare       \(other)"]
        lines.append("equivalent    \(c.equivalent ? "yes" : "no") modulo symmetries (\(c.method)): max parameter difference after alignment \(fmt(c.maxParameterDifference)) (threshold \(fmt(c.threshold)))")
        if let d = c.maxOutputDifference { lines.append("outputs       max |f_A − f_B| on the sample = \(fmt(d))") }
        for layer in c.alignment {
            let pairs = layer.permutation.enumerated().map { i, j in
                let f = layer.factors[i]
                return "\(i)←\(j)" + (f == 1 ? "" : (f == -1 ? "(−)" : "(×\(fmt(f)))"))
            }
            lines.append("alignment     layer \(layer.layer): " + pairs.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    static func fmt(_ v: Double) -> String {
        if v == 0 { return "0" }
        if v.isInfinite { return "∞" }
        return String(format: abs(v) >= 1e-3 && abs(v) < 1e5 ? "%.6g" : "%.3e", v)
    }
}
