import Foundation
import Networks

/// Parameters a user may override on the command line (`--widths 2,3,3,1 --activation relu --seed N
/// --samples N`); each check merges them over its claim's stored defaults.
public struct CheckParameters: Sendable, Equatable {
    public var widths: [Int]?
    public var activation: Activation?
    public var seed: UInt64?
    public var samples: Int?
    /// Memory budget in bytes (`--max-memory`); nil means `ResourceEstimate.defaultBudget`.
    public var maxMemory: Int?

    public init(widths: [Int]? = nil, activation: Activation? = nil, seed: UInt64? = nil, samples: Int? = nil,
                maxMemory: Int? = nil) {
        self.widths = widths
        self.activation = activation
        self.seed = seed
        self.samples = samples
        self.maxMemory = maxMemory
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
                        seed: seed ?? base.seed, samples: samples ?? base.samples, maxMemory: maxMemory ?? base.maxMemory)
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

    /// "512M", "4G", "1.5GiB", "1000000" (bytes) → bytes; suffixes K, M, G, T are powers of 1024.
    public static func parseMemory(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        var number = trimmed
        var factor = 1.0
        for (suffix, value) in [("TIB", 0x1p40), ("GIB", 0x1p30), ("MIB", 0x1p20), ("KIB", 0x1p10), ("TB", 0x1p40),
                                ("GB", 0x1p30), ("MB", 0x1p20), ("KB", 0x1p10), ("T", 0x1p40), ("G", 0x1p30),
                                ("M", 0x1p20), ("K", 0x1p10), ("B", 1.0)] where trimmed.hasSuffix(suffix) {
            number = String(trimmed.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            factor = value
            break
        }
        guard let value = Double(number), value.isFinite, value > 0, value * factor < 0x1p62 else {
            throw CheckError.invalidParameter("--max-memory takes a positive size such as 512M, 4G or 1000000 (bytes), got '\(text)'")
        }
        return Int(value * factor)
    }

    var asMetrics: [String: MetricValue] {
        var out: [String: MetricValue] = [:]
        if let widths { out["widths"] = .ints(widths) }
        if let activation { out["activation"] = .string(activation.description) }
        if let seed { out["seed"] = .int(Int(truncatingIfNeeded: seed)) }
        if let samples { out["samples"] = .int(samples) }
        if let maxMemory { out["max_memory"] = .int(maxMemory) }
        return out
    }
}

public enum CheckError: Error, Equatable, CustomStringConvertible {
    case unknownCheck(String)
    case invalidParameter(String)
    case unsupported(String)
    /// The estimated resources exceed the budget (a refusal, like `invalidParameter`).
    case overBudget(String)

    public var description: String {
        switch self {
        case .unknownCheck(let id): return "unknown check '\(id)'"
        case .invalidParameter(let text): return text
        case .unsupported(let text): return text
        case .overBudget(let text): return text
        }
    }

    /// Refusals stop a run before it starts; the CLI exits 2 with the sentence.
    public var isRefusal: Bool {
        switch self {
        case .invalidParameter, .overBudget: return true
        case .unknownCheck, .unsupported: return false
        }
    }
}
