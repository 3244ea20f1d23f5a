// Forward chaining with contrapositives over claim rules, built-in rules and the activation registry.
// Every fact keeps its polarity, the assumptions it needs and its trace (claims and facts used, in order).

import Foundation

/// One claim as the engine sees it: its id, check and machine form (nil when the card has none).
public struct ClaimRules: Sendable, Hashable {
    public var id: String
    public var check: String?
    public var form: MachineForm?

    public init(id: String, check: String? = nil, form: MachineForm?) {
        self.id = id
        self.check = check
        self.form = form
    }
}

/// A derived (or given) truth: which way, under which unstated assumptions, and why.
struct Derivation: Sendable {
    var positive: Bool
    var assumptions: Set<Assumption>
    var trace: [String]
}

/// The outcome of one hypothesis.
enum Evaluation {
    case holds(assumptions: Set<Assumption>, trace: [String], reason: String)
    case fails(reason: String)
    case unknown(reason: String)

    var reason: String {
        switch self {
        case .holds(_, _, let r), .fails(let r), .unknown(let r): return r
        }
    }
}

/// A rule with the step name its traces show (a claim id or `rule: NAME`).
struct NamedRule {
    var step: String
    var rule: Rule
}

struct FactStore {
    let architecture: Architecture
    let activation: ActivationFacts
    private(set) var facts: [Atom: Derivation] = [:]
    private(set) var order: [Atom] = []
    private(set) var contradictions: [Contradiction] = []

    init(architecture: Architecture) {
        self.architecture = architecture
        activation = ActivationRegistry.facts(for: architecture.activation)
    }

    func derived(_ atom: Atom) -> Derivation? { facts[atom] }

    /// Records `literal`; returns true when the store changed. An opposite fact is a contradiction.
    mutating func assert(_ literal: Literal, assumptions: Set<Assumption>, trace: [String]) -> Bool {
        if let existing = facts[literal.atom] {
            if existing.positive != literal.positive {
                if !contradictions.contains(where: { $0.atom == literal.atom }) {
                    let (yes, no) = existing.positive ? (existing.trace, trace) : (trace, existing.trace)
                    contradictions.append(Contradiction(atom: literal.atom, traceTrue: yes, traceFalse: no))
                }
                return false
            }
            // Keep the derivation with fewer assumptions; between equals, the shorter trace (the more direct claim).
            guard assumptions.isSubset(of: existing.assumptions),
                  assumptions != existing.assumptions || trace.count < existing.trace.count else {
                return false
            }
        } else {
            order.append(literal.atom)
        }
        facts[literal.atom] = Derivation(positive: literal.positive, assumptions: assumptions, trace: trace)
        return true
    }

    enum Truth { case holds, fails, unknown }

    /// The truth of `literal` without reasons or traces (the chaining loop's fast path); agrees with
    /// `evaluate` case by case.
    func truth(_ literal: Literal) -> Truth {
        let base: Truth
        var conditional = false
        switch literal.atom {
        case .kind(let kinds): base = kinds.contains(architecture.kind) ? .holds : .fails
        case .activation(let families): base = families.contains(architecture.activation.family) ? .holds : .fails
        case .bias: base = architecture.bias ? .holds : .fails
        case .assumption(let assumption):
            base = .holds
            conditional = !architecture.assumptions.contains(assumption)
        case .property(let property):
            if let value = activation.property(property).value {
                base = value ? .holds : .fails
            } else if let d = facts[literal.atom] {
                base = d.positive ? .holds : .fails
                conditional = !d.assumptions.isEmpty
            } else {
                base = .unknown
            }
        case .fact:
            if let d = facts[literal.atom] {
                base = d.positive ? .holds : .fails
                conditional = !d.assumptions.isEmpty
            } else {
                base = .unknown
            }
        case .widthsNonIncreasing:
            let tail = architecture.widths.dropFirst()
            base = zip(tail, tail.dropFirst()).allSatisfy { $0 >= $1 } ? .holds : .fails
        case .comparison(let x, let op, let y):
            if let u = x.value(on: architecture), let v = y.value(on: architecture) {
                base = op.holds(u, v) ? .holds : .fails
            } else {
                base = .unknown
            }
        }
        if literal.positive { return base }
        switch base {
        case .holds: return conditional ? .unknown : .fails
        case .fails: return .holds
        case .unknown: return .unknown
        }
    }

