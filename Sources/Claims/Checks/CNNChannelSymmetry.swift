import LinearAlgebra
import Networks

/// Claim `cnn-channel-symmetry` (science.md §8.7, CNN bullet): permuting the channels of a hidden conv layer
/// together with the matching input slices of the next layer's filters preserves the function; so do
/// per-channel sign flips for odd σ and positive rescalings for ReLU, and the rescaling costs one rank per
/// hidden channel. Widths are channel counts (c0, c1, …, cL); kernels have size 3 on inputs of length 8.
struct CNNChannelSymmetryCheck: ClaimCheck {
    let id = "cnn-channel-symmetry"
    let summary = "Channel permutations, sign flips and rescalings of 1-D conv nets"
    let builtInDefaults = CheckParameters(widths: [1, 3, 1], activation: .tanh, seed: 1, samples: 200)
    let kernelSize = 3
    let inputLength = 8

    var sweepGrid: [CheckParameters] {
        [[1, 3, 1], [1, 1, 1], [2, 2, 2, 1], [1, 4, 2], [3, 1, 2]].flatMap { w in
            [Activation.tanh, .relu].map { CheckParameters(widths: w, activation: $0, samples: 40) }
        }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let channels = parameters.widths ?? [1, 3, 1]
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .tanh
        let layers = channels.count - 1
        guard layers >= 2 else {
            throw CheckError.invalidParameter("cnn-channel-symmetry needs at least one hidden conv layer: channels c0,c1,…,cL with L ≥ 2")
        }
        guard channels[1] <= 7 else {
            throw CheckError.invalidParameter("cnn-channel-symmetry enumerates all c1! permutations of the first hidden layer; it accepts c1 ≤ 7, got \(channels[1])")
        }
        let architecture = try Conv1DArchitecture(inputChannels: channels[0], inputLength: max(inputLength, layers * (kernelSize - 1) + 1),
                                                  channels: Array(channels.dropFirst()),
                                                  kernelSizes: Array(repeating: kernelSize, count: layers))
        let draw = try detConv1D(architecture: architecture, activation: activation, seed: seed, samples: samples)
        let net = draw.network
        let outputs = try net.forward(draw.inputs)
        let scale = max(1, outputs.maxAbs)
        let hidden = channels[1]
        // A cyclic shift moves every channel when c1 ≥ 2 (reversal fixes the middle one, and is the identity for c1 = 1).
        let shift = (0..<hidden).map { ($0 + 1) % hidden }

        // Channel permutations with the matching slices, over every permutation of the first hidden layer.
        var maxResidual = 0.0
        for permutation in allPermutations(hidden) {
            let image = try net.permutingChannels(layer: 1, permutation: permutation)
            maxResidual = max(maxResidual, maxAbsDifference(try image.forward(draw.inputs), outputs) / scale)
        }
        if activation.isOdd {
            let signs = (0..<hidden).map { $0 % 2 == 0 ? -1.0 : 1.0 }
            let flipped = try net.flippingChannelSigns(layer: 1, signs: signs)
            maxResidual = max(maxResidual, maxAbsDifference(try flipped.forward(draw.inputs), outputs) / scale)
        }
        context.metric("max_residual", maxResidual)
        context.metric("parameters", net.parameterCount)
        context.metric("hidden_channels", net.hiddenChannelCount)
        context.expectAtMost("channel symmetries preserve the outputs", maxResidual, 1e-13)

        // ReLU: per-channel rescaling preserves the net and costs one rank per hidden channel.
        let relu = try detConv1D(architecture: architecture, activation: .relu, seed: seed, samples: samples)
        let reluOutputs = try relu.network.forward(relu.inputs)
        let factors = (0..<hidden).map { 0.5 + Double($0) }
        let rescaled = try relu.network.rescalingChannels(layer: 1, factors: factors)
        let rescaleResidual = maxAbsDifference(try rescaled.forward(relu.inputs), reluOutputs) / max(1, reluOutputs.maxAbs)
        context.metric("rescaling_residual", rescaleResidual)
        context.expectAtMost("positive channel rescaling preserves a ReLU conv net", rescaleResidual, 1e-13)
        let jacobian = try relu.network.batchJacobian(relu.inputs)
        let rank = try numericalRank(jacobian)
        let bound = relu.network.parameterCount - relu.network.hiddenChannelCount
        context.metric("rank", rank.rank)
        context.metric("expected_rank", bound)
        context.metric("gap", rank.gap)
        context.expectRank("ReLU conv Jacobian rank ≤ P − hidden channels", rank, expected: bound, atMost: true)
        let tangents = relu.network.rescalingTangents()
        var kernelResidual = 0.0
        for t in 0..<tangents.rows {
            kernelResidual = max(kernelResidual, (jacobian * tangents.row(t)).map(abs).max() ?? 0)
        }
        context.metric("kernel_residual", kernelResidual)
        context.expectAtMost("rescaling tangents lie in the Jacobian kernel", kernelResidual, 1e-12 * max(1, jacobian.maxAbs))

        // Control: permuting filters without the matching next-layer slices changes the function.
        if hidden >= 2 {
            let broken = try net.permutingChannels(layer: 1, permutation: shift, includingNextLayerSlices: false)
            context.controlExceeds("filters permuted without the matching slices", refutes: "permuting the filters alone is a symmetry",
                                   value: maxAbsDifference(try broken.forward(draw.inputs), outputs) / scale, threshold: 1e-6,
                                   quantity: "relative output change")
        } else {
            context.skipControl("filters permuted without the matching slices", refutes: "permuting the filters alone is a symmetry",
                                reason: "one hidden channel: every permutation is the identity")
        }

        // Control: a sign flip of a channel is not a symmetry of a ReLU conv net.
        var signs = [Double](repeating: 1, count: hidden)
        signs[0] = -1
        let reluFlipped = try relu.network.flippingChannelSigns(layer: 1, signs: signs)
        let flipResidual = maxAbsDifference(try reluFlipped.forward(relu.inputs), reluOutputs) / max(1, reluOutputs.maxAbs)
        context.controlExceeds("channel sign flip in a ReLU conv net", refutes: "channel sign flips are symmetries whatever σ",
                               value: flipResidual, threshold: 1e-6, quantity: "relative output change")

        // Control (science.md §0.4(6)): a sign flip does not commute with max-pooling, max(−a, −b) = −min(a, b),
        // so "no max-pooling after an odd activation" is a real hypothesis. Measured on the output sequences
        // pooled in windows of 2.
        let sequence = outputs.storage
        var poolGap = 0.0
        for start in stride(from: 0, to: sequence.count - 1, by: 2) {
            let (a, b) = (sequence[start], sequence[start + 1])
            poolGap = max(poolGap, abs(max(-a, -b) - (-max(a, b))))
        }
        context.controlExceeds("sign flip before max-pooling", refutes: "a sign flip commutes with max-pooling (max-pool(−x) = −max-pool(x))",
                               value: poolGap / scale, threshold: 1e-6, quantity: "max |max-pool(−x) + max-pool(x)| (relative)")
    }
}
