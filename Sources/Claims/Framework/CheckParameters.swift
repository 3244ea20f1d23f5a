import Foundation
import Networks

/// Parameters a user may override on the command line (`--widths 2,3,3,1 --activation relu --seed N
/// --samples N`); each check merges them over its claim's stored defaults.
public struct CheckParameters: Sendable, Equatable {
    public var widths: [Int]?
    public var activation: Activation?
    public var seed: UInt64?
    public var samples: Int?

    public init(widths: [Int]? = nil, activation: Activation? = nil, seed: UInt64? = nil, samples: Int? = nil) {
        self.widths = widths
        self.activation = activation
        self.seed = seed
        self.samples = samples
    }

    /// Parses the `defaults` of a claim card ("widths" = "2,3,1", "activation" = "tanh", ...).
    public init(defaults: [String: String]) throws {
        self.init()
        for (name, value) in defaults {
            switch name {
            case "widths": widths = try CheckParameters.parseWidths(value)
            case "activation":
                guard let a = Activation(name: value) else { throw CheckError.invalidParameter("unknown activation '\(value)'") }
                activation = a
            case "seed":
                guard let s = UInt64(value) else { throw CheckError.invalidParameter("seed must be a non-negative integer, got '\(value)'") }
                seed = s
            case "samples":
                guard let n = Int(value), n >= 1 else { throw CheckError.invalidParameter("samples must be a positive integer, got '\(value)'") }
                samples = n
            default: continue
            }
        }
    }

    /// Values set here win over `base`.
    public func overriding(_ base: CheckParameters) -> CheckParameters {
        CheckParameters(widths: widths ?? base.widths, activation: activation ?? base.activation,
                        seed: seed ?? base.seed, samples: samples ?? base.samples)
    }

    /// "2,3,1" → [2, 3, 1]; rejects empty parts, zeros and negatives.
    public static func parseWidths(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let widths = parts.compactMap { Int($0) }
        guard widths.count == parts.count, widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
            throw CheckError.invalidParameter("widths must be at least two positive integers separated by commas, got '\(text)'")
        }
        return widths
    }

    var asMetrics: [String: MetricValue] {
        var out: [String: MetricValue] = [:]
        if let widths { out["widths"] = .ints(widths) }
        if let activation { out["activation"] = .string(activation.description) }
        if let seed { out["seed"] = .int(Int(truncatingIfNeeded: seed)) }
        if let samples { out["samples"] = .int(samples) }
        return out
    }
}

public enum CheckError: Error, Equatable, CustomStringConvertible {
    case unknownCheck(String)
    case invalidParameter(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .unknownCheck(let id): return "unknown check '\(id)'"
        case .invalidParameter(let text): return text
        case .unsupported(let text): return text
        }
    }
}
