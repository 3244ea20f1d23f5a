import LinearAlgebra

/// A hidden neuron: `layer` is the 1-based layer index l (1 … L−1, as in W_l, b_l), `index` is 0-based.
public struct HiddenNeuron: Sendable, Hashable, Codable, CustomStringConvertible {
    public var layer: Int
    public var index: Int

    public init(layer: Int, index: Int) {
        self.layer = layer
        self.index = index
    }

    public var description: String { "neuron \(index) of hidden layer \(layer)" }
}

/// Errors of the piecewise-linear (ReLU) analyses.
public enum ReLUAnalysisError: Error, Equatable, CustomStringConvertible {
    /// The analysis needs a positively homogeneous piecewise-linear activation (relu or leaky-relu).
    case unsupportedActivation(Activation)
    /// A sample lies on (or within the tolerance of) a switching boundary: the derivative is ambiguous there.
    case sampleOnSwitchingBoundary(sample: Int, neuron: HiddenNeuron, preactivation: Double, tolerance: Double)
    /// The path enumeration would exceed the stated limit.
    case tooManyPaths(count: Int, limit: Int)
    /// The sample has no rows.
    case emptySample
    /// A value is not an exact dyadic rational of bounded size (exact variant only).
    case notExactlyRepresentable(String)
    /// Exact integer arithmetic overflowed (exact variant only).
    case exactArithmeticOverflow

    public var description: String {
        switch self {
        case .unsupportedActivation(let a):
            return "activation \(a) is not supported here: use relu or leaky-relu"
        case .sampleOnSwitchingBoundary(let s, let v, let z, let tol):
            return "sample \(s) (0-based) lies on the switching boundary of \(v) (0-based index): "
                + "|pre-activation| = \(abs(z)) ≤ tolerance \(tol); move or drop this sample"
        case .tooManyPaths(let count, let limit):
            return "the network has \(count) paths, more than the limit \(limit)"
        case .emptySample: return "the sample is empty: give at least one input row"
        case .notExactlyRepresentable(let what): return "\(what) is not an exact dyadic rational of bounded size"
        case .exactArithmeticOverflow: return "exact integer arithmetic overflowed: use smaller weights or inputs"
        }
    }
}

/// Where the smallest |pre-activation| over a sample occurs.
public struct MinimumPreactivation: Sendable, Equatable, Codable {
    /// min |z| over samples and hidden neurons (infinity for a network without hidden neurons).
    public var value: Double
    /// 0-based sample index (nil without hidden neurons).
    public var sample: Int?
    public var neuron: HiddenNeuron?
    /// max |z| over samples and hidden neurons: the scale used by relative boundary tolerances.
    public var scale: Double
}

extension MLP {
    /// Throws unless the activation is relu or leaky-relu (positively homogeneous, piecewise linear).
    public func requirePiecewiseLinear() throws {
        switch activation {
        case .relu, .leakyReLU: return
        default: throw ReLUAnalysisError.unsupportedActivation(activation)
        }
    }

    /// Activation patterns: `result[s][l-1][i]` is true when hidden neuron i of layer l is active (z > 0)
    /// at sample s.
    public func activationPatterns(_ inputs: Matrix) throws -> [[[Bool]]] {
        try checkInputs(inputs)
        return (0..<inputs.rows).map { s in
            trace(inputs.row(s)).pre.dropLast().map { layer in layer.map { $0 > 0 } }
        }
    }

    /// Slopes σ'(z) of every hidden neuron at every sample (`result[s][l-1][i]`); for ReLU these are the
    /// activation indicators a_v ∈ {0, 1} of science.md §6.2.
    func hiddenSlopes(_ inputs: Matrix) -> [[[Double]]] {
        (0..<inputs.rows).map { s in
            trace(inputs.row(s)).pre.dropLast().map { layer in layer.map { activation.derivative($0) } }
        }
    }

    /// min |z| over all samples and hidden neurons, with where it occurs.
    public func minimumPreactivation(_ inputs: Matrix) throws -> MinimumPreactivation {
        try checkInputs(inputs)
        var best = MinimumPreactivation(value: .infinity, sample: nil, neuron: nil, scale: 0)
        for s in 0..<inputs.rows {
            let pre = trace(inputs.row(s)).pre.dropLast()
            for (offset, layer) in pre.enumerated() {
                for (i, z) in layer.enumerated() {
                    best.scale = max(best.scale, abs(z))
                    if abs(z) < best.value {
                        best.value = abs(z)
                        best.sample = s
                        best.neuron = HiddenNeuron(layer: offset + 1, index: i)
                    }
                }
            }
        }
        return best
    }

    /// Refuses samples that lie within `tolerance` of a switching boundary (science.md §0.3 item 4).
    /// A nil tolerance means 1e-9 × the largest |pre-activation| on the sample.
    @discardableResult
    public func requireOffBoundary(_ inputs: Matrix, tolerance: Double? = nil) throws -> MinimumPreactivation {
        guard inputs.rows > 0 else { throw ReLUAnalysisError.emptySample }
        let minimum = try minimumPreactivation(inputs)
        let tol = tolerance ?? 1e-9 * minimum.scale
        if let sample = minimum.sample, let neuron = minimum.neuron, minimum.value <= tol {
            let z = trace(inputs.row(sample)).pre[neuron.layer - 1][neuron.index]
            throw ReLUAnalysisError.sampleOnSwitchingBoundary(sample: sample, neuron: neuron, preactivation: z,
                                                               tolerance: tol)
        }
        return minimum
    }

    /// Hidden neurons never active (z ≤ 0) on any sample of `inputs`.
    public func inactiveNeurons(_ inputs: Matrix) throws -> [HiddenNeuron] {
        let patterns = try activationPatterns(inputs)
        var result: [HiddenNeuron] = []
        for l in 1..<depth {
            for i in 0..<widths[l] where !patterns.contains(where: { $0[l - 1][i] }) {
                result.append(HiddenNeuron(layer: l, index: i))
            }
        }
        return result
    }
}
