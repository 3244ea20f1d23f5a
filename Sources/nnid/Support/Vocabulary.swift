import ArgumentParser
import Networks

/// One vocabulary for architectures and activations across claims, verify, show, applies and analyze:
/// case-insensitive, with aliases, class names where they make sense (`odd`, `relu-like`), and
/// parameterised names (`leaky-relu:0.1`) matching their family's tag.
enum Vocabulary {
    static let architectures = ["mlp", "cnn", "rnn", "residual", "attention", "normalized"]
    private static let architectureAliases = [
        "feedforward": "mlp", "fully-connected": "mlp", "dense": "mlp", "conv": "cnn", "convolutional": "cnn",
        "recurrent": "rnn", "elman": "rnn", "resnet": "residual", "transformer": "attention",
        "self-attention": "attention", "normalised": "normalized", "batchnorm": "normalized",
        "layernorm": "normalized",
    ]

    /// The canonical architecture name, or a usage error with a suggestion.
    static func architecture(_ raw: String) throws -> String {
        let lower = raw.lowercased()
        if architectures.contains(lower) { return lower }
        if let alias = architectureAliases[lower] { return alias }
        throw ValidationError("unknown --architecture '\(raw)'" + suggestion(raw, among: architectures)
                              + " (expected mlp, cnn, rnn, residual, attention or normalized)")
    }

    /// Classes of activations a claim card may be tagged with, and which activations they contain.
    static let classNames = ["odd", "relu-like", "polynomial"]

    static func isMember(_ activation: Activation, of className: String) -> Bool {
        switch className {
        case "odd": return activation.isOdd
        case "relu-like":
            if case .relu = activation { return true }
            if case .leakyReLU = activation { return true }
            return false
        case "polynomial": return activation.polynomialDegree != nil
        default: return false
        }
    }

    /// What `--activation NAME` selects: a concrete activation (also the checks' activation), or a class.
    struct ActivationSelection {
        /// The concrete activation, nil for a class name.
        var activation: Activation?
        /// The claim tags it matches (`any` always does).
        var tags: Set<String>
    }

    static func activation(_ raw: String) throws -> ActivationSelection {
        let lower = raw.lowercased()
        if classNames.contains(lower) {
            // A class matches claims tagged with the class or with any of its member families.
            let families = knownFamilies.filter { name in Activation(name: name).map { isMember($0, of: lower) } ?? false }
            return ActivationSelection(activation: nil, tags: Set(families + [lower, "any"]))
        }
        guard let activation = Activation(name: raw) else {
            throw ValidationError("unknown --activation '\(raw)'"
                                  + suggestion(raw, among: knownFamilies + classNames)
                                  + " (expected one of " + Activation.canonicalNames.joined(separator: ", ")
                                  + ", or a class: " + classNames.joined(separator: ", ") + ")")
        }
        var tags: Set<String> = [family(of: activation), "any"]
        for name in classNames where isMember(activation, of: name) { tags.insert(name) }
        return ActivationSelection(activation: activation, tags: tags)
    }

    /// The tag name of an activation's family: the name without its parameter (leaky-relu:0.1 → leaky-relu).
    static func family(of activation: Activation) -> String {
        switch activation {
        case .leakyReLU: return "leaky-relu"
        case .elu: return "elu"
        case .polynomial: return activation == .cubicPlusLinear ? "t3+t" : "polynomial"
        default: return activation.description
        }
    }

    static let knownFamilies = [
        "linear", "tanh", "logistic", "softplus", "exp", "relu", "leaky-relu", "elu", "gelu", "silu", "arctan",
        "sin", "square", "cube", "t3+t",
    ]

    private static func suggestion(_ raw: String, among names: [String]) -> String {
        let close = Suggestions.closest(raw, among: names)
        return close.isEmpty ? "" : "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
}
