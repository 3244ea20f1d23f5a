// The activation registry: what is known about each activation, and where it comes from. A property that no
// source settles is `unknown`, never `false`. Sources are corpus work keys or "derived:" for a short
// derivation we did ourselves (science.md tag [D]); each derivation is spelled out in the README.

import Foundation

/// The affine symmetry group of σ: pairs of affine maps with σ(a t + c) = α σ(t) + β.
public enum AffineGroup: Sendable, Hashable {
    /// Only the identity.
    case trivial
    /// A finite group, with its order and a description.
    case finite(order: Int, description: String)
    /// Infinitely many isolated elements (sin: shifts by multiples of π with signs).
    case discreteInfinite(description: String)
    /// A Lie group of this dimension (ReLU: positive dilations, dimension 1).
    case continuous(dimension: Int, description: String)
    case unknown

    public var summary: String {
        switch self {
        case .trivial: return "trivial (identity only)"
        case .finite(let order, let description): return "finite of order \(order): \(description)"
        case .discreteInfinite(let description): return "infinite discrete: \(description)"
        case .continuous(let dimension, let description): return "continuous of dimension \(dimension): \(description)"
        case .unknown: return "unknown"
        }
    }
}

/// A yes/no property of an activation that hypotheses can test (`activation.odd`).
public enum ActivationProperty: String, Sendable, Hashable, Codable, CaseIterable {
    case odd, even, polynomial, analytic
    case positivelyHomogeneous = "positively-homogeneous"
    case piecewiseLinear = "piecewise-linear"
    /// In the class of Vlačić–Bölcskei (VB21) for which the obvious symmetries are all symmetries.
    case tanhType = "tanh-type"
    /// The independence property of Kůrková–Kainen (KK94) / Albertini–Sontag–Maillot (ASM93).
    case independenceProperty = "independence-property"
    /// The affine group is trivial / finite (trivial included) / continuous / infinite discrete.
    case affineTrivial = "affine-trivial"
    case affineFinite = "affine-finite"
    case affineContinuous = "affine-continuous"
    case affineDiscreteInfinite = "affine-discrete-infinite"
}

/// Three-valued knowledge with its source.
public struct Known: Sendable, Hashable {
    public var value: Bool?
    public var source: String

    public static func yes(_ source: String) -> Known { Known(value: true, source: source) }
    public static func no(_ source: String) -> Known { Known(value: false, source: source) }
    public static func unknown(_ why: String = "no source in the corpus settles it") -> Known {
        Known(value: nil, source: why)
    }
}

/// Everything the registry knows about one activation.
public struct ActivationFacts: Sendable {
    public var name: ActivationName
    public var affineGroup: AffineGroup
    public var affineSource: String
    public var polynomialDegree: Int?
    var table: [ActivationProperty: Known]

    public func property(_ property: ActivationProperty) -> Known {
        switch property {
        case .affineTrivial, .affineFinite, .affineContinuous, .affineDiscreteInfinite:
            let value: Bool?
            switch affineGroup {
            case .unknown: value = nil
            case .trivial: value = property == .affineTrivial || property == .affineFinite
            case .finite: value = property == .affineFinite
            case .discreteInfinite: value = property == .affineDiscreteInfinite
            case .continuous: value = property == .affineContinuous
            }
            return Known(value: value, source: "affine group \(affineGroup.summary) (\(affineSource))")
        default:
            return table[property] ?? .unknown()
        }
    }
}

public enum ActivationRegistry {
    static let notPolynomial = "derived: not a polynomial (it is bounded, or has a kink, or grows exponentially)"
    static let polynomialSpan = "derived: the functions a polynomial network computes span a finite-dimensional "
        + "space, so shifted and dilated copies are linearly dependent (science.md 0.4(4))"
    static let zeroNetwork = "derived: some non-trivial network with this activation computes the zero function "
        + "without being removable by symmetries, which the VB21 theorem rules out for tanh-type activations"

