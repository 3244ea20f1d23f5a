// Turns the fact store into the report: derived facts, the symmetry group with its exact order and
// continuous dimension, the bound on functional dimension, the open questions and the deciding checks.

import Foundation

enum Summary {
    static func report(architecture a: Architecture, claims: [ClaimRules], outcomes: [ClaimOutcome],
                       store: FactStore) -> DeductionReport {
        var conclusions: [DerivedConclusion] = []
        for atom in store.order {
            guard let d = store.derived(atom) else { continue }
            conclusions.append(conclusion(atom, d))
        }
        // Conclusions a live check decides: shown as undecided, with the command.
        for (claim, outcome) in zip(claims, outcomes) where outcome.applies != .no {
            for (rule, ruleOutcome) in zip(claim.form?.rules ?? [], outcome.rules) where ruleOutcome.applies != .no {
                for c in rule.conclusions where c.byCheck && store.derived(c.literal.atom) == nil {
                    conclusions.append(DerivedConclusion(
                        statement: c.literal.description, value: .unknown, assumptions: ruleOutcome.assumptions,
                        trace: [claim.id], decidedBy: verifyCommand(claim.id, a), atom: c.literal.atom))
                }
            }
        }
        let group = symmetryGroup(a, store)
        conclusions += group.conclusions
        let ranks = rankSummary(a, store)
        conclusions += ranks.conclusions
        var open: [String] = []
        for question in questions(a) where !question.settled(store) {
            open.append(question.text)
            conclusions.append(DerivedConclusion(statement: question.atom.description, value: .unknown,
                                                 assumptions: [], trace: [], decidedBy: nil, atom: question.atom))
        }
        if ranks.exact == nil {
            open.append("the exact generic rank (functional dimension)"
                        + (ranks.bound.map { ": only the bound \($0) is known" } ?? ": no claim gives it"))
        }
        let counterexamples = conclusions.filter {
            if case .fact(.counterexample)? = $0.atom { return $0.value == .true || $0.value == .conditional }
            return false
        }
        let checks = zip(claims, outcomes).compactMap { claim, outcome in
            outcome.applies == .no || claim.check == nil ? nil : verifyCommand(claim.id, a)
        }
        return DeductionReport(architecture: a, claims: outcomes, conclusions: conclusions,
                               counterexamples: counterexamples, open: open, checks: checks,
                               contradictions: store.contradictions, discreteOrder: group.order,
                               continuousDimension: group.dimension, rankBound: ranks.bound, rankExact: ranks.exact)
    }

    static func conclusion(_ atom: Atom, _ d: Derivation) -> DerivedConclusion {
        let value: TruthValue = !d.assumptions.isEmpty ? .conditional : d.positive ? .true : .false
        let statement = d.assumptions.isEmpty || d.positive ? atom.description : Literal(atom, positive: false).description
        return DerivedConclusion(statement: statement, value: value, assumptions: d.assumptions.sorted(),
                                 trace: d.trace, decidedBy: nil, atom: atom)
    }

    static func verifyCommand(_ id: String, _ a: Architecture) -> String {
        var command = "nnid verify \(id) --widths " + a.widths.map(String.init).joined(separator: ",")
            + " --activation \(a.activation)"
        if let samples = a.samples { command += " --samples \(samples)" }
        return command
    }

    /// The questions every report answers or lists as open, with a test of whether the store settles them.
    static func questions(_ a: Architecture) -> [(atom: Atom, text: String, settled: (FactStore) -> Bool)] {
        let kind = "\(a.kind.rawValue) \(a.widths.map(String.init).joined(separator: ",")) \(a.activation)"
        return [
            (.fact(.identifiable(global: true, fromSample: false, modulo: nil)),
             "whether generic \(kind) networks are globally identifiable modulo their known symmetries (no claim establishes it)",
             { store in store.order.contains { atom in
                 guard case .fact(.identifiable(global: true, fromSample: false, _)) = atom else { return false }
                 return store.derived(atom)?.positive == true
             } }),
            (.fact(.identifiable(global: false, fromSample: false, modulo: nil)),
             "whether generic \(kind) networks are locally identifiable (no continuous family of equivalent parameters)",
             { store in store.derived(.fact(.identifiable(global: false, fromSample: false, modulo: nil))) != nil }),
            (.fact(.symmetriesExhaustive),
             "whether the known symmetries of \(kind) networks are all of them (symmetries-exhaustive)",
             { store in store.derived(.fact(.symmetriesExhaustive)) != nil }),
        ]
    }

    struct GroupSummary {
        var order: String?
        var dimension: Int?
        var conclusions: [DerivedConclusion]
    }

