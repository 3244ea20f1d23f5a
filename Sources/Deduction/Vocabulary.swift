// The machine-readable vocabulary of claim cards: numeric expressions over the architecture, hypothesis
// atoms, conclusion facts, literals and rules. Every type prints in the syntax the parser reads back.

import Foundation

/// A number computed from the architecture (README: "Quantities").
public enum Quantity: String, Sendable, Hashable, CaseIterable {
    case parameters = "P", hiddenUnits = "H", samples = "N", hiddenLayers = "L", inputWidth = "n0"
    case outputWidth = "nL", minWidth = "r", minHiddenWidth = "min-hidden-width"
    case maxHiddenWidth = "max-hidden-width", generalLinear = "GL", bias = "B"

    static let aliases: [String: Quantity] = [
        "params": .parameters, "hidden-units": .hiddenUnits, "samples": .samples, "hidden-layers": .hiddenLayers,
        "input-width": .inputWidth, "output-width": .outputWidth, "min-width": .minWidth,
    ]

    static func named(_ name: String) -> Quantity? { Quantity(rawValue: name) ?? aliases[name] }

    /// The value on `architecture`, or nil when the description does not fix it.
    public func value(on a: Architecture) -> Int? {
        switch self {
        case .parameters: return a.parameterCount
        case .hiddenUnits: return a.hiddenUnits
        case .samples: return a.samples
        case .hiddenLayers: return a.hiddenLayers
        case .inputWidth: return a.inputWidth
        case .outputWidth: return a.outputWidth
        case .minWidth: return a.widths.min()
        case .minHiddenWidth: return a.hiddenWidths.min()
        case .maxHiddenWidth: return a.hiddenWidths.max()
        case .generalLinear: return a.generalLinearDimension
        case .bias: return a.bias ? 1 : 0
        }
    }
}

/// Integer arithmetic over quantities: `N * nL >= P - H`.
public indirect enum Expression: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case quantity(Quantity)
    case sum(Expression, Expression)
    case difference(Expression, Expression)
    case product(Expression, Expression)

    public func value(on a: Architecture) -> Int? {
        switch self {
        case .number(let n): return n
        case .quantity(let q): return q.value(on: a)
        case .sum(let x, let y): return combine(x, y, a) { $0.addingReportingOverflow($1) }
        case .difference(let x, let y): return combine(x, y, a) { $0.subtractingReportingOverflow($1) }
        case .product(let x, let y): return combine(x, y, a) { $0.multipliedReportingOverflow(by: $1) }
        }
    }

    private func combine(_ x: Expression, _ y: Expression, _ a: Architecture,
                         _ op: (Int, Int) -> (partialValue: Int, overflow: Bool)) -> Int? {
        guard let u = x.value(on: a), let v = y.value(on: a) else { return nil }
        let result = op(u, v)
        return result.overflow ? nil : result.partialValue
    }

    public var description: String { render(parentPrecedence: 0) }

    private func render(parentPrecedence: Int) -> String {
        switch self {
        case .number(let n): return String(n)
        case .quantity(let q): return q.rawValue
        case .sum(let x, let y):
            return wrap("\(x.render(parentPrecedence: 1)) + \(y.render(parentPrecedence: 1))", 1, parentPrecedence)
        case .difference(let x, let y):
            return wrap("\(x.render(parentPrecedence: 1)) - \(y.render(parentPrecedence: 2))", 1, parentPrecedence)
        case .product(let x, let y):
            return wrap("\(x.render(parentPrecedence: 2)) * \(y.render(parentPrecedence: 3))", 2, parentPrecedence)
        }
    }

    private func wrap(_ text: String, _ precedence: Int, _ parent: Int) -> String {
        precedence < parent ? "(\(text))" : text
    }
}

public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    func holds(_ x: Int, _ y: Int) -> Bool {
        switch self {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        }
    }
}

/// Symmetries a claim can establish.
public enum SymmetryKind: Sendable, Hashable {
    /// Relabelling the units of each hidden layer (order ∏ n_l!).
    case permutation
    /// Negating a hidden unit's incoming weights, bias and outgoing weights (order 2 per unit).
    case signFlip
    /// Each unit transformed by the activation's own affine symmetry group, with the bias correction.
    case activationAffine
    /// Some continuous symmetry (dimension unspecified, or from `dim`).
    case continuous(dimension: Expression?)
}

/// Groups that identifiability holds modulo.
public enum Modulo: String, Sendable, Hashable, CaseIterable {
    case permutation, signedPermutation = "signed-permutation", activationAffine = "activation-affine"
    case rescaling, permutationRescaling = "permutation-rescaling"

    /// Modulo a finite group (for a finite activation group in the case of `activationAffine`).
    var isFinite: Bool { self == .permutation || self == .signedPermutation }
}

/// Facts that claims conclude (and that other claims may assume).
public enum Fact: Sendable, Hashable, CustomStringConvertible {
    case symmetry(SymmetryKind)
    /// The generic batch-Jacobian rank (functional dimension) compared with an expression (`=` or `<=`).
    case genericRank(Comparison, Expression)
    /// `global`: any two parameters with the same function are related by `modulo`; `local`: no nearby
    /// different parameter realises the same function (`fromSample`: the same values on the sample).
    case identifiable(global: Bool, fromSample: Bool, modulo: Modulo?)
    /// A documented counterexample (`local-not-global`, `no-inverse-stability`).
    case counterexample(String)
    /// The symmetries generated by permutations, the activation's affine group and unit removal are all.
    case symmetriesExhaustive
    case pathLiftingFactorisation

