import LinearAlgebra
import Networks

/// Claim `relu-positive-rescaling` (science.md §6.1): rescaling a hidden ReLU unit by λ > 0 (incoming row and
/// bias ×λ, outgoing column ÷λ) preserves the function; the H orbit tangents lie in the kernel of the batch
/// Jacobian, whose rank is therefore at most P − H. Controls: a negative factor, and the same tangents on a
/// tanh net (not in its kernel).
struct ReLUPositiveRescalingCheck: ClaimCheck {
    let id = "relu-positive-rescaling"
    let summary = "Positive rescaling preserves ReLU nets and costs one Jacobian rank per hidden unit"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)
    /// Factors tried on every hidden unit.
    let factors = [0.25, 3.0, 17.5]

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayer(widths, claim: id)
        let activation = parameters.activation ?? .relu
        guard activation.isPiecewiseLinear else {
            throw CheckError.invalidParameter("relu-positive-rescaling needs a positively homogeneous activation (relu, leaky-relu); got \(activation)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        // The rank statement needs σ′ defined on the sample (no boundary); the controls need no dead unit.
        guard let draw = try context.drawNet(widths: widths, activation: activation, seed: seed, samples: samples,
                                             hypotheses: [.offSwitchingBoundary, .noDeadUnits]) else { return }
        let net = draw.network
        let outputs = try net.forward(draw.inputs)

        // Every unit by every factor, then each whole hidden layer by distinct factors.
        var maxResidual = 0.0
        for layer in 1..<net.depth {
            for unit in 0..<widths[layer] {
                for lambda in factors {
                    let image = try net.rescalingUnit(layer: layer, unit: unit, by: lambda)
                    maxResidual = max(maxResidual, relativeResidual(try image.forward(draw.inputs), outputs))
                }
            }
            let layerFactors = (0..<widths[layer]).map { 0.5 + 1.25 * Double($0) }
            let image = try net.rescalingLayer(layer, by: layerFactors)
            maxResidual = max(maxResidual, relativeResidual(try image.forward(draw.inputs), outputs))
        }
        context.metric("max_residual", maxResidual)
        context.expectAtMost("positive rescalings preserve the function", maxResidual, 1e-13)

        // The derivative of ReLU is only defined off the switching boundary (science.md §0.3 item 4).
        let minPreactivation = (0..<draw.inputs.rows).reduce(Double.infinity) { worst, s in
            let pre = net.trace(draw.inputs.row(s)).pre.dropLast()
            return min(worst, pre.joined().map(abs).min() ?? .infinity)
        }
        context.metric("min_preactivation", minPreactivation)

        let jacobian = try net.batchJacobian(draw.inputs)
        let bound = min(net.parameterCount - net.hiddenCount, samples * net.outputWidth)
        let estimate = try numericalRank(jacobian)
        context.metric("rank", estimate.rank)
        context.metric("expected_rank", bound)
        context.metric("gap", estimate.gap)
        context.metric("parameters", net.parameterCount)
        context.metric("hidden_neurons", net.hiddenCount)
        context.expectRank("batch-Jacobian rank ≤ P − H", estimate, expected: bound, atMost: true)

        let tangents = net.rescalingTangents
        let tangentRank = try numericalRank(Matrix(tangents)).rank
        context.metric("tangent_rank", tangentRank)
        context.expectEqual("the H rescaling tangents are independent", tangentRank, net.hiddenCount)
        let kernelResidual = tangents.map { relativeImage(jacobian, $0, norm: estimate.singularValues.first ?? 0) }.max() ?? 0
        context.metric("kernel_residual", kernelResidual)
        context.expectAtMost("‖J t‖ ≤ 1e-12 ‖J‖ ‖t‖ for every tangent", kernelResidual, 1e-12)

        // Control: λ = −2 is not a symmetry.
        let negative = try net.rescalingUnit(layer: 1, unit: 0, by: -2)
        let negativeResidual = relativeResidual(try negative.forward(draw.inputs), outputs)
        context.controlExceeds("negative factor λ = −2", refutes: "rescaling by any non-zero λ is a symmetry of ReLU nets",
                               value: negativeResidual, threshold: 1e-6, quantity: "relative output change")

        // Control: on a tanh net with the same parameters the tangents leave the kernel.
        var tanhNet = net
        tanhNet.activation = .tanh
        let tanhJacobian = try tanhNet.batchJacobian(draw.inputs)
        let tanhNorm = try singularValues(tanhJacobian).first ?? 0
        let tanhResidual = tanhNet.rescalingTangents.map { relativeImage(tanhJacobian, $0, norm: tanhNorm) }.min() ?? 0
        context.controlExceeds("rescaling tangents on a tanh net", refutes: "the rescaling tangents lie in the kernel for every activation",
                               value: tanhResidual, threshold: 1e-6, quantity: "min ‖J t‖ / (‖J‖ ‖t‖)")
    }

    /// ‖J t‖₂ / (‖J‖₂ ‖t‖₂), with ‖J‖₂ the largest singular value.
    private func relativeImage(_ jacobian: Matrix, _ t: [Double], norm: Double) -> Double {
        let image = (jacobian * t).reduce(0) { $0 + $1 * $1 }.squareRoot()
        let length = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 && length > 0 ? image / (norm * length) : 0
    }
}
