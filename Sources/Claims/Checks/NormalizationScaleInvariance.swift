import LinearAlgebra
import Networks

/// Claim `normalization-scale-invariance`: batch normalisation and weight normalisation make a network
/// invariant under positive rescaling of each normalised unit's incoming weights, layer normalisation
/// under rescaling a whole layer's incoming weights (and, through the centring, under adding one vector to
/// every row). Each invariance is a kernel direction of the batch Jacobian, so the rank drops by one per
/// batch- or weight-normalised unit and by 1 + n_{l−1} per layer-normalised layer, and the gradient of
/// any loss is orthogonal to those directions (⟨∇_w L, w⟩ = 0). Controls: the same directions on the plain
/// MLP, and a negative factor.
struct NormalizationScaleInvarianceCheck: ClaimCheck {
    let id = "normalization-scale-invariance"
    let summary = "Normalised units are scale invariant: one Jacobian rank per unit (BN, WN) or per layer (LN)"
    let builtInDefaults = CheckParameters(widths: [3, 4, 1], activation: .tanh, seed: 1, samples: 60)

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let widths = parameters.widths ?? [3, 4, 1]
        let samples = parameters.samples ?? 60
        let p = SafeSize.add(SafeSize.parameterCount(widths), SafeSize.multiply(2, widths.dropFirst().dropLast().reduce(0, +)))
        // Forward-mode Jacobian: one batch forward pass per parameter, three normalisations.
        return .denseMatrices(rows: SafeSize.multiply(samples, widths.last ?? 1), cols: p, copies: 4, repeats: 8, label: "batch Jacobian")
    }

    var sweepGrid: [CheckParameters] {
        [[3, 4, 1], [2, 3, 1], [3, 5, 2], [2, 3, 3, 1], [4, 3, 3]].map { CheckParameters(widths: $0, activation: .tanh, samples: 60) }
            + [CheckParameters(widths: [3, 4, 1], activation: .logistic, samples: 60),
               CheckParameters(widths: [3, 4, 1], activation: .tanh, samples: 10)]
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [3, 4, 1]
        guard widths.count >= 3 else { throw CheckError.invalidParameter("normalization-scale-invariance needs a hidden layer; got widths \(widthsText(widths))") }
        guard widths.dropFirst().dropLast().allSatisfy({ $0 >= 3 }) else {
            throw CheckError.invalidParameter("layer normalisation needs hidden widths of at least 3 (with 2 units the normalised vector is ±(1,−1)); got \(widthsText(widths))")
        }
        let activation = parameters.activation ?? .tanh
        guard !activation.isPiecewiseLinear, activation.polynomialDegree == nil else {
            throw CheckError.invalidParameter("normalization-scale-invariance uses a smooth non-polynomial activation (tanh, logistic, softplus, gelu, …); got \(activation)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 60
        let hidden = Array(widths.dropFirst().dropLast())
        let totalRows = samples * widths[widths.count - 1]

        for mode in Normalization.allCases {
            let (net, inputs) = try NormalizedMLP.deterministic(widths: widths, normalization: mode, activation: activation,
                                                                seed: seed, samples: samples)
            let outputs = try net.outputs(on: inputs)
            let groups = net.scaleTangents
            var invariance = 0.0, negative = 0.0
            for g in groups.indices {
                for lambda in [0.3, 4.0] {
                    invariance = max(invariance, relativeResidual(try net.rescalingScaleGroup(g, by: lambda).outputs(on: inputs), outputs))
                }
                negative = max(negative, relativeResidual(try net.rescalingScaleGroup(g, by: -1).outputs(on: inputs), outputs))
            }
            context.metric("\(mode)_scale_residual", invariance)
            context.expectAtMost("\(mode): rescaling a normalised block by λ ∈ {0.3, 4} keeps the outputs", invariance, 1e-12)

            var tangents = groups
            if mode == .layer { tangents += centringTangents(net) }
            let deficit: Int
            switch mode {
            case .batch, .weight: deficit = hidden.reduce(0, +)
            case .layer: deficit = (1..<(widths.count - 1)).reduce(0) { $0 + 1 + widths[$1 - 1] }
            }
            let jacobian = try net.batchJacobian(on: inputs)
            let estimate = try numericalRank(jacobian)
            let norm = estimate.singularValues.first ?? 0
            let kernel = tangents.map { relativeKernelResidual(jacobian, $0, norm: norm) }.max() ?? 0
            let tangentRank = try numericalRank(Matrix(tangents)).rank
            let expected = min(net.parameterCount - deficit, totalRows)
            context.metric("\(mode)_parameters", net.parameterCount)
            context.metric("\(mode)_rank", estimate.rank)
            context.metric("\(mode)_expected_rank", expected)
            context.metric("\(mode)_gap", estimate.gap)
            context.metric("\(mode)_kernel_residual", kernel)
            context.expectAtMost("\(mode): every invariance direction is in the Jacobian kernel", kernel, 1e-10)
            context.expectEqual("\(mode): the invariance directions are independent", tangentRank, deficit)
            context.expectRank("\(mode): rank ≤ P − \(deficit)", estimate, expected: net.parameterCount - deficit, atMost: true)
            if estimate.rank < expected {
                context.inconclusive("\(mode): rank \(estimate.rank) below min(P − \(deficit), rows) = \(expected): a non-generic draw or too few samples")
            }

            // ⟨∇L, t⟩ = 0 for L = ½‖y − target‖² with an arbitrary target: residuals y − target cycling −1, 0, 1.
            let gradient = jacobian.transposed * outputs.indices.map { Double($0 % 3) - 1 }
            let gradientNorm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let orthogonality = groups.map { t -> Double in
                let length = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return abs(zip(gradient, t).reduce(0) { $0 + $1.0 * $1.1 }) / max(gradientNorm * length, .leastNormalMagnitude)
            }.max() ?? 0
            context.metric("\(mode)_gradient_cosine", orthogonality)
            context.expectAtMost("\(mode): the loss gradient is orthogonal to every normalised weight block", orthogonality, 1e-10)

            context.metric("\(mode)_negative_factor_residual", negative)
            context.controlExceeds("\(mode): negative factor λ = −1", refutes: "a negative factor is also a symmetry of the normalised block",
                                   value: negative, threshold: 1e-6)
        }

        // Control: without normalisation the same row-scaling directions are not in the kernel.
        let plain = try detNet(widths: widths, activation: activation, seed: seed, samples: samples)
        let plainJacobian = try plain.network.batchJacobian(plain.inputs)
        let plainNorm = try singularValues(plainJacobian).first ?? 0
        var smallest = Double.infinity
        for l in 1..<(widths.count - 1) {
            let offset = plain.network.weightOffset(layer: l)
            for i in 0..<widths[l] {
                var t = [Double](repeating: 0, count: plain.network.parameterCount)
                for j in 0..<widths[l - 1] { t[offset + i * widths[l - 1] + j] = plain.network.parameters[offset + i * widths[l - 1] + j] }
                smallest = min(smallest, relativeKernelResidual(plainJacobian, t, norm: plainNorm))
            }
        }
        context.metric("plain_min_row_scaling_residual", smallest)
        context.controlExceeds("plain MLP with the same widths", refutes: "without normalisation, scaling a unit's incoming row is also a Jacobian kernel direction",
                               value: smallest, threshold: 1e-6, quantity: "min ‖J t‖ / (‖J‖ ‖t‖)")
    }

    /// Layer normalisation subtracts the mean over units, so adding one vector u to every row of a
    /// layer's incoming matrix changes nothing: one direction per input coordinate of the layer.
    private func centringTangents(_ net: NormalizedMLP) -> [[Double]] {
        var tangents: [[Double]] = []
        for l in 1..<(net.widths.count - 1) {
            let (n, m) = (net.widths[l], net.widths[l - 1])
            let offset = net.weightOffset(layer: l)
            for j in 0..<m {
                var t = [Double](repeating: 0, count: net.parameterCount)
                for i in 0..<n { t[offset + i * m + j] = 1 }
                tangents.append(t)
            }
        }
        return tangents
    }
}
