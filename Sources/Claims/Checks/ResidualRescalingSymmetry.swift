import LinearAlgebra
import Networks

/// Claim `residual-rescaling-symmetry`: in a residual MLP with a positively homogeneous activation each
/// block's inner unit rescales on its own, but a stream coordinate passes through skip connections of
/// fixed weight 1, so it rescales only in the stem and in every block at once. The batch-Jacobian rank is
/// at most P − (d + Σ_k m_k) and equals it for generic parameters on a rich sample. Controls: rescaling one
/// summation node as if it were an MLP unit, and the plain-MLP count P − H (H = every hidden node).
/// Widths are n₀,d,m_1,…,m_K,n_out (stem, stream, block widths, readout).
struct ResidualRescalingSymmetryCheck: ClaimCheck {
    let id = "residual-rescaling-symmetry"
    let summary = "Skip connections tie the stream rescalings: rank deficit d + Σ m_k, not the plain-MLP count"
    let builtInDefaults = CheckParameters(widths: [4, 3, 3, 3, 3], activation: .leakyReLU(alpha: 0.3), seed: 1, samples: 120)
    let maxRedraws = 40

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let w = parameters.widths ?? [4, 3, 3, 3, 3]
        guard w.count >= 4 else { throw CheckError.invalidParameter("residual-rescaling-symmetry takes --widths n0,d,m1,…,mK,n_out") }
        let (d, out) = (w[1], w[w.count - 1])
        let blockSizes = w[2..<(w.count - 1)].map { SafeSize.multiply($0, SafeSize.add(SafeSize.multiply(2, d), 1)) }
        let size = SafeSize.sum([SafeSize.multiply(d, SafeSize.add(w[0], 1)), SafeSize.sum(blockSizes), SafeSize.multiply(out, SafeSize.add(d, 1))])
        let rows = SafeSize.multiply(parameters.samples ?? 120, w[w.count - 1])
        return .denseMatrices(rows: rows, cols: size, copies: 4, repeats: 3, label: "batch Jacobian")
    }

    var sweepGrid: [CheckParameters] {
        let leaky = Activation.leakyReLU(alpha: 0.3)
        return [[4, 3, 3, 3, 3], [3, 3, 3, 3], [3, 2, 2, 2, 2], [4, 2, 3, 3, 2], [2, 2, 2, 2, 2]].map {
            CheckParameters(widths: $0, activation: leaky, samples: 120)
        } + [CheckParameters(widths: [4, 3, 3, 3, 3], activation: .leakyReLU(alpha: 0.1), samples: 120)]
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [4, 3, 3, 3, 3]
        guard widths.count >= 4 else {
            throw CheckError.invalidParameter("residual-rescaling-symmetry takes --widths n0,d,m1,…,mK,n_out with at least one block; got \(widthsText(widths))")
        }
        let (n0, d, out) = (widths[0], widths[1], widths[widths.count - 1])
        let blocks = Array(widths[2..<(widths.count - 1)])
        guard out >= d else {
            throw CheckError.invalidParameter("the count covers readouts at least as wide as the stream (n_out ≥ d); with a narrower readout the last block's V has further redundant directions; got \(widthsText(widths))")
        }
        let activation = parameters.activation ?? .leakyReLU(alpha: 0.3)
        guard activation.isPiecewiseLinear else {
            throw CheckError.invalidParameter("residual-rescaling-symmetry needs a positively homogeneous activation (relu, leaky-relu); got \(activation)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 120
        let size = ResidualMLP.parameterCount(input: n0, stream: d, blocks: blocks, output: out)
        guard size <= 400 else { throw CheckError.invalidParameter("residual-rescaling-symmetry is limited to 400 parameters; got \(size)") }
        let minimumSide = max(3, samples / 20)

        // Hypothesis: every unit with the activation switches on the sample (≥ 5 % of samples on each side);
        // a unit that never switches is linear on the sample and adds directions the claim does not count.
        let drawn = try context.drawSatisfying(seed: seed, attempts: maxRedraws, hypothesis: "every activated unit switches on the sample", { rng in
            try ResidualMLP.deterministic(inputWidth: n0, streamWidth: d, blockWidths: blocks, outputWidth: out,
                                          activation: activation, rng: &rng, samples: samples)
        }, violation: { draw -> String? in
            let pre = (0..<draw.inputs.rows).map { draw.network.preactivations(draw.inputs.row($0)).flatMap { $0 } }
            let units = pre.first?.count ?? 0
            if let unit = (0..<units).first(where: { u in
                pre.filter { $0[u] > 0 }.count < minimumSide || pre.filter { $0[u] < 0 }.count < minimumSide
            }) {
                return "unit \(unit) is on one side of its switching boundary for all but < \(minimumSide) samples"
            }
            let smallest = pre.flatMap { $0 }.map(abs).min() ?? 0
            return smallest > 1e-9 ? nil : "a sample lies on a switching boundary"
        })
        guard let (net, inputs) = drawn else { return }
        let outputs = try net.outputs(on: inputs)

        var residual = 0.0
        for (k, m) in blocks.enumerated() {
            for j in 0..<m { residual = max(residual, relativeResidual(try net.rescalingInnerUnit(block: k, unit: j, by: 2.5).outputs(on: inputs), outputs)) }
        }
        for i in 0..<d { residual = max(residual, relativeResidual(try net.rescalingStream(coordinate: i, by: 0.4).outputs(on: inputs), outputs)) }
        context.metric("rescaling_residual", residual)
        context.expectAtMost("inner-unit and whole-stream rescalings keep the outputs", residual, 1e-12)

        let jacobian = try net.batchJacobian(on: inputs)
        let estimate = try numericalRank(jacobian)
        let norm = estimate.singularValues.first ?? 0
        let tangents = net.rescalingTangents
        let predicted = d + blocks.reduce(0, +)
        let kernel = tangents.map { relativeKernelResidual(jacobian, $0, norm: norm) }.max() ?? 0
        let tangentRank = try numericalRank(Matrix(tangents)).rank
        let expected = min(size - predicted, samples * out)
        context.metric("parameters", size)
        context.metric("rank", estimate.rank)
        context.metric("predicted_deficit", predicted)
        context.metric("gap", estimate.gap)
        context.metric("kernel_residual", kernel)
        context.expectAtMost("the rescaling tangents lie in the Jacobian kernel", kernel, 1e-12)
        context.expectEqual("the d + Σ m_k rescaling tangents are independent", tangentRank, predicted)
        context.expectRank("rank ≤ P − (d + Σ m_k)", estimate, expected: size - predicted, atMost: true)
        if estimate.rank < expected {
            context.inconclusive("rank \(estimate.rank) below P − (d + Σ m_k) = \(expected): a deficit no rescaling explains")
        }

        // Control: a summation node rescaled as if it were an MLP unit.
        let node = relativeResidual(try net.rescalingSummationNode(block: 0, coordinate: 0, by: 2.5).outputs(on: inputs), outputs)
        let nodeKernel = relativeKernelResidual(jacobian, net.summationNodeTangent(block: 0, coordinate: 0), norm: norm)
        context.metric("summation_node_residual", node)
        context.controlExceeds("rescale summation node 0 after block 1 alone", refutes: "a summation node of the residual stream rescales on its own like an MLP unit",
                               value: min(node, nodeKernel), threshold: 1e-6, quantity: "min(output change, ‖J t‖ / (‖J‖ ‖t‖))")

        // Control: the plain-MLP count treats the stem, and every block's summation nodes, as hidden units.
        let plainHidden = d * (blocks.count + 1) + blocks.reduce(0, +)
        let plainRank = size - plainHidden
        context.metric("plain_mlp_rank_bound", plainRank)
        context.control("plain-MLP count", refutes: "the plain-MLP bound rank ≤ P − H with H = \(plainHidden) (stem and summation nodes as hidden units) is the residual net's rank",
                        detected: estimate.rank > plainRank, margin: Double(estimate.rank - plainRank),
                        expected: "rank > \(plainRank)", observed: "rank \(estimate.rank), \(estimate.rank - plainRank) above it",
                        collapsed: estimate.rank < expected ? "the rank itself is below P − (d + Σ m_k), so it cannot separate the two counts" : nil)
    }
}
