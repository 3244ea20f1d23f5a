import Foundation

/// Elementwise activation functions applied on hidden layers.
public enum Activation: Sendable, Hashable, Codable, CustomStringConvertible {
    case linear, tanh, logistic, softplus, exp, relu, square
    case leakyReLU(alpha: Double)
    case arctan, gelu, silu, sin, cube
    /// ELU: t for t > 0, α(eᵗ − 1) otherwise.
    case elu(alpha: Double)
    /// Σ_k c_k t^k with `coefficients[k] = c_k` (constant term first).
    case polynomial(coefficients: [Double])

    /// t³ + t: a polynomial whose affine symmetry group is finite ({±id}) — the counterexample of
    /// science.md §0.4(4) to "finite affine group ⇒ generic rank P".
    public static let cubicPlusLinear = Activation.polynomial(coefficients: [0, 1, 0, 1])

    /// Every canonical name `init(name:)` accepts, for error messages and completion.
    public static let canonicalNames = [
        "linear", "tanh", "logistic", "softplus", "exp", "relu", "leaky-relu[:α]", "elu[:α]", "gelu",
        "silu", "arctan", "sin", "square", "cube", "t3+t", "poly:c0,c1,…",
    ]

    /// Names accepted on the command line, case-insensitive: linear (identity), tanh, logistic
    /// (sigmoid), softplus, exp, relu, leaky-relu (α = 0.01) or leaky-relu:α, elu (α = 1) or elu:α,
    /// gelu, silu (swish), arctan (atan), sin, square, cube, t3+t, poly:c0,c1,… (constant term first).
    public init?(name: String) {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        switch lower {
        case "linear", "identity", "id": self = .linear
        case "tanh": self = .tanh
        case "logistic", "sigmoid": self = .logistic
        case "softplus": self = .softplus
        case "exp": self = .exp
        case "relu": self = .relu
        case "square": self = .square
        case "cube": self = .cube
        case "t3+t", "t^3+t", "cubic-plus-linear": self = .cubicPlusLinear
        case "leaky-relu", "leakyrelu", "leaky_relu": self = .leakyReLU(alpha: 0.01)
        case "elu": self = .elu(alpha: 1)
        case "gelu": self = .gelu
        case "silu", "swish": self = .silu
        case "arctan", "atan": self = .arctan
        case "sin", "sine": self = .sin
        default:
            if let alpha = Self.parameter(of: lower, prefixes: ["leaky-relu:", "leakyrelu:", "leaky_relu:"]) {
                guard alpha > 0, alpha != 1 else { return nil }
                self = .leakyReLU(alpha: alpha)
            } else if let alpha = Self.parameter(of: lower, prefixes: ["elu:"]) {
                guard alpha > 0 else { return nil }
                self = .elu(alpha: alpha)
            } else if lower.hasPrefix("poly:") {
                let parts = lower.dropFirst("poly:".count).split(separator: ",", omittingEmptySubsequences: false)
                let values = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard !parts.isEmpty, values.count == parts.count, values.allSatisfy(\.isFinite) else { return nil }
                self = .polynomial(coefficients: values)
            } else {
                return nil
            }
        }
    }

    private static func parameter(of name: String, prefixes: [String]) -> Double? {
        for prefix in prefixes where name.hasPrefix(prefix) {
            guard let value = Double(name.dropFirst(prefix.count)), value.isFinite else { return nil }
            return value
        }
        return nil
    }

    public var description: String {
        switch self {
        case .linear: return "linear"
        case .tanh: return "tanh"
        case .logistic: return "logistic"
        case .softplus: return "softplus"
        case .exp: return "exp"
        case .relu: return "relu"
        case .square: return "square"
        case .leakyReLU(let alpha): return alpha == 0.01 ? "leaky-relu" : "leaky-relu:\(alpha)"
        case .arctan: return "arctan"
        case .gelu: return "gelu"
        case .silu: return "silu"
        case .sin: return "sin"
        case .cube: return "cube"
        case .elu(let alpha): return alpha == 1 ? "elu" : "elu:\(alpha)"
        case .polynomial(let c):
            if c == [0, 1, 0, 1] { return "t3+t" }
            return "poly:" + c.map { "\($0)" }.joined(separator: ",")
        }
    }

