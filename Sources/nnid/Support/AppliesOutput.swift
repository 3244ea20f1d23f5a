import Deduction
import Foundation

/// The JSON contract of `nnid applies` (issue 11); more keys may be added, none removed.
struct AppliesJSON: Encodable {
    struct ArchitectureJSON: Encodable {
        var kind: String, widths: [Int], activation: String, bias: Bool, samples: Int?, assumptions: [String]
        var parameters: Int?, hiddenUnits: Int, kernelSize: Int?
        enum CodingKeys: String, CodingKey {
            case kind, widths, activation, bias, samples, assumptions, parameters
            case hiddenUnits = "hidden_units", kernelSize = "kernel_size"
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(widths, forKey: .widths)
            try c.encode(activation, forKey: .activation)
            try c.encode(bias, forKey: .bias)
            try c.encode(samples, forKey: .samples)
            try c.encode(assumptions, forKey: .assumptions)
            try c.encode(parameters, forKey: .parameters)
            try c.encode(hiddenUnits, forKey: .hiddenUnits)
            try c.encode(kernelSize, forKey: .kernelSize)
        }
    }

    struct HypothesisJSON: Encodable {
        var text: String, holds: Bool?, reason: String, assumptions: [String]
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(holds, forKey: .holds)
            try c.encode(reason, forKey: .reason)
            try c.encode(assumptions, forKey: .assumptions)
        }
        enum CodingKeys: String, CodingKey { case text, holds, reason, assumptions }
        init(_ h: HypothesisOutcome) {
            text = h.text
            holds = h.holds
            reason = h.reason
            assumptions = h.assumptions.map(\.rawValue)
        }
    }

    struct RuleJSON: Encodable {
        var label: String?
        var applies: String
        var hypotheses: [HypothesisJSON]
    }

    struct ClaimJSON: Encodable {
        var id: String, applies: String, rule: String?, assumptions: [String], hypotheses: [HypothesisJSON]
        var decidingHypothesis: HypothesisJSON?, check: String?, rules: [RuleJSON]
        enum CodingKeys: String, CodingKey {
            case id, applies, rule, assumptions, hypotheses, check, rules
            case decidingHypothesis = "deciding_hypothesis"
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(applies, forKey: .applies)
            try c.encode(rule, forKey: .rule)
            try c.encode(assumptions, forKey: .assumptions)
            try c.encode(hypotheses, forKey: .hypotheses)
            try c.encode(decidingHypothesis, forKey: .decidingHypothesis)
            try c.encode(check, forKey: .check)
            try c.encode(rules, forKey: .rules)
        }
    }

    struct ConclusionJSON: Encodable {
        var statement: String, value: String, assumptions: [String], trace: [String], decidedBy: String?
        enum CodingKeys: String, CodingKey {
            case statement, value, assumptions, trace
            case decidedBy = "decided_by"
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(statement, forKey: .statement)
            try c.encode(value, forKey: .value)
            try c.encode(assumptions, forKey: .assumptions)
            try c.encode(trace, forKey: .trace)
            try c.encode(decidedBy, forKey: .decidedBy)
        }
        init(_ d: DerivedConclusion) {
            statement = d.statement
            value = d.value.rawValue
            assumptions = d.assumptions.map(\.rawValue)
            trace = d.trace
            decidedBy = d.decidedBy
        }
    }

    struct ContradictionJSON: Encodable {
        var statement: String, traceTrue: [String], traceFalse: [String]
        enum CodingKeys: String, CodingKey {
            case statement, traceTrue = "trace_true", traceFalse = "trace_false"
        }
    }

    struct GroupJSON: Encodable {
        var discreteOrder: String?, continuousDimension: Int?
        enum CodingKeys: String, CodingKey {
            case discreteOrder = "discrete_order", continuousDimension = "continuous_dimension"
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(discreteOrder, forKey: .discreteOrder)
            try c.encode(continuousDimension, forKey: .continuousDimension)
        }
    }

    struct RankJSON: Encodable {
        var bound: Int?, exact: Int?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(bound, forKey: .bound)
            try c.encode(exact, forKey: .exact)
        }
        enum CodingKeys: String, CodingKey { case bound, exact }
    }

    var architecture: ArchitectureJSON
    var claims: [ClaimJSON]
    var conclusions: [ConclusionJSON]
    var counterexamples: [ConclusionJSON]
    var open: [String]
    var checks: [String]
    var contradictions: [ContradictionJSON]
    var symmetryGroup: GroupJSON
    var genericRank: RankJSON

    enum CodingKeys: String, CodingKey {
        case architecture, claims, conclusions, counterexamples, open, checks, contradictions
        case symmetryGroup = "symmetry_group", genericRank = "generic_rank"
    }

    init(_ report: DeductionReport) {
        let a = report.architecture
        architecture = ArchitectureJSON(kind: a.kind.rawValue, widths: a.widths, activation: a.activation.description,
                                        bias: a.bias, samples: a.samples, assumptions: a.assumptions.sorted().map(\.rawValue),
                                        parameters: a.parameterCount, hiddenUnits: a.hiddenUnits, kernelSize: a.kernelSize)
        claims = report.claims.map { claim in
            ClaimJSON(id: claim.id, applies: claim.applies.rawValue, rule: claim.best?.label,
                      assumptions: claim.best?.assumptions.map(\.rawValue) ?? [],
                      hypotheses: claim.best?.hypotheses.map(HypothesisJSON.init) ?? [],
                      decidingHypothesis: claim.best?.decidingHypothesis.map(HypothesisJSON.init), check: claim.check,
                      rules: claim.rules.map { RuleJSON(label: $0.label, applies: $0.applies.rawValue,
                                                        hypotheses: $0.hypotheses.map(HypothesisJSON.init)) })
        }
        conclusions = report.conclusions.map(ConclusionJSON.init)
        counterexamples = report.counterexamples.map(ConclusionJSON.init)
        open = report.open
        checks = report.checks
        contradictions = report.contradictions.map {
            ContradictionJSON(statement: $0.statement, traceTrue: $0.traceTrue, traceFalse: $0.traceFalse)
        }
        symmetryGroup = GroupJSON(discreteOrder: report.discreteOrder, continuousDimension: report.continuousDimension)
        genericRank = RankJSON(bound: report.rankBound, exact: report.rankExact)
    }
}