    /// The facts for `name`.
    public static func facts(for name: ActivationName) -> ActivationFacts {
        switch name {
        case .linear:
            return polynomialFacts(name, degree: 1, odd: true, even: false,
                                   group: .continuous(dimension: 2, description: "all t ↦ a t + c with a ≠ 0"),
                                   groupSource: "derived: σ(a t + c) = a σ(t) + c", homogeneous: true)
        case .square:
            return polynomialFacts(name, degree: 2, odd: false, even: true,
                                   group: .continuous(dimension: 1, description: "t ↦ a t, σ ↦ a² σ"),
                                   groupSource: "derived: (a t + c)² = α t² + β forces c = 0", homogeneous: false)
        case .cube:
            return polynomialFacts(name, degree: 3, odd: true, even: false,
                                   group: .continuous(dimension: 1, description: "t ↦ a t, σ ↦ a³ σ"),
                                   groupSource: "derived: (a t + c)³ = α t³ + β forces c = 0", homogeneous: false)
        case .polynomial(let c):
            let degree = c.lastIndex(where: { $0 != 0 }) ?? 0
            let odd = c.enumerated().allSatisfy { $0.offset % 2 == 1 || $0.element == 0 }
            let even = c.enumerated().allSatisfy { $0.offset % 2 == 0 || $0.element == 0 }
            if c == [0, 1, 0, 1] {
                return polynomialFacts(name, degree: 3, odd: true, even: false,
                                       group: .finite(order: 2, description: "{id, t ↦ −t with σ ↦ −σ}"),
                                       groupSource: "science.md 0.4(4)", homogeneous: false)
            }
            let monomial = c.filter { $0 != 0 }.count == 1 && degree >= 2
            let group: AffineGroup = monomial
                ? .continuous(dimension: 1, description: "t ↦ a t (a monomial)") : .unknown
            return polynomialFacts(name, degree: degree, odd: odd, even: even, group: group,
                                   groupSource: monomial ? "derived: c (a t)^d = a^d c t^d" : "not computed for general polynomials",
                                   homogeneous: degree == 1 && c[0] == 0)
        case .tanh:
            return smooth(name, odd: true, group: .finite(order: 2, description: "{id, t ↦ −t with σ ↦ −σ}"),
                          groupSource: "science.md 3.1, 5.2",
                          tanhType: .yes("VB21 (abstract: the class contains tanh)"),
                          independence: .yes("Sus92; ASM93 (tanh has the independence property)"))
        case .logistic:
            return smooth(name, odd: false, group: .finite(order: 2, description: "{id, t ↦ −t with σ ↦ 1 − σ}"),
                          groupSource: "science.md 3.1",
                          tanhType: .unknown("VB21's definition is still to be checked for affine images of tanh"),
                          independence: .yes("derived: logistic(t) = (1 + tanh(t/2))/2, so shifted and dilated "
                                             + "copies and 1 span what those of tanh span (Sus92; ASM93)"))
        case .arctan:
            return smooth(name, odd: true, group: .finite(order: 2, description: "{id, t ↦ −t with σ ↦ −σ}"),
                          groupSource: "derived: the limits ±π/2 at ±∞ force α = ±1, β = 0, then a = ±1, c = 0",
                          tanhType: .unknown(), independence: .unknown())
        case .softplus:
            return smooth(name, odd: false, group: .trivial,
                          groupSource: "derived: σ → 0 at −∞ forces β = 0 and a > 0, σ(t) − t → 0 at +∞ forces "
                            + "α = a, c = 0, and σ(0) = log 2 forces a = 1",
                          tanhType: .unknown(), independence: .unknown())
        case .gelu, .silu:
            return smooth(name, odd: false, group: .trivial,
                          groupSource: "derived: σ → 0 at −∞ and σ(t) − t → 0 at +∞ force β = 0, c = 0, α = a > 0; "
                            + "then Φ(a t) = Φ(t) (resp. logistic(a t) = logistic(t)) forces a = 1",
                          tanhType: .unknown(), independence: .unknown())
        case .exp:
            return smooth(name, odd: false, group: .continuous(dimension: 1, description: "t ↦ t + c, σ ↦ e^c σ"),
                          groupSource: "science.md 3.1",
                          tanhType: .unknown("VB21's class is still to be checked for exp (the card "
                                             + "tanh-type-exhaustiveness uses exp only as a negative control)"),
                          independence: .no("derived: exp(t + c) = e^c exp(t) is a linear dependence"))
        case .sin:
            return smooth(name, odd: true,
                          group: .discreteInfinite(description: "t ↦ ±t + kπ with σ ↦ ±σ"),
                          groupSource: "science.md 3.1",
                          tanhType: .no(zeroNetwork + " (sin t, sin(t + π/2), sin(t + π/4) are linearly dependent)"),
                          independence: .no("derived: sin(t + b) = cos b sin t + sin b cos t, so three shifts are "
                                            + "linearly dependent without being related by a symmetry"))
        case .relu, .leakyReLU:
            var facts = ActivationFacts(
                name: name, affineGroup: .continuous(dimension: 1, description: "t ↦ λ t, σ ↦ λ σ for λ > 0"),
                affineSource: "science.md 3.1, 6.1", polynomialDegree: nil, table: [:])
            facts.table = [
                .odd: .no("derived: σ(−1) ≠ −σ(1)"), .even: .no("derived: σ(−1) ≠ σ(1)"),
                .polynomial: .no(notPolynomial), .analytic: .no("derived: kink at 0"),
                .positivelyHomogeneous: .yes("derived: σ(λ t) = λ σ(t) for λ > 0"),
                .piecewiseLinear: .yes("derived: two linear pieces"),
                .tanhType: .no(zeroNetwork + " (σ(z) − σ(−z) is linear in z, science.md 5.3)"),
                .independenceProperty: .no("derived: σ(λ t) = λ σ(t) is a linear dependence between dilations"),
            ]
            return facts
        case .elu:
            var facts = ActivationFacts(
                name: name, affineGroup: .trivial,
                affineSource: "derived: σ → −α at −∞ and linear growth at +∞ force a > 0, α' = a, c = β; the "
                    + "exponential branch then forces a = 1, c = 0",
                polynomialDegree: nil, table: [:])
            facts.table = [
                .odd: .no("derived: for t > 0, σ(−t) = α(e^(−t) − 1) stays bounded while −σ(t) = −t does not"),
                .even: .no("derived: for t > 0, σ(t) = t is unbounded while σ(−t) stays bounded"),
                .polynomial: .no(notPolynomial), .analytic: .no("derived: two different analytic pieces meet at 0"),
                .positivelyHomogeneous: .no("derived: the exponential branch is not homogeneous"),
                .piecewiseLinear: .no("derived: exponential branch"),
                .tanhType: .unknown(), .independenceProperty: .unknown(),
            ]
            return facts
        }
    }

