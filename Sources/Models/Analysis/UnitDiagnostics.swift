import LinearAlgebra
import Networks

/// A hidden unit in a report: 1-based layer (as in W_l), 0-based index.
public struct UnitReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var layer: Int
    public var index: Int

    public init(layer: Int, index: Int) {
        self.layer = layer
        self.index = index
    }

    public var description: String { "layer \(layer) unit \(index)" }
}

/// Two units of one layer whose incoming (w, b) agree up to the activation's symmetry, so they compute
/// the same signal (up to that symmetry) and only a combination of their outgoing weights is determined.
public struct TwinUnits: Sendable, Hashable, Codable {
    public var layer: Int
    public var first: Int
    public var second: Int
    /// "equal", "opposite" or "positive multiple".
    public var relation: String
    /// (w, b)_second = factor · (w, b)_first.
    public var factor: Double
}

/// Unit-level findings on a network and a sample.
struct UnitDiagnostics {
    var dead: [UnitReference] = []
    var alwaysActive: [UnitReference] = []
    var zeroIncoming: [UnitReference] = []
    var zeroOutgoing: [UnitReference] = []
    var twins: [TwinUnits] = []

    init(network: MLP, inputs: Matrix, tolerance: Double = 1e-9) throws {
        for d in network.degenerateNeurons() {
            let unit = UnitReference(layer: d.neuron.layer, index: d.neuron.index)
            switch d.kind {
            case .zeroOutgoingWeights: zeroOutgoing.append(unit)
            case .zeroIncomingWeightsAndBias: zeroIncoming.append(unit)
            }
        }
        if network.activation.isPiecewiseLinear && inputs.rows > 0 {
            let patterns = try network.activationPatterns(inputs)
            for l in 1..<network.depth {
                for i in 0..<network.widths[l] {
                    let active = patterns.filter { $0[l - 1][i] }.count
                    if active == 0, case .relu = network.activation { dead.append(UnitReference(layer: l, index: i)) }
                    if active == inputs.rows { alwaysActive.append(UnitReference(layer: l, index: i)) }
                }
            }
        }
        twins = Self.twins(network, tolerance: tolerance)
    }

    /// Pairs i < j of every hidden layer with (w, b)_j = c·(w, b)_i, where c = 1 for every activation,
    /// c = −1 for odd or even activations and the logistic flip, and any c > 0 for ReLU-type activations.
    static func twins(_ network: MLP, tolerance: Double) -> [TwinUnits] {
        var result: [TwinUnits] = []
        let activation = network.activation
        let allowsOpposite = activation.isOdd || activation.isEven || activation == .logistic
        for l in 1..<network.depth {
            let w = network.weights[l - 1], b = network.biases[l - 1]
            let rows = (0..<w.rows).map { w.row($0) + [b[$0]] }
            let norms = rows.map { $0.reduce(0) { max($0, abs($1)) } }
            for j in rows.indices where norms[j] > 0 {
                for i in 0..<j where norms[i] > 0 {
                    let scale = max(norms[i], norms[j])
                    var candidates: [(Double, String)] = [(1, "equal")]
                    if allowsOpposite { candidates.append((-1, "opposite")) }
                    if activation.isPiecewiseLinear { candidates.append((norms[j] / norms[i], "positive multiple")) }
                    for (c, relation) in candidates {
                        let gap = zip(rows[j], rows[i]).reduce(0) { max($0, abs($1.0 - c * $1.1)) }
                        if gap <= tolerance * scale {
                            result.append(TwinUnits(layer: l, first: i, second: j, relation: c == 1 ? "equal" : relation, factor: c))
                            break
                        }
                    }
                }
            }
        }
        return result
    }
}
