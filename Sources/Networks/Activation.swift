import Foundation

/// Elementwise activation functions applied on hidden layers.
public enum Activation: Sendable, Hashable, Codable, CustomStringConvertible {
    case linear, tanh, logistic, softplus, exp, relu, square
    case leakyReLU(alpha: Double)

    /// Names accepted on the command line: linear, tanh, logistic (sigmoid), softplus, exp, relu,
    /// square, leaky-relu (α = 0.01) or leaky-relu:α.
    public init?(name: String) {
        let lower = name.lowercased()
        switch lower {
        case "linear", "identity", "id": self = .linear
        case "tanh": self = .tanh
        case "logistic", "sigmoid": self = .logistic
        case "softplus": self = .softplus
        case "exp": self = .exp
        case "relu": self = .relu
        case "square": self = .square
        case "leaky-relu", "leakyrelu": self = .leakyReLU(alpha: 0.01)
        default:
            guard lower.hasPrefix("leaky-relu:"), let alpha = Double(lower.dropFirst("leaky-relu:".count)),
                  alpha.isFinite, alpha > 0, alpha != 1 else { return nil }
            self = .leakyReLU(alpha: alpha)
        }
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
        case .linear, .tanh: return true
        default: return false
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
        }
    }
}
