import Foundation
import LinearAlgebra
import Networks

/// How B was brought onto A, hidden layer by hidden layer.
public struct LayerAlignment: Sendable, Equatable, Codable {
    public var layer: Int
    /// `permutation[i]` is the unit of B placed at position i (matched to unit i of A).
    public var permutation: [Int]
    /// Per aligned unit: +1, −1 (sign or logistic flip) or the positive rescaling factor applied.
    public var factors: [Double]
}

/// The answer of `--compare`.
public struct ComparisonReport: Sendable, Equatable, Codable {
    public var equivalent: Bool
    public var method: String
    /// max |θ_A − θ_B aligned| after alignment.
    public var maxParameterDifference: Double
    public var threshold: Double
    /// max |f_A(x) − f_B(x)| on the sample (an independent check of the answer), nil without a sample.
    public var maxOutputDifference: Double?
    public var alignment: [LayerAlignment]
}

/// Aligns B to A modulo the activation's discrete symmetries and (ReLU-type) positive rescaling: layer by
/// layer from the first hidden layer, B's units are normalised the way the symmetry allows, matched to A's by a
/// minimum-cost assignment (Hungarian algorithm) on the distance of their incoming vectors, then flipped or
/// rescaled onto A's. Exact for symmetric copies; otherwise the nearest alignment found, with its residual.
public enum Alignment {
    public static func align(_ b: MLP, to a: MLP, tolerance: Double = 1e-9) throws -> (aligned: MLP, layers: [LayerAlignment], method: String) {
        guard a.widths == b.widths else {
            throw ModelError("cannot compare architectures \(a.widths) and \(b.widths)")
        }
        guard a.activation == b.activation else {
            throw ModelError("cannot compare a \(a.activation) network with a \(b.activation) network")
        }
        let activation = a.activation
        let flips = activation.isOdd || activation == .logistic || activation.isEven
        let rescale = activation.isPiecewiseLinear
        let method = rescale ? "permutations+positive-rescaling" : (flips ? (activation == .logistic ? "permutations+logistic-flips" : "signed-permutations") : "permutations")
        var net = b
        var layers: [LayerAlignment] = []
        for l in 1..<a.depth {
            let width = a.widths[l]
            let rowsA = (0..<width).map { a.weights[l - 1].row($0) + [a.biases[l - 1][$0]] }
            let rowsB = (0..<width).map { net.weights[l - 1].row($0) + [net.biases[l - 1][$0]] }
            // Cost of matching B unit j to A unit i, with the best factor the symmetry allows.
            var cost = [[Double]](repeating: [Double](repeating: 0, count: width), count: width)
            var factor = cost
            for i in 0..<width {
                for j in 0..<width {
                    var best = (distance(rowsA[i], rowsB[j], 1), 1.0)
                    if flips {
                        let d = distance(rowsA[i], rowsB[j], -1)
                        if d < best.0 { best = (d, -1) }
                    }
                    if rescale {
                        let na = maxNorm(rowsA[i]), nb = maxNorm(rowsB[j])
                        if na > 0 && nb > 0 {
                            let d = distance(rowsA[i], rowsB[j], na / nb)
                            if d < best.0 { best = (d, na / nb) }
                        }
                    }
                    cost[i][j] = best.0
                    factor[i][j] = best.1
                }
            }
            let assignment = hungarian(cost)
            net = try net.permutingHiddenUnits(layer: l, permutation: assignment)
            var factors: [Double] = []
            for i in 0..<width {
                let f = factor[i][assignment[i]]
                factors.append(f)
                if f == 1 { continue }
                if rescale && f > 0 {
                    net = try net.rescalingUnit(layer: l, unit: i, by: f)
                } else if activation == .logistic {
                    net = try net.applying(.logisticFlip, layer: l, unit: i)
                } else if activation.isEven {
                    net = try net.applying(.evenFlip, layer: l, unit: i)
                } else {
                    net = try net.applying(.oddFlip, layer: l, unit: i)
                }
            }
            layers.append(LayerAlignment(layer: l, permutation: assignment, factors: factors))
        }
        return (net, layers, method)
    }

    public static func compare(_ a: MLP, _ b: MLP, sample: Matrix?, tolerance: Double = 1e-9) throws -> (ComparisonReport, MLP) {
        let (aligned, layers, method) = try align(b, to: a, tolerance: tolerance)
        let pa = a.parameters, pb = aligned.parameters
        let difference = zip(pa, pb).reduce(0) { max($0, abs($1.0 - $1.1)) }
        let threshold = tolerance * max(1, maxNorm(pa), maxNorm(pb))
        var outputDifference: Double?
        if let sample {
            let (fa, fb) = (try a.forward(sample), try b.forward(sample))
            outputDifference = zip(fa.storage, fb.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
        }
        let report = ComparisonReport(equivalent: difference <= threshold, method: method, maxParameterDifference: difference,
                                      threshold: threshold, maxOutputDifference: outputDifference, alignment: layers)
        return (report, aligned)
    }

    static func distance(_ a: [Double], _ b: [Double], _ factor: Double) -> Double {
        zip(a, b).reduce(0) { max($0, abs($1.0 - factor * $1.1)) }
    }

    static func maxNorm(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }

    /// Minimum-cost perfect assignment of an n × n cost matrix (Hungarian algorithm, O(n³)):
    /// result[i] is the column assigned to row i.
    static func hungarian(_ cost: [[Double]]) -> [Int] {
        let n = cost.count
        guard n > 0 else { return [] }
        var u = [Double](repeating: 0, count: n + 1), v = u
        var match = [Int](repeating: 0, count: n + 1), way = match
        for i in 1...n {
            match[0] = i
            var j0 = 0
            var minimum = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = match[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1...n where !used[j] {
                    let reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < minimum[j] { minimum[j] = reduced; way[j] = j0 }
                    if minimum[j] < delta { delta = minimum[j]; j1 = j }
                }
                for j in 0...n {
                    if used[j] { u[match[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                j0 = j1
            } while match[j0] != 0
            repeat {
                let j1 = way[j0]
                match[j0] = match[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: 0, count: n)
        for j in 1...n where match[j] > 0 { result[match[j] - 1] = j - 1 }
        return result
    }
}