    /// The discrete part (exact order) and continuous part (dimension) of the symmetries the facts establish.
    static func symmetryGroup(_ a: Architecture, _ store: FactStore) -> GroupSummary {
        func holding(_ fact: Fact) -> Derivation? {
            guard let d = store.derived(.fact(fact)), d.positive else { return nil }
            return d
        }
        var used: [Derivation] = []
        var parts: [String] = []
        var order = Decimal.one
        var infinite = false
        // Exact decimal digits up to 10^4000; beyond that only the magnitude (lgamma), to stay fast.
        var log10Order = 0.0
        var exact = true
        if let d = holding(.symmetry(.permutation)) {
            used.append(d)
            parts.append(a.hiddenWidths.map { "\($0)!" }.joined(separator: "·"))
            log10Order = a.hiddenWidths.reduce(0) { $0 + lgamma(Double($1) + 1) / log(10) }
            exact = log10Order < 4000
            if exact { for width in a.hiddenWidths { order.multiply(byFactorial: width) } }
        }
        var perUnit = 1
        var perUnitName = ""
        if let d = holding(.symmetry(.activationAffine)) {
            switch store.activation.affineGroup {
            case .finite(let groupOrder, let description):
                used.append(d)
                perUnit = groupOrder
                perUnitName = description
            case .discreteInfinite(let description):
                used.append(d)
                infinite = true
                perUnitName = description
            default: break
            }
        }
        if perUnit < 2, !infinite, let d = holding(.symmetry(.signFlip)) {
            used.append(d)
            perUnit = 2
            perUnitName = "sign flips"
        }
        if perUnit > 1 {
            parts.append("\(perUnit)^\(a.hiddenUnits) (\(perUnitName))")
            log10Order += Double(a.hiddenUnits) * log10(Double(perUnit))
            exact = exact && log10Order < 4000
            if exact { for _ in 0..<a.hiddenUnits { order.multiply(by: perUnit) } }
        }
        var conclusions: [DerivedConclusion] = []
        var orderText: String?
        if !used.isEmpty {
            orderText = infinite ? "infinite" : exact ? order.description : "about 10^\(Int(log10Order.rounded()))"
            let formula = infinite ? "infinite (\(perUnitName) per unit)" : parts.joined(separator: " × ")
            conclusions.append(combined("discrete symmetries of order \(orderText ?? "") = \(formula)", used,
                                        step: "computed: group order"))
        }
        var dimension: Int?
        var dimensionUsed: [Derivation] = []
        for atom in store.order {
            guard case .fact(.symmetry(.continuous(let e?))) = atom, let d = store.derived(atom), d.positive,
                  let value = e.value(on: a) else { continue }
            if value > (dimension ?? -1) {
                dimension = value
                dimensionUsed = [d]
            }
        }
        if let dimension {
            conclusions.append(combined("continuous symmetries of dimension at least \(dimension)", dimensionUsed,
                                        step: "computed: continuous dimension"))
        } else if let d = store.derived(.fact(.symmetry(.continuous(dimension: nil)))), !d.positive {
            dimension = 0
            conclusions.append(combined("no continuous symmetry (dimension 0)", [d], step: "computed: continuous dimension"))
        }
        return GroupSummary(order: orderText, dimension: dimension, conclusions: conclusions)
    }

    /// The tightest bound and the exact value of the generic rank that the facts give.
    static func rankSummary(_ a: Architecture, _ store: FactStore) -> (bound: Int?, exact: Int?, conclusions: [DerivedConclusion]) {
        var bound: (Int, Derivation)?
        var exact: (Int, Derivation)?
        for atom in store.order {
            guard case .fact(.genericRank(let op, let e)) = atom, let d = store.derived(atom), d.positive,
                  let value = e.value(on: a) else { continue }
            if op == .equal, exact == nil { exact = (value, d) }
            if op == .lessOrEqual, value < (bound?.0 ?? Int.max) { bound = (value, d) }
        }
        var conclusions: [DerivedConclusion] = []
        let parameters = a.parameterCount.map { " of P = \($0) parameters" } ?? ""
        if let exact {
            conclusions.append(combined("functional dimension (generic rank) = \(exact.0)\(parameters)", [exact.1],
                                        step: "computed: rank"))
        } else if let bound {
            conclusions.append(combined("functional dimension (generic rank) ≤ \(bound.0)\(parameters)", [bound.1],
                                        step: "computed: rank"))
        }
        return (bound?.0, exact?.0, conclusions)
    }

    static func combined(_ statement: String, _ derivations: [Derivation], step: String) -> DerivedConclusion {
        var assumptions = Set<Assumption>()
        var trace: [String] = []
        for d in derivations {
            assumptions.formUnion(d.assumptions)
            Chaining.append(d.trace, to: &trace)
        }
        Chaining.append([step], to: &trace)
        return DerivedConclusion(statement: statement, value: assumptions.isEmpty ? .true : .conditional,
                                 assumptions: assumptions.sorted(), trace: trace, decidedBy: nil, atom: nil)
    }
}
