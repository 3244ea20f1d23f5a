import LinearAlgebra
import Networks

/// Hypotheses a drawn MLP and its sample can violate (issue 8): each test returns nil when the
/// hypothesis holds and otherwise a short reason, for `CheckContext.drawSatisfying` or `notApplicable`.
public enum MLPHypothesis: Sendable, Hashable {
    /// Every hidden unit is active on some sample and inactive on another (ReLU-type σ): no dead or
    /// always-linear unit on the sample.
    case noDeadUnits
    /// No pre-activation within `1e-9 ×` its scale of zero (ReLU-type σ's switching boundary).
    case offSwitchingBoundary
    /// Every hidden unit has a non-zero outgoing column and a non-zero incoming row.
    case noZeroUnits
    /// Incoming vectors (w, b) of each hidden layer pairwise distinct (up to sign when `upToSign`).
    case distinctIncoming(upToSign: Bool)
    /// Every hidden unit is active on at least `minimum` samples and inactive on at least `minimum`, and
    /// every two units of a layer differ in activation on at least `minimum` samples (a hyperplane that
    /// barely crosses the sample, or two hyperplanes with no sample between them, leave parameters
    /// under-determined on that sample).
    case richRegions(minimum: Int)

    /// nil when `net` on `inputs` satisfies the hypothesis, else the reason.
    public func violation(_ net: MLP, inputs: Matrix) -> String? {
        switch self {
        case .noDeadUnits: return MLPHypothesis.deadUnit(net, inputs)
        case .offSwitchingBoundary: return MLPHypothesis.boundary(net, inputs)
        case .noZeroUnits: return MLPHypothesis.zeroUnit(net)
        case .distinctIncoming(let upToSign): return MLPHypothesis.coincidentUnits(net, upToSign: upToSign)
        case .richRegions(let minimum): return MLPHypothesis.thinRegion(net, inputs, minimum: minimum)
        }
    }

    private static func thinRegion(_ net: MLP, _ inputs: Matrix, minimum: Int) -> String? {
        let pre = preactivations(net, inputs)
        for layer in 0..<(net.depth - 1) {
            for unit in 0..<net.widths[layer + 1] {
                let active = pre.filter { $0[layer][unit] > 0 }.count
                if min(active, pre.count - active) < minimum {
                    return "hidden unit \(unit) of layer \(layer + 1) is active on \(active) of \(pre.count) samples (fewer than \(minimum) on one side)"
                }
            }
            // Two units switching on the same samples look like one unit on this sample.
            for i in 0..<net.widths[layer + 1] {
                for j in (i + 1)..<max(i + 1, net.widths[layer + 1]) {
                    let differing = pre.filter { ($0[layer][i] > 0) != ($0[layer][j] > 0) }.count
                    if differing < minimum {
                        return "hidden units \(i) and \(j) of layer \(layer + 1) switch apart on only \(differing) samples"
                    }
                }
            }
        }
        return nil
    }

    /// The first violated hypothesis of a list, or nil.
    public static func firstViolation(_ hypotheses: [MLPHypothesis], _ net: MLP, inputs: Matrix) -> String? {
        for hypothesis in hypotheses { if let reason = hypothesis.violation(net, inputs: inputs) { return reason } }
        return nil
    }

    private static func preactivations(_ net: MLP, _ inputs: Matrix) -> [[[Double]]] {
        (0..<inputs.rows).map { Array(net.trace(inputs.row($0)).pre.dropLast()) }
    }

    private static func deadUnit(_ net: MLP, _ inputs: Matrix) -> String? {
        let pre = preactivations(net, inputs)
        for layer in 0..<(net.depth - 1) {
            for unit in 0..<net.widths[layer + 1] {
                let values = pre.map { $0[layer][unit] }
                if !values.contains(where: { $0 > 0 }) { return "hidden unit \(unit) of layer \(layer + 1) is dead on the sample" }
                if !values.contains(where: { $0 < 0 }) {
                    return "hidden unit \(unit) of layer \(layer + 1) is active on every sample (its hyperplane misses the sample)"
                }
            }
        }
        return nil
    }