    /// `no-inverse-stability`: uniformly close functions whose realising parameters stay far apart modulo
    /// the symmetries (Petersen–Raslan–Voigtlaender).
    static let counterexamples: Set<String> = ["local-not-global", "no-inverse-stability"]

    public var description: String {
        switch self {
        case .symmetry(.permutation): return "symmetry(permutation)"
        case .symmetry(.signFlip): return "symmetry(sign-flip)"
        case .symmetry(.activationAffine): return "symmetry(activation-affine)"
        case .symmetry(.continuous(nil)): return "symmetry(continuous)"
        case .symmetry(.continuous(let d?)): return "symmetry(continuous, dim = \(d))"
        case .genericRank(let op, let e): return "generic-rank \(op.rawValue) \(e)"
        case .identifiable(let global, let fromSample, let modulo):
            var parts = [global ? "global" : "local"]
            if fromSample { parts.append("from-sample") }
            if let modulo { parts.append("modulo = \(modulo.rawValue)") }
            return "identifiable(\(parts.joined(separator: ", ")))"
        case .counterexample(let name): return "counterexample(\(name))"
        case .symmetriesExhaustive: return "symmetries-exhaustive"
        case .pathLiftingFactorisation: return "factorisation(path-lifting)"
        }
    }
}

/// What a hypothesis can test.
public enum Atom: Sendable, Hashable, CustomStringConvertible {
    case kind(Set<ArchitectureKind>)
    /// The activation's family (`leaky-relu` for every slope).
    case activation(Set<String>)
    case property(ActivationProperty)
    case bias
    case widthsNonIncreasing
    case assumption(Assumption)
    case comparison(Expression, Comparison, Expression)
    case fact(Fact)

    public var description: String {
        switch self {
        case .kind(let kinds) where kinds.count == 1: return "kind = \(kinds.first?.rawValue ?? "")"
        case .kind(let kinds): return "kind in " + kinds.map(\.rawValue).sorted().joined(separator: ", ")
        case .activation(let names) where names.count == 1: return "activation = \(names.first ?? "")"
        case .activation(let names): return "activation in " + names.sorted().joined(separator: ", ")
        case .property(let p): return "activation.\(p.rawValue)"
        case .bias: return "bias"
        case .widthsNonIncreasing: return "widths non-increasing"
        case .assumption(let a): return "assume \(a.rawValue)"
        case .comparison(let x, let op, let y): return "\(x) \(op.rawValue) \(y)"
        case .fact(let f): return f.description
        }
    }

    /// Atoms whose truth the engine may derive (facts, and activation properties the registry leaves open).
    var isDerivable: Bool {
        switch self {
        case .fact, .property: return true
        default: return false
        }
    }
}

/// An atom or its negation.
public struct Literal: Sendable, Hashable, CustomStringConvertible {
    public var atom: Atom
    public var positive: Bool

    public init(_ atom: Atom, positive: Bool = true) {
        self.atom = atom
        self.positive = positive
    }

    public var negated: Literal { Literal(atom, positive: !positive) }

    public var description: String {
        if positive { return atom.description }
        switch atom {
        case .bias: return "no-bias"
        default: return "not \(atom)"
        }
    }
}

/// One conclusion of a rule; `byCheck` marks a conclusion that a live check decides per network.
public struct Conclusion: Sendable, Hashable, CustomStringConvertible {
    public var literal: Literal
    public var byCheck: Bool

    public var description: String { literal.description + (byCheck ? " by-check" : "") }
}

/// `if` hypotheses ⇒ `then` conclusions, with the card location of each line for messages.
public struct Rule: Sendable, Hashable {
    public var label: String?
    public var hypotheses: [Literal]
    public var conclusions: [Conclusion]

    public init(label: String? = nil, hypotheses: [Literal], conclusions: [Conclusion]) {
        self.label = label
        self.hypotheses = hypotheses
        self.conclusions = conclusions
    }
}

/// The machine-readable form of one claim card: one or more rules.
public struct MachineForm: Sendable, Hashable, Codable {
    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// Stored as readable text lines (`{"rules": [{"label", "if": [...], "then": [...]}]}`) and parsed back.
    private struct StoredRule: Codable {
        var label: String?
        var `if`: [String]
        var then: [String]
    }

    private enum CodingKeys: String, CodingKey { case rules }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules.map {
            StoredRule(label: $0.label, if: $0.hypotheses.map(\.description), then: $0.conclusions.map(\.description))
        }, forKey: .rules)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try container.decode([StoredRule].self, forKey: .rules)
        var rules: [Rule] = []
        for rule in stored {
            do throws(MachineSyntaxError) {
                var hypotheses: [Literal] = [], conclusions: [Conclusion] = []
                for text in rule.if { hypotheses.append(try MachineSyntax.hypothesis(text)) }
                for text in rule.then { conclusions.append(try MachineSyntax.conclusion(text)) }
                rules.append(Rule(label: rule.label, hypotheses: hypotheses, conclusions: conclusions))
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "\(error.message) (column \(error.offset + 1))"))
            }
        }
        self.rules = rules
    }
}
