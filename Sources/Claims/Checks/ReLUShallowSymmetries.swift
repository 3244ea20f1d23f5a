import LinearAlgebra
import Networks

/// Claim `relu-shallow-symmetries` (Petzka, Trimmel & Sminchisescu 2020; Stock & Gribonval; Ramakrishnan 2026):
/// besides permutations and positive rescalings, the function-preserving maps of a one-hidden-layer ReLU net
/// (with every hyperplane crossing the domain) are the "flips" of unit subsets S with Σ_{i∈S} c_i w_i = 0:
/// negate (w_i, b_i) for i ∈ S and add Σ_{i∈S} c_i b_i to the output bias. The check enumerates every subset,
/// compares the predicted with the measured function change (exactly −(Σ_S c_i w_i)·x), and confirms that a
/// generic net admits no flip while a net built with Σ_S c_i w_i = 0 admits exactly the predicted ones.
struct ReLUShallowSymmetriesCheck: ClaimCheck {
    let id = "relu-shallow-symmetries"
    let summary = "Shallow ReLU symmetries: permutations, positive rescalings and flips of subsets with Σ c_i w_i = 0"
    let builtInDefaults = CheckParameters(widths: [2, 4, 1], activation: .relu, seed: 1, samples: 400)
    let maxUnits = 10

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[2, 4, 1], [1, 3, 1], [3, 5, 1], [2, 2, 1], [4, 6, 1]].map { CheckParameters(widths: $0, activation: .relu, samples: 400) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 4, 1]
        guard widths.count == 3, (2...maxUnits).contains(widths[1]), widths[2] == 1 else {
            throw CheckError.invalidParameter("relu-shallow-symmetries needs one hidden layer of 2…\(maxUnits) units and one output (n0,n1,1); got \(widths.map(String.init).joined(separator: ","))")
        }
        guard (parameters.activation ?? .relu) == .relu else {
            throw CheckError.invalidParameter("relu-shallow-symmetries is about ReLU nets")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 400
        guard let draw = try context.drawNet(widths: widths, activation: .relu, seed: seed, samples: samples,
                                                hypotheses: reluVisibilityHypotheses) else { return }
        let generic = draw.network
        let inputs = draw.inputs

        // Permutation with positive rescaling: always a symmetry.
        var draws = Draws(seed: seed &+ 31)
        let factors = (0..<widths[1]).map { _ in 0.25 + 3 * draws.rng.nextUnit() }
        let order = Array((0..<widths[1]).reversed())
        let moved = try generic.rescalingLayer(1, by: factors).permutingHiddenUnits(layer: 1, permutation: order)
        let outputs = try generic.forward(inputs)
        context.metric("rescaling_residual", relativeResidual(try moved.forward(inputs), outputs))
        context.expectAtMost("permutation with positive rescaling preserves the function",
                             relativeResidual(try moved.forward(inputs), outputs), 1e-13)

        // Generic net: every flip changes the function, by exactly the predicted linear map.
        let genericTable = try flipTable(generic, inputs)
        context.metric("subsets", genericTable.count)
        context.metric("generic_min_linear_part", genericTable.map(\.linearPart).min() ?? 0)
        context.metric("generic_min_flip_change", genericTable.map(\.change).min() ?? 0)
        context.metric("max_prediction_error", genericTable.map(\.predictionError).max() ?? 0)
        context.expectAtMost("flip changes equal −(Σ_S c_i w_i)·x", genericTable.map(\.predictionError).max() ?? 0, 1e-12)
        let genericSymmetric = genericTable.filter { $0.change <= 1e-12 * max(1, outputs.maxAbs) }.count
        context.expectEqual("a generic net admits no flip symmetry", genericSymmetric, 0)

        // Special net: Σ_{S*} c_i w_i = 0 for S* = the first min(3, n1) units (the last of them is solved for).
        let special = try balancing(generic, units: min(3, widths[1]))
        let specialTable = try flipTable(special, inputs)
        let tolerance = 1e-12 * max(1, try special.forward(inputs).maxAbs)
        let predicted = Set(specialTable.filter { $0.linearPart <= 1e-12 }.map(\.subset))
        let observed = Set(specialTable.filter { $0.change <= tolerance }.map(\.subset))
        context.metric("special_predicted_flips", predicted.count)
        context.metric("special_observed_flips", observed.count)
        context.expect("flip symmetries are exactly the subsets with Σ c_i w_i = 0", predicted == observed && !observed.isEmpty,
                       expected: "predicted = observed, non-empty", observed: "\(predicted.count) predicted, \(observed.count) observed")
        let starMask = (1 << min(3, widths[1])) - 1
        let flipped = try flip(special, mask: starMask)
        let equivalence = try functionallyEquivalent(special, flipped, tolerance: 1e-6)
        context.metric("flip_canonical_distance", equivalence.maxParameterDifference)
        context.expect("the flip is not a permutation or rescaling", !equivalence.equivalent,
                       expected: "canonical forms differ", observed: "distance \(MetricValue.format(equivalence.maxParameterDifference))")

        // Control: the flip without the output-bias correction is not a symmetry (it misses Σ c_i b_i).
        let uncorrected = try flip(special, mask: starMask, correctBias: false)
        let uncorrectedChange = relativeResidual(try uncorrected.forward(inputs), try special.forward(inputs))
        context.controlExceeds("flip without the bias correction", refutes: "negating the units of S alone preserves the function",
                               value: uncorrectedChange, threshold: 1e-6)

        // Control: negative rescaling (λ = −1 on one unit) is not a symmetry of ReLU nets.
        let negated = try generic.rescalingUnit(layer: 1, unit: 0, by: -1)
        let negatedChange = relativeResidual(try negated.forward(inputs), outputs)
        context.controlExceeds("rescaling a unit by −1", refutes: "negative rescalings are symmetries of ReLU nets",
                               value: negatedChange, threshold: 1e-6)

        // Control: "every single-unit flip is a symmetry" (relu(z) = relu(−z) + z read as an identity of units).
        let singleChange = genericTable.filter { $0.subset.nonzeroBitCount == 1 }.map(\.change).min() ?? 0
        context.controlExceeds("smallest change over single-unit flips", refutes: "relu(z) = relu(−z) + z makes every unit flip a symmetry",
                               value: singleChange, threshold: 1e-6)
    }

    struct FlipRow {
        var subset: Int
        /// ‖Σ_S c_i w_i‖_∞.
        var linearPart: Double
        /// max over the sample of |f_flipped − f|, relative.
        var change: Double
        /// |measured change − predicted change| over the sample, relative.
        var predictionError: Double
    }

    /// Flips every non-empty subset (bit mask over the hidden units) with the bias correction.
    private func flipTable(_ net: MLP, _ inputs: Matrix) throws -> [FlipRow] {
        let n = net.widths[1], d = net.widths[0], out = net.widths[2]
        let outputs = try net.forward(inputs)
        let scale = max(1, outputs.maxAbs)
        var rows: [FlipRow] = []
        for mask in 1..<(1 << n) {
            let flipped = try flip(net, mask: mask)
            let changed = try flipped.forward(inputs)
            // Linear part L[k][j] = Σ_{i∈S} c_{ki} w_{ij}.
            var linear = [[Double]](repeating: [Double](repeating: 0, count: d), count: out)
            for i in 0..<n where mask & (1 << i) != 0 {
                for k in 0..<out { for j in 0..<d { linear[k][j] += net.weights[1][k, i] * net.weights[0][i, j] } }
            }
            var change = 0.0, error = 0.0
            for s in 0..<inputs.rows {
                for k in 0..<out {
                    let delta = changed[s, k] - outputs[s, k]
                    let predicted = -(0..<d).reduce(0) { $0 + linear[k][$1] * inputs[s, $1] }
                    change = max(change, abs(delta))
                    error = max(error, abs(delta - predicted))
                }
            }
            rows.append(FlipRow(subset: mask, linearPart: linear.flatMap { $0 }.map(abs).max() ?? 0,
                                change: change / scale, predictionError: error / scale))
        }
        return rows
    }

    /// Negates (w_i, b_i) for the units in `mask`; with `correctBias`, adds Σ_S c_i b_i to the output bias.
    private func flip(_ net: MLP, mask: Int, correctBias: Bool = true) throws -> MLP {
        var out = net
        for i in 0..<net.widths[1] where mask & (1 << i) != 0 {
            for j in 0..<net.widths[0] { out.weights[0][i, j] = -net.weights[0][i, j] }
            out.biases[0][i] = -net.biases[0][i]
            if correctBias {
                for k in 0..<net.widths[2] { out.biases[1][k] += net.weights[1][k, i] * net.biases[0][i] }
            }
        }
        return out
    }

    /// Sets w_{u−1} := −(Σ_{i<u−1} c_i w_i)/c_{u−1}, so that Σ_{i<u} c_i w_i = 0 (single output).
    private func balancing(_ net: MLP, units u: Int) throws -> MLP {
        var out = net
        let last = u - 1
        let c = net.weights[1][0, last]
        for j in 0..<net.widths[0] {
            let sum = (0..<last).reduce(0) { $0 + net.weights[1][0, $1] * net.weights[0][$1, j] }
            out.weights[0][last, j] = -sum / c
        }
        return out
    }
}
