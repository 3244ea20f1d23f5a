// Activation names, parsed exactly as Networks.Activation parses them (a test compares the two), so that
// Deduction needs no numerical code and the claim-card parser can validate names without Networks.

import Foundation

/// An elementwise activation, by name and parameters.
public enum ActivationName: Sendable, Hashable, Codable, CustomStringConvertible {
    case linear, tanh, logistic, softplus, exp, relu, square, arctan, gelu, silu, sin, cube
    case leakyReLU(alpha: Double)
    case elu(alpha: Double)
    /// Σ c_k t^k, constant term first.
    case polynomial(coefficients: [Double])

    public static let cubicPlusLinear = ActivationName.polynomial(coefficients: [0, 1, 0, 1])

    /// One representative of every family, for the audit grid.
    public static let registryGrid: [ActivationName] = [
        .linear, .tanh, .logistic, .arctan, .softplus, .exp, .relu, .leakyReLU(alpha: 0.01), .elu(alpha: 1), .gelu,
        .silu, .sin, .square, .cube, .cubicPlusLinear, .polynomial(coefficients: [1, 0.5, 0.25]),
    ]

    /// Case-insensitive, with the aliases of Networks.Activation (sigmoid, identity, swish, atan, …).
    public init?(name: String) {
        let lower = name.lowercased().trimmingCharacters(in: [" ", "\t"])
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
                let values = parts.compactMap { Double($0.trimmingCharacters(in: [" "])) }
                guard !parts.isEmpty, values.count == parts.count, !values.contains(where: { !$0.isFinite }) else { return nil }
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

    /// The canonical name (the same string Networks.Activation prints).
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

    /// The family name without parameters ("leaky-relu" for every α, "poly" for every polynomial), used by
    /// `activation = NAME` hypotheses.
    public var family: String {
        switch self {
        case .leakyReLU: return "leaky-relu"
        case .elu: return "elu"
        case .polynomial(let c) where c == [0, 1, 0, 1]: return "t3+t"
        case .polynomial: return "poly"
        default: return description
        }
    }

    /// Family names accepted in `activation = NAME` hypotheses.
    public static let familyNames: Set<String> = [
        "linear", "tanh", "logistic", "softplus", "exp", "relu", "square", "leaky-relu", "arctan", "gelu", "silu",
        "sin", "cube", "elu", "t3+t", "poly",
    ]

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = ActivationName(name: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown activation '\(text)'"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