    private static func boundary(_ net: MLP, _ inputs: Matrix) -> String? {
        let pre = preactivations(net, inputs)
        let scale = max(1e-300, pre.joined().joined().map(abs).max() ?? 0)
        let smallest = pre.joined().joined().map(abs).min() ?? .infinity
        return smallest <= 1e-9 * scale ? "a sample lies on a switching boundary (|z| = \(MetricValue.format(smallest)))" : nil
    }

    private static func zeroUnit(_ net: MLP) -> String? {
        for layer in 1..<net.depth {
            for unit in 0..<net.widths[layer] {
                if net.weights[layer].column(unit).allSatisfy({ $0 == 0 }) { return "hidden unit \(unit) of layer \(layer) has zero outgoing weights" }
                if net.weights[layer - 1].row(unit).allSatisfy({ $0 == 0 }) { return "hidden unit \(unit) of layer \(layer) has zero incoming weights" }
            }
        }
        return nil
    }

    private static func coincidentUnits(_ net: MLP, upToSign: Bool) -> String? {
        for layer in 1..<net.depth {
            let units = (0..<net.widths[layer]).map { net.weights[layer - 1].row($0) + [net.biases[layer - 1][$0]] }
            for i in 0..<units.count {
                for j in (i + 1)..<max(i + 1, units.count) {
                    let same = zip(units[i], units[j]).allSatisfy { abs($0 - $1) <= 1e-12 }
                    let opposite = upToSign && zip(units[i], units[j]).allSatisfy { abs($0 + $1) <= 1e-12 }
                    if same || opposite { return "hidden units \(i) and \(j) of layer \(layer) have the same incoming vector\(upToSign ? " up to sign" : "")" }
                }
            }
        }
        return nil
    }
}

extension CheckContext {
    /// `det_net(widths, seed, samples)`, redrawn from the same stream while `hypotheses` are violated
    /// (see `drawSatisfying`); nil (and `not-applicable`) after `attempts` rejections.
    public mutating func drawNet(widths: [Int], activation: Activation, seed: UInt64, samples: Int,
                                 hypotheses: [MLPHypothesis], attempts: Int = 20) throws -> DeterministicDraw? {
        let named = hypotheses.isEmpty ? "the claim's hypotheses" : "hypotheses \(hypotheses.map(\.name).joined(separator: ", "))"
        return try drawSatisfying(seed: seed, attempts: attempts, hypothesis: named, { rng in
            try detNet(widths: widths, activation: activation, rng: &rng, samples: samples)
        }, violation: { MLPHypothesis.firstViolation(hypotheses, $0.network, inputs: $0.inputs) })
    }
}

extension MLPHypothesis {
    public var name: String {
        switch self {
        case .noDeadUnits: return "no dead unit"
        case .offSwitchingBoundary: return "no sample on a switching boundary"
        case .noZeroUnits: return "no zero incoming or outgoing weights"
        case .distinctIncoming(let upToSign): return "distinct incoming vectors\(upToSign ? " up to sign" : "")"
        case .richRegions(let minimum): return "every unit active and inactive on at least \(minimum) samples"
        }
    }
}

extension MLPHypothesis {
    /// The first draw of the stream seeded with `seed` that satisfies `hypotheses`, for a control's own
    /// network (not recorded as a rejected draw of the claim; the control is skipped when nil).
    public static func firstSatisfying(widths: [Int], activation: Activation, seed: UInt64, samples: Int,
                                       hypotheses: [MLPHypothesis], attempts: Int = 20) throws -> DeterministicDraw? {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<attempts {
            let draw = try detNet(widths: widths, activation: activation, rng: &rng, samples: samples)
            if firstViolation(hypotheses, draw.network, inputs: draw.inputs) == nil { return draw }
        }
        return nil
    }
}
