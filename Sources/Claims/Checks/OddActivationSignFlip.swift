import LinearAlgebra
import Networks

/// Claim `odd-activation-sign-flip` (science.md §2.1, §2.3, §0.4(2)): for an odd σ every signed permutation of
/// the hidden units preserves the function, and the orbit of a net whose incoming vectors are non-zero and
/// pairwise distinct up to sign has ∏ 2^{n_l} n_l! points with d_min > 0.
struct OddActivationSignFlipCheck: ClaimCheck {
    let id = "odd-activation-sign-flip"
    let summary = "Signed permutations are symmetries of odd-activation nets; orbit ∏ 2^n n!"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)
    /// Groups larger than this are sampled deterministically instead of enumerated.
    let enumerationCap = 720

    var sweepGrid: [CheckParameters] {
        Sweep.mlpShapes.map { CheckParameters(widths: $0, activation: .tanh, samples: 60) }
            + [CheckParameters(widths: [2, 3, 1], activation: .arctan, samples: 60),
               CheckParameters(widths: [2, 3, 1], activation: .sin, samples: 60)]
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayer(widths, claim: id)
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .tanh
        guard activation.isOdd else {
            throw CheckError.invalidParameter("odd-activation-sign-flip is about odd activations (tanh, arctan, sin, …); --activation \(activation) is outside its scope")
        }
        guard let draw = try context.drawNet(widths: widths, activation: activation, seed: seed, samples: samples,
                                             hypotheses: [.noZeroUnits, .distinctIncoming(upToSign: true)]) else { return }
        let net = draw.network
        let outputs = try net.forward(draw.inputs)
        let group = try HiddenLayerElements(widths: widths, signed: true, cap: enumerationCap, seed: seed &+ 7919)
        context.metric("group_order", .string(try signedPermutationGroupOrder(widths).description))
        context.metric("elements_checked", group.elements.count)

        let residual = try maxImageResidual(net, group.elements, inputs: draw.inputs, outputs: outputs)
        context.metric("max_residual", residual)
        context.expectAtMost("signed permutations preserve the \(activation) net", residual, 1e-13)

        let layer = firstWideHiddenLayer(widths)
        if group.isWholeGroup {
            let orbit = try net.orbit(under: .signedPermutations, limit: enumerationCap)
            context.metric("orbit_size", orbit.points.count)
            context.metric("d_min", orbit.minimumDistance)
            context.expectEqual("orbit size ∏ 2^{n_l} n_l!", orbit.points.count, orbit.groupOrder)
            context.expect("free action (d_min > 0)", orbit.minimumDistance > 0, expected: "> 0",
                           observed: MetricValue.format(orbit.minimumDistance))
        } else {
            let distinctElements = Set(group.elements).count
            let distinctImages = Set(try group.elements.map { try net.applying($0).parameters }).count
            context.metric("orbit_sample_distinct", distinctImages)
            context.note("group order above \(enumerationCap): orbit checked on a deterministic sample")
            context.expectEqual("distinct sampled elements give distinct parameters", distinctImages, distinctElements)
        }

        if hasWideHiddenLayer(widths) {
            // Control: a full twin (incoming and outgoing negated) is fixed by "swap and flip both".
            let twin = try twinNet(net, layer: layer, outgoingToo: true)
            if group.isWholeGroup {
                let twinOrbit = try twin.orbit(under: .signedPermutations, limit: enumerationCap)
                context.metric("twin_orbit_size", twinOrbit.points.count)
                context.metric("twin_d_min", twinOrbit.minimumDistance)
            }
            let moved = maxDistance(try twin.applying(swapAndFlip(widths: widths, layer: layer)).parameters, twin.parameters)
            context.control("a full twin unit is fixed by a non-identity element",
                            refutes: "every signed-permutation orbit has ∏ 2^{n_l} n_l! points",
                            detected: moved == 0, expected: "swap-and-flip moves θ by 0", observed: MetricValue.format(moved))

            // Control (science.md §0.4(2)): an incoming-only twin leaves the orbit free; only the function
            // fiber grows (f depends on c₀ − c_last alone).
            let incomingTwin = try twinNet(net, layer: layer, outgoingToo: false)
            let stillMoved = maxDistance(try incomingTwin.applying(swapAndFlip(widths: widths, layer: layer)).parameters,
                                         incomingTwin.parameters)
            var shifted = incomingTwin
            let last = widths[layer] - 1
            for k in 0..<widths[layer + 1] {
                shifted.weights[layer][k, 0] += 0.5
                shifted.weights[layer][k, last] += 0.5
            }
            let twinOutputs = try incomingTwin.forward(draw.inputs)
            let fiberChange = relativeResidual(try shifted.forward(draw.inputs), twinOutputs)
            context.control("incoming-only twin", refutes: "an incoming-only twin shrinks the orbit (it only grows the function fiber)",
                            detected: stillMoved > 1e-6 && fiberChange <= 1e-12, margin: stillMoved / 1e-6,
                            expected: "swap-and-flip moves θ (> 1e-6) while (c₀ + t, c_last + t) keeps f",
                            observed: "moved \(MetricValue.format(stillMoved)), Δf along the fiber \(MetricValue.format(fiberChange))")
        } else {
            context.skipControl("a full twin unit is fixed by a non-identity element", refutes: "every orbit has ∏ 2^{n_l} n_l! points",
                                reason: "every hidden layer has width 1: no twin possible")
        }

        // Control: the same flip in a ReLU net (no dead unit) is not a symmetry.
        if let relu = try MLPHypothesis.firstSatisfying(widths: widths, activation: .relu, seed: seed, samples: samples,
                                                        hypotheses: [.noDeadUnits]) {
            let reluOutputs = try relu.network.forward(relu.inputs)
            let flipped = try relu.network.flippingSign(layer: layer, unit: 0)
            context.controlExceeds("sign flip in a ReLU net", refutes: "sign flips are symmetries for every activation",
                                   value: relativeResidual(try flipped.forward(relu.inputs), reluOutputs), threshold: 1e-6,
                                   quantity: "relative output change")
        } else {
            context.skipControl("sign flip in a ReLU net", refutes: "sign flips are symmetries for every activation",
                                reason: "no ReLU draw without a dead unit in 20 tries")
        }
    }

    /// The net with its last unit of `layer` replaced by −(unit 0): incoming row and bias, and the outgoing
    /// column when `outgoingToo`. The sign flip of unit 0 satisfies (c₀ tanh z − c tanh z) only then.
    private func twinNet(_ net: MLP, layer: Int, outgoingToo: Bool) throws -> MLP {
        var twin = net
        let last = net.widths[layer] - 1
        for j in 0..<net.widths[layer - 1] { twin.weights[layer - 1][last, j] = -net.weights[layer - 1][0, j] }
        twin.biases[layer - 1][last] = -net.biases[layer - 1][0]
        if outgoingToo {
            for k in 0..<net.widths[layer + 1] { twin.weights[layer][k, last] = -net.weights[layer][k, 0] }
        }
        return twin
    }

    /// The element exchanging unit 0 and the last unit of `layer` and flipping both (identity elsewhere).
    private func swapAndFlip(widths: [Int], layer: Int) -> [SignedPermutation] {
        (1..<(widths.count - 1)).map { l in
            guard l == layer else { return SignedPermutation.identity(width: widths[l]) }
            let n = widths[l]
            var permutation = Array(0..<n)
            permutation.swapAt(0, n - 1)
            let flipped = (0..<n).map { $0 == 0 || $0 == n - 1 }
            return SignedPermutation(permutation: permutation, flipped: flipped)
        }
    }
}