/// The text form of `nnid applies`.
enum AppliesText {
    static func render(_ report: DeductionReport) -> String {
        let a = report.architecture
        var out: [String] = []
        let assumptions = a.assumptions.isEmpty ? "none stated" : a.assumptions.sorted().map(\.rawValue).joined(separator: ", ")
        out.append("architecture: \(a.kind.rawValue) \(a.widths.map(String.init).joined(separator: ",")), activation "
                   + "\(a.activation), \(a.bias ? "with" : "without") biases, P = \(a.parameterCount.map(String.init) ?? "unknown"), "
                   + "H = \(a.hiddenUnits), samples: \(a.samples.map(String.init) ?? "not given"); assumptions: \(assumptions)")
        for (title, filter) in [("claims that apply", Applicability.yes), ("apply conditionally", .conditional),
                                ("undecided (a hypothesis is unknown)", .unknown), ("do not apply", .no)] {
            let claims = report.claims.filter { $0.applies == filter }
            guard !claims.isEmpty else { continue }
            out.append("")
            out.append("\(title):")
            for claim in claims {
                var line = "  \(claim.id)"
                if let best = claim.best {
                    if let label = best.label, claim.rules.count > 1 { line += " [\(label)]" }
                    switch filter {
                    case .conditional: line += " — assuming " + best.assumptions.map(\.rawValue).joined(separator: ", ")
                    case .unknown, .no:
                        if let h = best.decidingHypothesis { line += " — \(h.text): \(h.reason)" }
                    case .yes: break
                    }
                } else {
                    line += " — no machine-readable form"
                }
                out.append(line)
            }
        }
        out.append("")
        out.append("conclusions:")
        for c in report.conclusions where c.value != .unknown || c.decidedBy != nil {
            guard headline(c) else { continue }
            out += conclusion(c)
        }
        out.append("  (all derived facts, including excluded rank values: --format json)")
        if !report.counterexamples.isEmpty {
            out.append("")
            out.append("known counterexamples:")
            for c in report.counterexamples { out.append("  \(c.statement) (\(c.trace.last ?? ""))") }
        }
        if !report.contradictions.isEmpty {
            out.append("")
            out.append("contradictions:")
            for c in report.contradictions {
                out.append("  \(c.statement) derived true by " + c.traceTrue.joined(separator: " → "))
                out.append("    and false by " + c.traceFalse.joined(separator: " → "))
            }
        }
        if !report.open.isEmpty {
            out.append("")
            out.append("open (no claim settles it):")
            for question in report.open { out.append("  \(question)") }
        }
        if !report.checks.isEmpty {
            out.append("")
            out.append("live checks that can decide more:")
            for check in report.checks { out.append("  \(check)") }
        }
        return out.joined(separator: "\n")
    }

    /// Text output leaves out negated rank values and dimension-specific negations (the summary lines say
    /// the same in one line); JSON keeps every fact.
    private static func headline(_ c: DerivedConclusion) -> Bool {
        guard c.value == .false || (c.value == .conditional && c.statement.hasPrefix("not ")) else { return true }
        switch c.atom {
        case .fact(.genericRank)?, .fact(.symmetry(.continuous(dimension: .some)))?: return false
        default: return true
        }
    }

    private static func conclusion(_ c: DerivedConclusion) -> [String] {
        var head = "  \(c.value.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(c.statement)"
        if !c.assumptions.isEmpty { head += "  [assuming \(c.assumptions.map(\.rawValue).joined(separator: ", "))]" }
        var lines = [head]
        if let decidedBy = c.decidedBy { lines.append("      decided by: \(decidedBy)") }
        if !c.trace.isEmpty { lines.append("      because: " + c.trace.joined(separator: " → ")) }
        return lines
    }
}
