import ArgumentParser
import Claims
import Networks

/// `--widths --seed --samples`: overrides of a check's stored default parameters. The activation override
/// lives in `CheckActivationOption` (show) or in `verify`'s own `--activation`, which also selects claims.
struct CheckOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Layer widths, e.g. 2,3,3,1 (channels for CNN checks; input,state,output for RNN checks).", valueName: "n0,n1,...,nL"))
    var widths: String?

    @Option(name: .long, help: "Seed of the deterministic SplitMix64 draw.")
    var seed: UInt64?

    @Option(name: .long, help: "Number of samples (sequence length for RNN checks).")
    var samples: Int?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Memory budget of a check, e.g. 512M or 4G (default: half of physical memory); a check estimated above it is refused with exit 2.", valueName: "size"))
    var maxMemory: String?

    func validate() throws {
        _ = try parameters(activation: nil)
    }

    /// The overrides, or a usage error that names the problem.
    func parameters(activation: String?) throws -> CheckParameters {
        var parameters = CheckParameters()
        if let widths {
            do {
                parameters.widths = try CheckParameters.parseWidths(widths)
            } catch {
                throw ValidationError("invalid --widths '\(widths)': widths must be at least two positive integers separated by commas")
            }
        }
        if let activation {
            guard let parsed = Activation(name: activation) else {
                throw ValidationError("unknown --activation '\(activation)' (expected e.g. linear, tanh, logistic, softplus, exp, relu, leaky-relu, leaky-relu:α, square, cube, t3+t, arctan, gelu, silu, sin, elu:α or poly:c0,c1,…)")
            }
            parameters.activation = parsed
        }
        if let samples {
            guard samples >= 1 else { throw ValidationError("invalid --samples \(samples): must be a positive integer") }
            parameters.samples = samples
        }
        parameters.seed = seed
        if let maxMemory {
            do {
                parameters.maxMemory = try CheckParameters.parseMemory(maxMemory)
            } catch {
                throw ValidationError(String(describing: error))
            }
        }
        return parameters
    }
}

/// `--activation NAME` as a check parameter (for `show`).
struct CheckActivationOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Activation for the check's network (tanh, relu, logistic, ...).", valueName: "name"))
    var activation: String?
}

/// The filters `--architecture` and `--activation` shared by `claims` and `verify`.
enum ClaimFilters {
    static let architectures = ["mlp", "cnn", "rnn", "residual", "attention"]

    static func validateArchitecture(_ value: String?) throws {
        if let value, !architectures.contains(value) {
            throw ValidationError("unknown --architecture '\(value)' (expected mlp, cnn, rnn, residual or attention)")
        }
    }
}
