/// A signed permutation of the units of one hidden layer: new unit i is old unit `permutation[i]`,
/// negated (incoming row, bias and outgoing column) when `flipped[i]` is true.
public struct SignedPermutation: Sendable, Hashable, Codable {
    /// `permutation[i]` is the old index of new unit i.
    public var permutation: [Int]
    /// `flipped[i]` says whether new unit i is sign-flipped.
    public var flipped: [Bool]

    /// A signed permutation (validated when applied).
    public init(permutation: [Int], flipped: [Bool]) {
        self.permutation = permutation
        self.flipped = flipped
    }

    /// An unsigned permutation.
    public init(permutation: [Int]) {
        self.init(permutation: permutation, flipped: [Bool](repeating: false, count: permutation.count))
    }

    /// The identity on `width` units.
    public static func identity(width: Int) -> SignedPermutation {
        SignedPermutation(permutation: Array(0..<width))
    }
}

extension MLP {
    /// Permutes the units of hidden layer `layer` (1-based): rows of W_l and b_l and columns of W_{l+1}.
    /// New unit i is old unit `permutation[i]`. A symmetry for every activation (science.md §2.1).
    public func permutingHiddenUnits(layer: Int, permutation: [Int]) throws -> MLP {
        try applying(SignedPermutation(permutation: permutation), layer: layer)
    }

    /// Negative control: permutes only the rows of W_l and b_l, leaving the columns of W_{l+1} in place.
    /// Not a symmetry unless the permuted units happen to be identical.
    public func permutingIncomingRowsOnly(layer: Int, permutation: [Int]) throws -> MLP {
        try checkHidden(layer: layer)
        try checkPermutation(permutation, width: widths[layer])
        var out = self
        let w = layer - 1
        for (i, old) in permutation.enumerated() {
            for j in 0..<weights[w].cols { out.weights[w][i, j] = weights[w][old, j] }
            out.biases[w][i] = biases[w][old]
        }
        return out
    }

    /// Applies a signed permutation to hidden layer `layer` (1-based). Permutations are symmetries for
    /// every activation; the sign flips are symmetries only for odd activations (tanh, linear).
    public func applying(_ element: SignedPermutation, layer: Int) throws -> MLP {
        try checkHidden(layer: layer)
        let width = widths[layer]
        try checkPermutation(element.permutation, width: width)
        guard element.flipped.count == width else {
            throw SymmetryError.wrongLength(what: "flipped", expected: width, got: element.flipped.count)
        }
        var out = self
        let w = layer - 1
        for (i, old) in element.permutation.enumerated() {
            let s: Double = element.flipped[i] ? -1 : 1
            for j in 0..<weights[w].cols { out.weights[w][i, j] = s * weights[w][old, j] }
            out.biases[w][i] = s * biases[w][old]
            for k in 0..<weights[layer].rows { out.weights[layer][k, i] = s * weights[layer][k, old] }
        }
        return out
    }

    /// Applies one signed permutation per hidden layer (`elements[l-1]` acts on hidden layer l).
    public func applying(_ elements: [SignedPermutation]) throws -> MLP {
        guard elements.count == depth - 1 else {
            throw SymmetryError.wrongLength(what: "one signed permutation per hidden layer", expected: depth - 1,
                                            got: elements.count)
        }
        var out = self
        for (index, element) in elements.enumerated() { out = try out.applying(element, layer: index + 1) }
        return out
    }

    /// Flips the sign of one hidden unit: incoming row, bias and outgoing column are negated.
    /// A symmetry for odd activations only; for ReLU it is the standard negative control (science.md §2.3).
    public func flippingSign(layer: Int, unit: Int) throws -> MLP {
        try checkHidden(layer: layer, unit: unit)
        var out = self
        out.scaleIncoming(layer: layer, unit: unit, by: -1)
        out.scaleOutgoing(layer: layer, unit: unit, by: -1)
        return out
    }
}

/// All permutations of 0..<n in lexicographic order (n! of them; callers bound n).
func allPermutations(_ n: Int) -> [[Int]] {
    var result: [[Int]] = []
    var current = Array(0..<n)
    while true {
        result.append(current)
        // Next permutation in lexicographic order.
        guard var i = current.indices.dropLast().last(where: { current[$0] < current[$0 + 1] }) else { break }
        var j = n - 1
        while current[j] <= current[i] { j -= 1 }
        current.swapAt(i, j)
        i += 1
        current[i...].reverse()
    }
    return result
}
