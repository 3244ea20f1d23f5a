// Helpers shared by all checks: deterministic draws, residuals, permutation enumeration.
import LinearAlgebra
import Networks

/// Deterministic draws shared by the checks (science.md §0.3: SplitMix64, entries 2u−1).
struct Draws {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// A rows × cols matrix with entries 2u−1, filled row-major.
    mutating func matrix(_ rows: Int, _ cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in 2 * rng.nextUnit() - 1 })
    }

    /// G = I + 0.5·R, redrawn until its condition number is at most `maxCondition` (science.md §1.3).
    mutating func wellConditionedSquare(_ n: Int, maxCondition: Double = 1e3) throws -> Matrix {
        for _ in 0..<100 {
            var g = matrix(n, n)
            for i in 0..<g.storage.count { g.storage[i] *= 0.5 }
            for i in 0..<n { g[i, i] += 1 }
            let s = try singularValues(g)
            if let last = s.last, last > 0, s[0] / last <= maxCondition { return g }
        }
        throw CheckError.unsupported("could not draw a well-conditioned \(n)×\(n) matrix")
    }
}

/// Largest |a − b| over two equally shaped matrices.
func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.storage, b.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Largest |a_i − b_i|.
func maxDistance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// All permutations of 0..<n in lexicographic order (n is small: group orders are enumerated).
func allPermutations(_ n: Int) -> [[Int]] {
    guard n > 0 else { return [[]] }
    var result: [[Int]] = []
    var current = Array(0..<n)
    while true {
        result.append(current)
        // Next lexicographic permutation.
        guard let i = (0..<(n - 1)).last(where: { current[$0] < current[$0 + 1] }),
              let j = (i + 1..<n).last(where: { current[$0] > current[i] }) else { break }
        current.swapAt(i, j)
        current[(i + 1)...].reverse()
    }
    return result
}

/// A generic-rank assertion that needs enough observations: when `observations` (n·nL) is below `bound`
/// the rank in question cannot be reached on this sample, so the equality is not asserted (noted and
/// reported as `<prefix>rank_asserted = false`); otherwise `expectRank` (equality, or `≤` when `atMost`).
func expectGenericRank(_ name: String, _ estimate: RankEstimate, bound: Int, observations: Int, atMost: Bool = false,
                       prefix: String = "", into context: inout CheckContext) {
    guard observations >= bound || atMost else {
        context.metric(prefix + "rank_asserted", false)
        context.note("\(name): n·nL = \(observations) < \(bound) observations, too few samples for this rank; not asserted")
        return
    }
    context.expectRank(name, estimate, expected: atMost ? min(bound, observations) : bound, atMost: atMost)
}
