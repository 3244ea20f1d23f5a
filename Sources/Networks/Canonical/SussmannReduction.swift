import Foundation
import LinearAlgebra

/// One step of Sussmann's reduction (science.md §4.1); unit numbers are indices in the original network.
public enum ReductionStep: Sendable, Equatable, Codable, CustomStringConvertible {
    /// R1: the unit's outgoing weights are zero; it was deleted.
    case zeroOutgoingWeights(unit: Int)
    /// R3: the unit's incoming weights are zero; c·tanh(b) was added to the output bias and it was deleted.
    case constantUnit(unit: Int, value: Double)
    /// R2: (w, b)_removed = sign·(w, b)_kept; c_kept ← c_kept + sign·c_removed and `removed` was deleted.
    case mergedTwins(kept: Int, removed: Int, sign: Double)

    /// One-line explanation of the step.
    public var description: String {
        switch self {
        case .zeroOutgoingWeights(let unit): return "R1: unit \(unit) has zero outgoing weights; deleted"
        case .constantUnit(let unit, let value):
            return "R3: unit \(unit) is constant (tanh(b) = \(value)); folded into the output bias"
        case .mergedTwins(let kept, let removed, let sign):
            return "R2: unit \(removed) = \(sign < 0 ? "−" : "+")unit \(kept); outgoing weights merged into unit \(kept)"
        }
    }
}

/// The result of reducing a single-hidden-layer tanh network to an irreducible one.
public struct SussmannReduction: Sendable, Equatable {
    /// The irreducible network; nil when every hidden unit was removed (the function is constant).
    public var network: MLP?
    /// The output bias of the reduced network (the constant output when `network` is nil).
    public var outputBias: [Double]
    /// Original indices of the hidden units that remain, in their order in `network`.
    public var keptUnits: [Int]
    /// What was removed and why, in order.
    public var steps: [ReductionStep]

    /// Number of hidden units of the reduced network.
    public var hiddenCount: Int { keptUnits.count }
    /// True when nothing had to be removed (the input network was already irreducible).
    public var wasIrreducible: Bool { steps.isEmpty }
}

extension MLP {
    /// Sussmann's reduction of a one-hidden-layer tanh net (science.md §4.1): repeatedly R1 (delete units
    /// with ‖c_j‖_∞ ≤ τ·max|C|), R3 (fold units with ‖w_j‖_∞ ≤ τ·max|(W, b)|), R2 (merge units with
    /// ‖(w_j, b_j) − s(w_i, b_i)‖_∞ ≤ τ·max of their norms, s = ±1). `tolerance` is τ (relative).
    public func sussmannReduction(tolerance: Double = 1e-9) throws -> SussmannReduction {
        guard depth == 2, activation == .tanh else {
            throw SymmetryError.unsupported("Sussmann's reduction needs a single-hidden-layer tanh network")
        }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw SymmetryError.invalidFactor("the tolerance must be finite and non-negative, got \(tolerance)")
        }
        // Scales fixed from the input so that repeated steps use the same thresholds.
        let outgoingScale = weights[1].maxAbs
        let incomingScale = max(weights[0].maxAbs, maxNorm(biases[0]))
        var net = self
        var ids = Array(0..<widths[1])
        var steps: [ReductionStep] = []
        func finish(_ net: MLP?, bias: [Double]) -> SussmannReduction {
            SussmannReduction(network: net, outputBias: bias, keptUnits: net == nil ? [] : ids, steps: steps)
        }
        while true {
            let width = net.widths[1]
            if let j = (0..<width).first(where: { maxNorm(net.weights[1].column($0)) <= tolerance * outgoingScale }) {
                steps.append(.zeroOutgoingWeights(unit: ids[j]))
                if width == 1 { return finish(nil, bias: net.biases[1]) }
                net = try net.removingHiddenUnit(layer: 1, unit: j)
                ids.remove(at: j)
                continue
            }
            if let j = (0..<width).first(where: { maxNorm(net.weights[0].row($0)) <= tolerance * incomingScale }) {
                steps.append(.constantUnit(unit: ids[j], value: Foundation.tanh(net.biases[0][j])))
                if width == 1 {
                    var folded = net
                    try folded.addConstantUnitToNextBias(layer: 1, unit: j)
                    return finish(nil, bias: folded.biases[1])
                }
                net = try net.foldingConstantUnit(layer: 1, unit: j)
                ids.remove(at: j)
                continue
            }
            guard let (i, j, sign) = Self.firstTwinPair(in: net, tolerance: tolerance) else { break }
            steps.append(.mergedTwins(kept: ids[i], removed: ids[j], sign: sign))
            net = try net.mergingTwinUnits(layer: 1, kept: i, removed: j, sign: sign)
            ids.remove(at: j)
        }
        return finish(net, bias: net.biases[1])
    }

    /// The first pair i < j of hidden-layer-1 units with (w_j, b_j) = s·(w_i, b_i) within the tolerance.
    static func firstTwinPair(in net: MLP, tolerance: Double) -> (Int, Int, Double)? {
        let rows = (0..<net.widths[1]).map { incomingVector(of: net, layer: 1, unit: $0) }
        for j in rows.indices {
            for i in 0..<j {
                let scale = max(maxNorm(rows[i]), maxNorm(rows[j]))
                for sign in [1.0, -1.0] {
                    let gap = zip(rows[j], rows[i]).reduce(0) { max($0, abs($1.0 - sign * $1.1)) }
                    if gap <= tolerance * scale { return (i, j, sign) }
                }
            }
        }
        return nil
    }
}