    /// The truth of `literal` on the architecture and the facts derived so far.
    func evaluate(_ literal: Literal) -> Evaluation {
        let base = evaluate(literal.atom)
        if literal.positive { return base }
        if literal.atom.isDerivable, let d = facts[literal.atom], !d.positive {
            let how = d.assumptions.isEmpty ? "derived" : "derived under " + Self.names(d.assumptions)
            return .holds(assumptions: d.assumptions, trace: d.trace, reason: how)
        }
        switch base {
        case .holds(let assumptions, _, let reason):
            return assumptions.isEmpty ? .fails(reason: reason)
                : .unknown(reason: "\(reason); it would fail under " + Self.names(assumptions))
        case .fails(let reason):
            let detail = literal.atom.isDerivable ? " (\(reason))" : ""
            return .holds(assumptions: [], trace: ["fact: \(literal)\(detail)"], reason: reason)
        case .unknown(let reason):
            return .unknown(reason: reason)
        }
    }

    private func evaluate(_ atom: Atom) -> Evaluation {
        let a = architecture
        switch atom {
        case .kind(let kinds):
            return given(kinds.contains(a.kind), atom, "the kind is \(a.kind.rawValue)")
        case .activation(let families):
            return given(families.contains(a.activation.family), atom, "the activation is \(a.activation)")
        case .bias:
            return given(a.bias, atom, a.bias ? "the layers have biases" : "no biases (--no-bias)")
        case .widthsNonIncreasing:
            let tail = Array(a.widths.dropFirst())
            let ok = zip(tail, tail.dropFirst()).allSatisfy { $0 >= $1 }
            return given(ok, atom, "widths " + a.widths.map(String.init).joined(separator: ","))
        case .assumption(let assumption):
            if a.assumptions.contains(assumption) {
                return .holds(assumptions: [], trace: ["assumed: \(assumption.rawValue)"],
                              reason: "stated with --assume \(assumption.rawValue)")
            }
            return .holds(assumptions: [assumption], trace: ["assumption: \(assumption.rawValue) (not stated)"],
                          reason: "not stated: holds only if \(assumption.rawValue) is assumed")
        case .comparison(let x, let op, let y):
            guard let u = x.value(on: a), let v = y.value(on: a) else {
                let missing = [x, y].first { $0.value(on: a) == nil }.map(\.description) ?? "?"
                let why = a.samples == nil && missing.contains("N") ? "N is not given (--samples)"
                    : "\(missing) is not fixed by the description"
                return .unknown(reason: why)
            }
            let shown = [x, y].compactMap { e -> String? in
                if case .number = e { return nil }
                return "\(e) = \(e.value(on: a) ?? 0)"
            }.joined(separator: ", ")
            return given(op.holds(u, v), atom, shown)
        case .property(let property):
            let known = activation.property(property)
            if let value = known.value {
                let reason = "\(a.activation): \(known.source)"
                return value ? .holds(assumptions: [], trace: ["fact: \(atom) (\(reason))"], reason: reason)
                    : .fails(reason: reason)
            }
            if let d = facts[atom] { return derivedEvaluation(d, atom) }
            return .unknown(reason: "\(property.rawValue) is unknown for \(a.activation): \(known.source)")
        case .fact:
            if let d = facts[atom] { return derivedEvaluation(d, atom) }
            return .unknown(reason: "no claim settles it")
        }
    }

