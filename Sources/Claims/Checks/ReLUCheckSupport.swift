import Foundation
import LinearAlgebra
import Networks

// Helpers shared by the ReLU identifiability checks of the breadth issue.

/// Hypotheses of the ReLU identifiability claims on a drawn net and its sample: every unit switches on the
/// sample (so every kink is visible there) and no sample sits on a switching boundary.
let reluVisibilityHypotheses: [MLPHypothesis] = [.noDeadUnits, .offSwitchingBoundary]

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
