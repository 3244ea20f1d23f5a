import LinearAlgebra

/// Errors from symmetry actions, orbit enumeration and canonical forms.
public enum SymmetryError: Error, Equatable, CustomStringConvertible {
    /// Hidden layers are 1…L−1 (1-based, as in science.md); the input and output layers have no symmetry.
    case notAHiddenLayer(layer: Int, depth: Int)
    case unitOutOfRange(layer: Int, unit: Int, width: Int)
    case notAPermutation([Int], width: Int)
    case wrongLength(what: String, expected: Int, got: Int)
    /// A factor that must be finite and non-zero (or positive) was not.
    case invalidFactor(String)
    /// The orbit has more elements than the caller allowed.
    case orbitTooLarge(order: BigUInt, limit: Int)
    /// The operation is defined only for some architectures or activations.
    case unsupported(String)
    case singularTransform(String)

    /// One-line message for the user.
    public var description: String {
        switch self {
        case .notAHiddenLayer(let layer, let depth):
            let range = depth >= 2 ? "1…\(depth - 1)" : "none: the network has no hidden layer"
            return "layer \(layer) is not a hidden layer (hidden layers: \(range))"
        case .unitOutOfRange(let layer, let unit, let width):
            return "unit \(unit) does not exist in layer \(layer) (units 0…\(width - 1))"
        case .notAPermutation(let p, let width):
            return "\(p) is not a permutation of 0…\(width - 1)"
        case .wrongLength(let what, let expected, let got):
            return "\(what) has \(got) entries, expected \(expected)"
        case .invalidFactor(let what): return what
        case .orbitTooLarge(let order, let limit):
            return "the orbit has up to \(order) points, more than the limit \(limit); raise the limit or use a smaller network"
        case .unsupported(let what): return what
        case .singularTransform(let what): return what
        }
    }
}

extension MLP {
    /// Throws unless `layer` is a hidden layer (1…L−1).
    func checkHidden(layer: Int) throws {
        guard layer >= 1, layer < depth else { throw SymmetryError.notAHiddenLayer(layer: layer, depth: depth) }
    }

    /// Throws unless `unit` (0-based) exists in hidden layer `layer`.
    func checkHidden(layer: Int, unit: Int) throws {
        try checkHidden(layer: layer)
        guard unit >= 0, unit < widths[layer] else {
            throw SymmetryError.unitOutOfRange(layer: layer, unit: unit, width: widths[layer])
        }
    }

    /// Multiplies the incoming row and the bias of a hidden unit by `factor`.
    mutating func scaleIncoming(layer: Int, unit: Int, by factor: Double) {
        let w = layer - 1
        for j in 0..<weights[w].cols { weights[w][unit, j] *= factor }
        biases[w][unit] *= factor
    }

    /// Multiplies the outgoing column of a hidden unit (column `unit` of W_{layer+1}) by `factor`.
    mutating func scaleOutgoing(layer: Int, unit: Int, by factor: Double) {
        for i in 0..<weights[layer].rows { weights[layer][i, unit] *= factor }
    }
}

/// Throws unless `p` is a permutation of 0..<width.
func checkPermutation(_ p: [Int], width: Int) throws {
    guard p.count == width else { throw SymmetryError.notAPermutation(p, width: width) }
    var seen = [Bool](repeating: false, count: width)
    for i in p {
        guard i >= 0, i < width, !seen[i] else { throw SymmetryError.notAPermutation(p, width: width) }
        seen[i] = true
    }
}