    private func given(_ value: Bool, _ atom: Atom, _ reason: String) -> Evaluation {
        value ? .holds(assumptions: [], trace: ["fact: \(atom)"], reason: reason) : .fails(reason: reason)
    }

    private func derivedEvaluation(_ d: Derivation, _ atom: Atom) -> Evaluation {
        if d.positive {
            let how = d.assumptions.isEmpty ? "derived" : "derived under " + Self.names(d.assumptions)
            return .holds(assumptions: d.assumptions, trace: d.trace, reason: how)
        }
        return d.assumptions.isEmpty ? .fails(reason: "derived false")
            : .unknown(reason: "derived false under " + Self.names(d.assumptions))
    }

    static func names(_ assumptions: Set<Assumption>) -> String {
        assumptions.sorted().map(\.rawValue).joined(separator: ", ")
    }
}

/// The two traces behind a fact derived both true and false.
public struct Contradiction: Sendable, Hashable {
    public var atom: Atom
    public var traceTrue: [String]
    public var traceFalse: [String]

    public var statement: String { atom.description }
}

enum Chaining {
    /// Runs every rule forwards, and backwards where a conclusion is known false, until nothing changes.
    static func run(_ rules: [NamedRule], on store: inout FactStore) {
        var changed = true
        var rounds = 0
        while changed && rounds < 64 {
            changed = false
            rounds += 1
            for named in rules {
                let truths = named.rule.hypotheses.map { store.truth($0) }
                if truths.contains(where: { $0 == .fails }) { continue }
                let unknowns = truths.filter { $0 == .unknown }.count
                if unknowns > 1 { continue }
                if unknowns == 1 {
                    // Only a contrapositive can follow, and only when a conclusion is known false.
                    let refuted = named.rule.conclusions.contains { c in
                        !c.byCheck && store.derived(c.literal.atom).map { $0.positive != c.literal.positive } == true
                    }
                    if !refuted { continue }
                }
                let evaluations = named.rule.hypotheses.map { store.evaluate($0) }
                var assumptions = Set<Assumption>()
                var trace: [String] = []
                var allHold = true
                for evaluation in evaluations {
                    guard case .holds(let a, let t, _) = evaluation else { allHold = false; break }
                    assumptions.formUnion(a)
                    append(t, to: &trace)
                }
                if allHold {
                    for conclusion in named.rule.conclusions where !conclusion.byCheck {
                        var steps = trace
                        append([named.step], to: &steps)
                        changed = store.assert(conclusion.literal, assumptions: assumptions, trace: steps) || changed
                    }
                    continue
                }
                changed = contrapose(named, evaluations, on: &store) || changed
            }
        }
    }

    /// Modus tollens: a conclusion known false and all hypotheses but one derivable hypothesis holding
    /// make that hypothesis false.
    private static func contrapose(_ named: NamedRule, _ evaluations: [Evaluation], on store: inout FactStore) -> Bool {
        let open = evaluations.indices.filter {
            if case .holds = evaluations[$0] { return false }
            return true
        }
        guard open.count == 1, let index = open.first, case .unknown = evaluations[index],
              named.rule.hypotheses[index].atom.isDerivable else { return false }
        var changed = false
        for conclusion in named.rule.conclusions where !conclusion.byCheck {
            guard let known = store.derived(conclusion.literal.atom), known.positive != conclusion.literal.positive
            else { continue }
            var assumptions = known.assumptions
            var trace: [String] = []
            for (i, evaluation) in evaluations.enumerated() where i != index {
                if case .holds(let a, let t, _) = evaluation {
                    assumptions.formUnion(a)
                    append(t, to: &trace)
                }
            }
            append(known.trace, to: &trace)
            append(["contrapositive: \(named.step)"], to: &trace)
            changed = store.assert(named.rule.hypotheses[index].negated, assumptions: assumptions, trace: trace) || changed
        }
        return changed
    }

    static func append(_ steps: [String], to trace: inout [String]) {
        for step in steps where !trace.contains(step) { trace.append(step) }
    }
}
