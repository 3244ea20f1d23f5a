// The public entry point: an architecture and the claims in, the applicable claims and the derived
// conclusions with their traces out. `nnid applies`, `nnid claims --applies-to`, `nnid audit` and
// `nnid analyze` all call `Deducer.deduce`.

import Foundation

public enum Applicability: String, Sendable, Codable, Comparable {
    case yes, conditional, unknown, no

    var rank: Int { [.yes: 0, .conditional: 1, .unknown: 2, .no: 3][self] ?? 3 }
    public static func < (a: Applicability, b: Applicability) -> Bool { a.rank < b.rank }
}

public enum TruthValue: String, Sendable, Codable {
    case `true`, `false`, unknown, conditional
}

public struct HypothesisOutcome: Sendable, Hashable {
    public var text: String
    /// true, false, or nil (unknown); a hypothesis that holds only under an unstated assumption is true with
    /// that assumption listed.
    public var holds: Bool?
    public var assumptions: [Assumption]
    public var reason: String
}

public struct RuleOutcome: Sendable, Hashable {
    public var label: String?
    public var applies: Applicability
    public var assumptions: [Assumption]
    public var hypotheses: [HypothesisOutcome]
    /// The first hypothesis that fails (applies = no) or is unknown (applies = unknown).
    public var decidingHypothesis: HypothesisOutcome?
}

public struct ClaimOutcome: Sendable, Hashable {
    public var id: String
    public var check: String?
    public var applies: Applicability
    /// The rule that decided `applies` (the best one), then all rules in card order.
    public var best: RuleOutcome?
    public var rules: [RuleOutcome]
    public var hasMachineForm: Bool { !rules.isEmpty }
}

public struct DerivedConclusion: Sendable, Hashable {
    public var statement: String
    public var value: TruthValue
    public var assumptions: [Assumption]
    public var trace: [String]
    /// `nnid verify …` when a live check decides this conclusion network by network.
    public var decidedBy: String?
    /// The underlying fact (nil for computed summaries such as the group order).
    public var atom: Atom?
}

public struct DeductionReport: Sendable {
    public var architecture: Architecture
    public var claims: [ClaimOutcome]
    public var conclusions: [DerivedConclusion]
    public var counterexamples: [DerivedConclusion]
    public var open: [String]
    /// `nnid verify` commands for the claims that apply, or may apply, to this architecture.
    public var checks: [String]
    public var contradictions: [Contradiction]
    /// Exact order of the discrete symmetries the claims establish (decimal; "infinite" for sin), and the
    /// dimension of the continuous ones, when known.
    public var discreteOrder: String?
    public var continuousDimension: Int?
    public var rankBound: Int?
    public var rankExact: Int?
}

public enum Deducer {
    /// Evaluates every claim on `architecture` and derives all conclusions (pure; no I/O).
    public static func deduce(_ architecture: Architecture, claims: [ClaimRules]) -> DeductionReport {
        let store = chain(architecture, claims: claims)
        let outcomes = claims.map { outcome(of: $0, in: store) }
        return Summary.report(architecture: architecture, claims: claims, outcomes: outcomes, store: store)
    }

    /// The audit grid's fast path: the contradictions, and the ids of the claims that apply (yes or
    /// conditionally), without reasons, summaries or open questions.
    public static func consistency(_ architecture: Architecture, claims: [ClaimRules])
        -> (contradictions: [Contradiction], applying: [String])
    {
        let store = chain(architecture, claims: claims)
        let applying = claims.filter { claim in
            (claim.form?.rules ?? []).contains { rule in rule.hypotheses.allSatisfy { store.truth($0) == .holds } }
        }.map(\.id)
        return (store.contradictions, applying)
    }

    static func chain(_ architecture: Architecture, claims: [ClaimRules]) -> FactStore {
        var store = FactStore(architecture: architecture)
        var mentioned = Set<Fact>()
        var named: [NamedRule] = []
        for claim in claims {
            for rule in claim.form?.rules ?? [] {
                named.append(NamedRule(step: claim.id, rule: rule))
                for literal in rule.hypotheses + rule.conclusions.map(\.literal) {
                    if case .fact(let fact) = literal.atom { mentioned.insert(fact) }
                }
            }
        }
        named += BuiltinRules.rules(for: architecture, mentioned: mentioned)
        Chaining.run(named, on: &store)
        return store
    }

    static func outcome(of claim: ClaimRules, in store: FactStore) -> ClaimOutcome {
        let rules = (claim.form?.rules ?? []).map { rule -> RuleOutcome in
            var hypotheses: [HypothesisOutcome] = []
            var applies = Applicability.yes
            var assumptions = Set<Assumption>()
            var deciding: HypothesisOutcome?
            for literal in rule.hypotheses {
                let evaluation = store.evaluate(literal)
                let outcome: HypothesisOutcome
                switch evaluation {
                case .holds(let a, _, let reason):
                    assumptions.formUnion(a)
                    outcome = HypothesisOutcome(text: literal.description, holds: true, assumptions: a.sorted(), reason: reason)
                    if !a.isEmpty && applies == .yes { applies = .conditional }
                case .fails(let reason):
                    outcome = HypothesisOutcome(text: literal.description, holds: false, assumptions: [], reason: reason)
                    if applies != .no { applies = .no; deciding = outcome }
                case .unknown(let reason):
                    outcome = HypothesisOutcome(text: literal.description, holds: nil, assumptions: [], reason: reason)
                    if applies < .unknown { applies = .unknown; deciding = outcome }
                }
                hypotheses.append(outcome)
            }
            return RuleOutcome(label: rule.label, applies: applies, assumptions: assumptions.sorted(),
                               hypotheses: hypotheses, decidingHypothesis: deciding)
        }
        let best = rules.min { $0.applies < $1.applies }
        return ClaimOutcome(id: claim.id, check: claim.check, applies: best?.applies ?? .unknown, best: best, rules: rules)
    }
}