    /// True for piecewise-linear activations whose derivative jumps at 0.
    public var isPiecewiseLinear: Bool {
        switch self {
        case .relu, .leakyReLU: return true
        default: return false
        }
    }

    /// True when σ(−t) = −σ(t).
    public var isOdd: Bool {
        switch self {
        case .linear, .tanh, .arctan, .sin, .cube: return true
        case .polynomial(let c): return c.enumerated().allSatisfy { $0.offset % 2 == 1 || $0.element == 0 }
        default: return false
        }
    }

    /// True when σ(−t) = σ(t).
    public var isEven: Bool {
        switch self {
        case .square: return true
        case .polynomial(let c): return c.enumerated().allSatisfy { $0.offset % 2 == 0 || $0.element == 0 }
        default: return false
        }
    }

    /// The degree for polynomial activations (linear, square, cube, `polynomial`).
    public var polynomialDegree: Int? {
        switch self {
        case .linear: return 1
        case .square: return 2
        case .cube: return 3
        case .polynomial(let c): return c.lastIndex(where: { $0 != 0 }) ?? 0
        default: return nil
        }
    }

    @inlinable
    public func value(_ t: Double) -> Double {
        switch self {
        case .linear: return t
        case .tanh: return Foundation.tanh(t)
        case .logistic: return 1 / (1 + Foundation.exp(-t))
        case .softplus: return t > 30 ? t + Foundation.log1p(Foundation.exp(-t)) : Foundation.log1p(Foundation.exp(t))
        case .exp: return Foundation.exp(t)
        case .relu: return t > 0 ? t : 0
        case .square: return t * t
        case .leakyReLU(let alpha): return t > 0 ? t : alpha * t
        case .arctan: return Foundation.atan(t)
        case .gelu: return 0.5 * t * (1 + Foundation.erf(t / 2.0.squareRoot()))
        case .silu: return t / (1 + Foundation.exp(-t))
        case .sin: return Foundation.sin(t)
        case .cube: return t * t * t
        case .elu(let alpha): return t > 0 ? t : alpha * Foundation.expm1(t)
        case .polynomial(let c): return c.reversed().reduce(0) { $0 * t + $1 }
        }
    }

    /// σ'(t); for piecewise-linear activations the one-sided value with σ'(0) taken from the left.
    @inlinable
    public func derivative(_ t: Double) -> Double {
        switch self {
        case .linear: return 1
        case .tanh:
            let y = Foundation.tanh(t)
            return 1 - y * y
        case .logistic:
            let s = 1 / (1 + Foundation.exp(-t))
            return s * (1 - s)
        case .softplus: return 1 / (1 + Foundation.exp(-t))
        case .exp: return Foundation.exp(t)
        case .relu: return t > 0 ? 1 : 0
        case .square: return 2 * t
        case .leakyReLU(let alpha): return t > 0 ? 1 : alpha
        case .arctan: return 1 / (1 + t * t)
        case .gelu:
            // Φ(t) + t φ(t) for GELU(t) = t Φ(t).
            let cdf = 0.5 * (1 + Foundation.erf(t / 2.0.squareRoot()))
            let pdf = Foundation.exp(-0.5 * t * t) / (2 * Double.pi).squareRoot()
            return cdf + t * pdf
        case .silu:
            let s = 1 / (1 + Foundation.exp(-t))
            return s + t * s * (1 - s)
        case .sin: return Foundation.cos(t)
        case .cube: return 3 * t * t
        case .elu(let alpha): return t > 0 ? 1 : alpha * Foundation.exp(t)
        case .polynomial(let c):
            guard c.count > 1 else { return 0 }
            return c.enumerated().dropFirst().reversed().reduce(0) { $0 * t + Double($1.offset) * $1.element }
        }
    }
}
