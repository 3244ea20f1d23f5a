import LinearAlgebra

/// The discrete symmetry groups acting on the hidden layers of an MLP (science.md §2.1).
public enum DiscreteSymmetryGroup: String, Sendable, Hashable, Codable, CaseIterable {
    /// S_{n1} × ⋯ × S_{n_{L−1}}: a symmetry for every activation; order ∏ n_l!.
    case permutations
    /// Products of hyperoctahedral groups (signed permutations): a symmetry for odd activations; order ∏ 2^{n_l} n_l!.
    case signedPermutations = "signed-permutations"

    /// The group order for an architecture (n0, …, nL), as an exact integer.
    public func order(widths: [Int]) throws -> BigUInt {
        try MLP.validate(widths)
        var order = BigUInt.one
        for n in widths.dropFirst().dropLast() {
            order *= BigUInt.factorial(n)
            if self == .signedPermutations { order *= BigUInt.powerOfTwo(n) }
        }
        return order
    }
}

/// ∏ n_l! over the hidden layers of (n0, …, nL): the order of the permutation group.
public func permutationGroupOrder(_ widths: [Int]) throws -> BigUInt {
    try DiscreteSymmetryGroup.permutations.order(widths: widths)
}

/// ∏ 2^{n_l} n_l! over the hidden layers of (n0, …, nL): the order of the signed-permutation group.
public func signedPermutationGroupOrder(_ widths: [Int]) throws -> BigUInt {
    try DiscreteSymmetryGroup.signedPermutations.order(widths: widths)
}

/// The orbit of a parameter vector under a finite symmetry group.
public struct Orbit: Sendable, Equatable {
    /// The group that was enumerated.
    public var group: DiscreteSymmetryGroup
    /// The group order |G| (= the number of group elements enumerated).
    public var groupOrder: Int
    /// The distinct parameter vectors gθ (§0.2 order), θ first, in enumeration order.
    public var points: [[Double]]
    /// min over g ≠ g′ of ‖gθ − g′θ‖_∞; 0 exactly when the action at θ is not free (a non-trivial
    /// stabilizer); +∞ for the trivial group (no pair to compare).
    public var minimumDistance: Double

    /// True when the orbit has |G| distinct points (trivial stabilizer).
    public var isFree: Bool { points.count == groupOrder }
}

extension MLP {
    /// Enumerates the orbit of θ under `group` (product over hidden layers of per-layer permutations or
    /// signed permutations). Throws `SymmetryError.orbitTooLarge` when |G| exceeds `limit`.
    public func orbit(under group: DiscreteSymmetryGroup, limit: Int = 100_000) throws -> Orbit {
        let order = try group.order(widths: widths)
        guard let count = order.exactUInt.flatMap({ Int(exactly: $0) }), count <= limit else {
            throw SymmetryError.orbitTooLarge(order: order, limit: limit)
        }
        let perLayer = (1..<depth).map { Self.layerElements(width: widths[$0], signed: group == .signedPermutations) }
        var seen = Set<[Double]>()
        var points: [[Double]] = []
        let theta = parameters
        var minimumDistance = Double.infinity
        // Mixed-radix counter over the per-layer element lists.
        var digits = [Int](repeating: 0, count: perLayer.count)
        for _ in 0..<count {
            let image = try applying(zip(perLayer, digits).map { $0[$1] }).parameters
            if seen.insert(image).inserted { points.append(image) }
            // The action permutes coordinates up to sign, an ∞-norm isometry, so
            // min_{g≠g′} ‖gθ − g′θ‖ = min_{g≠e} ‖gθ − θ‖; the identity is the first element enumerated.
            if digits.contains(where: { $0 != 0 }) {
                minimumDistance = min(minimumDistance, zip(image, theta).reduce(0) { max($0, abs($1.0 - $1.1)) })
            }
            for i in digits.indices.reversed() {
                digits[i] += 1
                if digits[i] < perLayer[i].count { break }
                digits[i] = 0
            }
        }
        return Orbit(group: group, groupOrder: count, points: points,
                     minimumDistance: minimumDistance)
    }

    /// All permutations (or signed permutations) of one layer, the identity first.
    static func layerElements(width: Int, signed: Bool) -> [SignedPermutation] {
        let permutations = allPermutations(width)
        guard signed else { return permutations.map { SignedPermutation(permutation: $0) } }
        let signPatterns = (0..<(1 << width)).map { mask in (0..<width).map { mask & (1 << $0) != 0 } }
        return permutations.flatMap { p in signPatterns.map { SignedPermutation(permutation: p, flipped: $0) } }
    }
}
