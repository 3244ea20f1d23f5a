import LinearAlgebra
import Networks

// Helpers shared by the MLP symmetry checks (hidden-unit permutations, sign flips, affine symmetries,
// Sussmann uniqueness, ReLU rescaling).

/// max |a − b| divided by max |reference| (1 when the reference is identically zero).
func relativeResidual(_ a: Matrix, _ reference: Matrix) -> Double {
    let scale = reference.maxAbs
    return maxAbsDifference(a, reference) / (scale > 0 ? scale : 1)
}

/// Throws unless `widths` has a hidden layer with at least two units (otherwise no unit can be
/// permuted, flipped against another, or merged, and the claim is vacuous).
func requireHiddenLayerWithTwoUnits(_ widths: [Int], claim: String) throws {
    guard widths.count >= 3, widths.dropFirst().dropLast().contains(where: { $0 >= 2 }) else {
        throw CheckError.invalidParameter(
            "\(claim) needs a hidden layer with at least two units; got widths \(widths.map(String.init).joined(separator: ","))")
    }
}

/// Throws (a refusal) unless `widths` has at least one hidden layer.
func requireHiddenLayer(_ widths: [Int], claim: String) throws {
    guard widths.count >= 3 else {
        throw CheckError.invalidParameter(
            "\(claim) needs at least one hidden layer: widths n0,n1,…,nL with L ≥ 2, got \(widths.map(String.init).joined(separator: ","))")
    }
}

/// The first hidden layer (1-based) with at least two units.
func firstWideHiddenLayer(_ widths: [Int]) -> Int {
    (1..<(widths.count - 1)).first { widths[$0] >= 2 } ?? 1
}

/// True when some hidden layer has two units (something to permute or twin).
func hasWideHiddenLayer(_ widths: [Int]) -> Bool {
    widths.count >= 3 && widths.dropFirst().dropLast().contains { $0 >= 2 }
}

/// The (1,2,2,1) net of science.md §0.4(3): layer-1 units share (w, b) but have different outgoing
/// columns (W₂ = [[a, b], [b, a]], a ≠ b); layer-2 units share bias and outgoing weight but have
/// different incoming rows. No two units are identical, yet swapping both layers fixes θ.
func deepOrbitCounterexample(activation: Activation) throws -> MLP {
    try MLP(weights: [Matrix([[0.7], [0.7]]), Matrix([[0.9, -0.4], [-0.4, 0.9]]), Matrix([[1.3, 1.3]])],
            biases: [[0.2, 0.2], [0.1, 0.1], [-0.3]], activation: activation)
}

/// True when no two units of a hidden layer have the same incoming row, bias and outgoing column.
func wholeUnitsAreDistinct(_ net: MLP) -> Bool {
    for layer in 1..<net.depth {
        let units = (0..<net.widths[layer]).map { unit in
            net.weights[layer - 1].row(unit) + [net.biases[layer - 1][unit]] + net.weights[layer].column(unit)
        }
        if Set(units).count < units.count { return false }
    }
    return true
}

/// Group elements acting on every hidden layer (one `SignedPermutation` per hidden layer).
struct HiddenLayerElements {
    /// The elements, the identity first when the whole group was enumerated.
    var elements: [[SignedPermutation]]
    /// True when `elements` is the whole group; false when it is a deterministic sample.
    var isWholeGroup: Bool

    /// All of S_{n1} × ⋯ (or the signed version) when its order is at most `cap`; otherwise `cap` elements
    /// drawn with SplitMix64 from `seed` (uniform permutations by Fisher–Yates, fair signs).
    init(widths: [Int], signed: Bool, cap: Int, seed: UInt64) throws {
        let group: DiscreteSymmetryGroup = signed ? .signedPermutations : .permutations
        let order = try group.order(widths: widths)
        let hidden = Array(widths.dropFirst().dropLast())
        if let count = order.exactUInt, count <= UInt(cap) {
            let perLayer = hidden.map { HiddenLayerElements.layerElements(width: $0, signed: signed) }
            var all: [[SignedPermutation]] = [[]]
            for layer in perLayer { all = all.flatMap { prefix in layer.map { prefix + [$0] } } }
            elements = all
            isWholeGroup = true
        } else {
            var rng = SplitMix64(seed: seed)
            elements = (0..<cap).map { _ in
                hidden.map { HiddenLayerElements.randomElement(width: $0, signed: signed, rng: &rng) }
            }
            isWholeGroup = false
        }
    }

    private static func layerElements(width: Int, signed: Bool) -> [SignedPermutation] {
        let permutations = allPermutations(width)
        guard signed else { return permutations.map { SignedPermutation(permutation: $0) } }
        let masks = (0..<(1 << width)).map { mask in (0..<width).map { mask & (1 << $0) != 0 } }
        return permutations.flatMap { p in masks.map { SignedPermutation(permutation: p, flipped: $0) } }
    }

    private static func randomElement(width: Int, signed: Bool, rng: inout SplitMix64) -> SignedPermutation {
        var permutation = Array(0..<width)
        for i in stride(from: width - 1, to: 0, by: -1) {
            permutation.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        let flipped = (0..<width).map { _ in signed && rng.next() & 1 == 1 }
        return SignedPermutation(permutation: permutation, flipped: flipped)
    }
}

/// Max relative output residual of the images g·net over `elements`.
func maxImageResidual(_ net: MLP, _ elements: [[SignedPermutation]], inputs: Matrix, outputs: Matrix) throws -> Double {
    var worst = 0.0
    for element in elements {
        worst = max(worst, relativeResidual(try net.applying(element).forward(inputs), outputs))
    }
    return worst
}

/// Batch-Jacobian rank of `net` on `inputs`, recorded as `<prefix>rank`, `<prefix>expected_rank` and
/// `<prefix>gap`; a gap below 1e6 makes the run inconclusive.
@discardableResult
func recordRank(_ net: MLP, inputs: Matrix, expected: Int, prefix: String = "", label: String,
                into context: inout CheckContext) throws -> RankEstimate {
    let estimate = try numericalRank(try net.batchJacobian(inputs))
    context.metric(prefix + "rank", estimate.rank)
    context.metric(prefix + "expected_rank", expected)
    context.metric(prefix + "gap", estimate.gap)
    if estimate.isIllConditioned { context.inconclusive("\(label): singular-value gap \(estimate.gap) below 1e6") }
    return estimate
}
