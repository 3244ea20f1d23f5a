import Foundation
import LinearAlgebra
import Networks

// Helpers shared by the ReLU identifiability checks of the breadth issue.

/// True when every hidden unit is active on some sample and inactive on another, and no pre-activation is
/// within `margin` of 0: every kink is visible on the sample, the hypothesis under which the function on the
/// sampled box can pin the unit down.
func everyUnitSwitches(_ net: MLP, on inputs: Matrix, margin: Double = 1e-9) -> Bool {
    var positive = Array(repeating: [Bool](), count: net.depth)
    var negative = Array(repeating: [Bool](), count: net.depth)
    for l in 1..<net.depth {
        positive[l] = [Bool](repeating: false, count: net.widths[l])
        negative[l] = [Bool](repeating: false, count: net.widths[l])
    }
    for s in 0..<inputs.rows {
        let pre = net.trace(inputs.row(s)).pre
        for l in 1..<net.depth {
            for (i, z) in pre[l - 1].enumerated() {
                if abs(z) <= margin { return false }
                if z > 0 { positive[l][i] = true } else { negative[l][i] = true }
            }
        }
    }
    return (1..<net.depth).allSatisfy { l in positive[l].allSatisfy { $0 } && negative[l].allSatisfy { $0 } }
}

/// A draw of `detNet` whose units all switch on its sample, trying seed, seed + stride, …; nil after `attempts`.
func switchingDraw(widths: [Int], seed: UInt64, samples: Int, attempts: Int = 20) throws -> (draw: DeterministicDraw, redraws: Int)? {
    for k in 0..<attempts {
        let draw = try detNet(widths: widths, activation: .relu, seed: seed &+ UInt64(k) &* 1_000_003, samples: samples)
        if everyUnitSwitches(draw.network, on: draw.inputs) { return (draw, k) }
    }
    return nil
}

/// Uniform points of [−radius, radius]^d from SplitMix64(seed).
func uniformBox(dimension: Int, samples: Int, radius: Double, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    return Matrix(rows: samples, cols: dimension,
                  storage: (0..<(samples * dimension)).map { _ in radius * (2 * rng.nextUnit() - 1) })
}

/// The 2-D flip pair of science.md §6.4 in (2,3,1): W1 = [[1,0],[0,1],[−1,−1]], b1 = [0.3,−0.2,0.4], c = [1,1,1],
/// c0 = 0, so Σ c_i w_i = 0; the second parameter negates every unit and moves Σ c_i b_i = 0.5 to the output bias.
func flipPair() throws -> (MLP, MLP) {
    let w1 = Matrix([[1, 0], [0, 1], [-1, -1]])
    let theta = try MLP(weights: [w1, Matrix([[1, 1, 1]])], biases: [[0.3, -0.2, 0.4], [0]], activation: .relu)
    let flipped = try MLP(weights: [w1.scaled(by: -1), Matrix([[1, 1, 1]])], biases: [[-0.3, 0.2, -0.4], [0.5]], activation: .relu)
    return (theta, flipped)
}

/// −log2 of a distance (capped at 52 bits, the double-precision mantissa).
func bitsOfPrecision(_ distance: Double) -> Double {
    distance <= 0 ? 52 : min(52, -Foundation.log2(distance))
}
