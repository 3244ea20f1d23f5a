// Background rules that hold for every architecture (README: "Built-in rules"). Rules that compare numbers
// are made per architecture, from the rank and dimension facts the claims mention.

import Foundation

enum BuiltinRules {
    static func rules(for architecture: Architecture, mentioned: Set<Fact>) -> [NamedRule] {
        let continuous = Literal(.fact(.symmetry(.continuous(dimension: nil))))
        let local = Literal(.fact(.identifiable(global: false, fromSample: false, modulo: nil)))
        let fullRank = Fact.genericRank(.equal, .quantity(.parameters))
        var rules: [NamedRule] = []
        var ranks: [Fact] = [fullRank]
        for case .symmetry(.continuous(let dimension?)) in mentioned {
            let symmetry = Literal(.fact(.symmetry(.continuous(dimension: dimension))))
            rules.append(NamedRule(step: "rule: continuous-dimension", rule: Rule(
                hypotheses: [symmetry, Literal(.comparison(dimension, .greater, .number(0)))],
                conclusions: [Conclusion(literal: continuous, byCheck: false)])))
            let bound = Fact.genericRank(.lessOrEqual, .difference(.quantity(.parameters), dimension))
            ranks.append(bound)
            rules.append(NamedRule(step: "rule: orbit-rank", rule: Rule(
                hypotheses: [symmetry], conclusions: [Conclusion(literal: Literal(.fact(bound)), byCheck: false)])))
        }
        rules.append(NamedRule(step: "rule: continuous-fibres", rule: Rule(
            hypotheses: [continuous], conclusions: [Conclusion(literal: local.negated, byCheck: false)])))
        for group in [Modulo.permutation, .signedPermutation] {
            rules.append(NamedRule(step: "rule: global-implies-local", rule: Rule(
                hypotheses: [Literal(.fact(.identifiable(global: true, fromSample: false, modulo: group)))],
                conclusions: [Conclusion(literal: local, byCheck: false)])))
        }
        rules.append(NamedRule(step: "rule: global-implies-local", rule: Rule(
            hypotheses: [Literal(.fact(.identifiable(global: true, fromSample: false, modulo: .activationAffine))),
                         Literal(.property(.affineFinite))],
            conclusions: [Conclusion(literal: local, byCheck: false)])))
        rules.append(NamedRule(step: "rule: full-rank-local", rule: Rule(
            hypotheses: [Literal(.fact(fullRank))], conclusions: [Conclusion(literal: local, byCheck: false)])))
        for case .genericRank(let op, let expression) in mentioned where !ranks.contains(.genericRank(op, expression)) {
            ranks.append(.genericRank(op, expression))
        }
        rules += rankArithmetic(ranks, on: architecture)
        return rules
    }

    /// `generic-rank <= b` excludes `generic-rank = e` when e > b; two different equalities exclude each other.
    private static func rankArithmetic(_ ranks: [Fact], on architecture: Architecture) -> [NamedRule] {
        var rules: [NamedRule] = []
        for (i, first) in ranks.enumerated() {
            for second in ranks[(i + 1)...] {
                guard case .genericRank(let op1, let e1) = first, case .genericRank(let op2, let e2) = second,
                      let v1 = e1.value(on: architecture), let v2 = e2.value(on: architecture) else { continue }
                let excludes: Bool
                switch (op1, op2) {
                case (.equal, .equal): excludes = v1 != v2
                case (.equal, .lessOrEqual): excludes = v1 > v2
                case (.lessOrEqual, .equal): excludes = v2 > v1
                default: excludes = false
                }
                guard excludes else { continue }
                rules.append(NamedRule(step: "rule: rank-arithmetic (\(first) is \(v1), \(second) is \(v2))", rule: Rule(
                    hypotheses: [Literal(.fact(first))],
                    conclusions: [Conclusion(literal: Literal(.fact(second), positive: false), byCheck: false)])))
            }
        }
        return rules
    }
}
