import ArgumentParser
import Deduction
import Foundation

/// The architecture flags besides --architecture and --activation (shared by `applies` and
/// `claims --applies-to`, where those two are declared by the command itself).
struct ArchitectureFlags: ParsableArguments {
    @Option(name: .long, help: "Layer widths n0,n1,…,nL (channels for cnn; input,state,output for rnn).")
    var widths: String?

    @Flag(name: .customLong("no-bias"), help: "The layers have no biases.")
    var noBias = false

    @Option(name: .long, help: "Number of sample points, for hypotheses about the sample size.")
    var samples: Int?

    @Option(name: .long, help: "Assumptions the parameters meet: generic, irreducible, no-dead-units, no-boundary-samples.")
    var assume: String?

    @Option(name: .long, help: "A JSON file with the same fields (kind, widths, activation, bias, samples, assume, kernel_size).")
    var spec: String?

    var isEmpty: Bool { widths == nil && !noBias && samples == nil && assume == nil && spec == nil }

    /// The architecture from the spec file (if any) overridden by the flags. Throws ValidationError (exit 2)
    /// for bad flag values and `SpecError` (exit 1) for a spec file that cannot be read.
    func architecture(kind kindName: String?, activation activationName: String?) throws -> Architecture {
        var spec = ArchitectureSpec()
        if let path = spec_path { spec = try ArchitectureSpec.read(path) }
        guard let kindText = kindName ?? spec.kind else {
            throw ValidationError("give --architecture mlp|cnn|rnn|residual|attention|normalized (or \"kind\" in --spec)")
        }
        guard let kind = ArchitectureKind(name: kindText) else {
            throw ValidationError("unknown architecture '\(kindText)': expected mlp, cnn, rnn, residual, attention or normalized")
        }
        guard let activationText = activationName ?? spec.activation else {
            throw ValidationError("give --activation NAME (or \"activation\" in --spec)")
        }
        guard let activation = ActivationName(name: activationText) else {
            throw ValidationError("unknown activation '\(activationText)' (known: "
                                  + ActivationNames.list + ")")
        }
        var widthList = spec.widths
        if let widths {
            let parts = widths.split(separator: ",", omittingEmptySubsequences: false)
            let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, values.count == parts.count else {
                throw ValidationError("--widths takes comma-separated integers, e.g. 4,6,1 (got '\(widths)')")
            }
            widthList = values
        }
        guard let widthList else { throw ValidationError("give --widths n0,…,nL (or \"widths\" in --spec)") }
        var assumptions = Set<Assumption>()
        for name in (assume.map { $0.split(separator: ",").map(String.init) } ?? spec.assume ?? []) {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let assumption = Assumption(rawValue: trimmed) else {
                throw ValidationError("unknown assumption '\(name)' (known: "
                                      + Assumption.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            assumptions.insert(assumption)
        }
        let architecture = Architecture(kind: kind, widths: widthList, activation: activation,
                                        bias: noBias ? false : (spec.bias ?? true), samples: samples ?? spec.samples,
                                        assumptions: assumptions, kernelSize: spec.kernelSize)
        if let problem = architecture.problem { throw ValidationError(problem) }
        return architecture
    }

    private var spec_path: String? { spec }
}

enum ActivationNames {
    static let list = "linear, tanh, logistic (sigmoid), arctan, softplus, exp, relu, leaky-relu[:α], elu[:α], gelu, "
        + "silu (swish), sin, square, cube, t3+t, poly:c0,c1,…"
}

/// The fields of `--spec FILE.json`.
struct ArchitectureSpec: Decodable {
    var kind: String?
    var widths: [Int]?
    var activation: String?
    var bias: Bool?
    var samples: Int?
    var assume: [String]?
    var kernelSize: Int?

    enum CodingKeys: String, CodingKey {
        case kind, architecture, widths, activation, bias, samples, assume, assumptions
        case kernelSize = "kernel_size"
    }

    init() {}

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? c.decodeIfPresent(String.self, forKey: .architecture)
        widths = try c.decodeIfPresent([Int].self, forKey: .widths)
        activation = try c.decodeIfPresent(String.self, forKey: .activation)
        bias = try c.decodeIfPresent(Bool.self, forKey: .bias)
        samples = try c.decodeIfPresent(Int.self, forKey: .samples)
        assume = try c.decodeIfPresent([String].self, forKey: .assume)
            ?? c.decodeIfPresent([String].self, forKey: .assumptions)
        kernelSize = try c.decodeIfPresent(Int.self, forKey: .kernelSize)
    }

    struct SpecError: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ path: String) throws -> ArchitectureSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(description: "\(path): cannot read the spec file")
        }
        do {
            return try JSONDecoder().decode(ArchitectureSpec.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SpecError(description: "\(path): field '\(field)' has the wrong type (\(context.debugDescription))")
        } catch {
            throw SpecError(description: "\(path): not a valid architecture spec: \(Self.message(error))")
        }
    }

    private static func message(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}