    private static func polynomialFacts(_ name: ActivationName, degree: Int, odd: Bool, even: Bool,
                                        group: AffineGroup, groupSource: String,
                                        homogeneous: Bool) -> ActivationFacts {
        var facts = ActivationFacts(name: name, affineGroup: group, affineSource: groupSource,
                                    polynomialDegree: degree, table: [:])
        let symmetric = "derived from the coefficients"
        facts.table = [
            .odd: Known(value: odd, source: symmetric), .even: Known(value: even, source: symmetric),
            .polynomial: .yes("polynomial of degree \(degree)"), .analytic: .yes("polynomials are analytic"),
            .positivelyHomogeneous: Known(value: homogeneous, source: "derived: σ(λ t) = λ σ(t) only for σ(t) = c t"),
            .piecewiseLinear: Known(value: degree <= 1, source: "derived: degree \(degree)"),
            .tanhType: .no(zeroNetwork + " (finite-dimensional span, science.md 0.4(4))"),
            .independenceProperty: .no(polynomialSpan),
        ]
        return facts
    }

    private static func smooth(_ name: ActivationName, odd: Bool, group: AffineGroup, groupSource: String,
                               tanhType: Known, independence: Known) -> ActivationFacts {
        var facts = ActivationFacts(name: name, affineGroup: group, affineSource: groupSource,
                                    polynomialDegree: nil, table: [:])
        facts.table = [
            .odd: Known(value: odd, source: odd ? "derived: σ(−t) = −σ(t)" : "derived: σ(−1) ≠ −σ(1)"),
            .even: .no("derived: σ(−1) ≠ σ(1)"),
            .polynomial: .no(notPolynomial), .analytic: .yes("derived: composition of analytic functions"),
            .positivelyHomogeneous: .no("derived: σ(2) ≠ 2 σ(1)"),
            .piecewiseLinear: .no("derived: not locally linear"),
            .tanhType: tanhType, .independenceProperty: independence,
        ]
        return facts
    }
}
