import LinearAlgebra
import Networks

/// Claim `odd-activation-sign-flip` (science.md §2.1, §2.3): for an odd σ every signed permutation of the
/// hidden units preserves the function, and the orbit of a net without twin units has ∏ 2^{n_l} n_l! points
/// with d_min > 0. Controls: the flip in a ReLU net, and a twin unit that shrinks the orbit.
struct OddActivationSignFlipCheck: ClaimCheck {
    let id = "odd-activation-sign-flip"
    let summary = "Signed permutations are symmetries of odd-activation nets; orbit ∏ 2^n n!"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)
    /// Groups larger than this are sampled deterministically instead of enumerated.
    let enumerationCap = 720

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayerWithTwoUnits(widths, claim: id)
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .tanh
        guard activation.isOdd else {
            throw CheckError.invalidParameter("odd-activation-sign-flip needs an odd activation (tanh); \(activation) is not odd")
        }
        let draw = try detNet(widths: widths, activation: activation, seed: seed, samples: samples)
        let net = draw.network
        let outputs = try net.forward(draw.inputs)
        let group = try HiddenLayerElements(widths: widths, signed: true, cap: enumerationCap, seed: seed &+ 7919)
        let order = try signedPermutationGroupOrder(widths)
        context.metric("group_order", .string(order.description))
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

            // Control: unit `last` := −(unit 0), outgoing weights included, is fixed by "swap and flip both".
            let twin = try twinNet(net, layer: layer)
            let twinOrbit = try twin.orbit(under: .signedPermutations, limit: enumerationCap)
            context.metric("twin_orbit_size", twinOrbit.points.count)
            context.metric("twin_d_min", twinOrbit.minimumDistance)
            context.control("a twin unit shrinks the orbit",
                            detected: twinOrbit.points.count < twinOrbit.groupOrder && twinOrbit.minimumDistance == 0,
                            expected: "orbit < \(twinOrbit.groupOrder) and d_min = 0",
                            observed: "orbit \(twinOrbit.points.count), d_min \(MetricValue.format(twinOrbit.minimumDistance))")
        } else {
            let distinctElements = Set(group.elements).count
            let distinctImages = Set(try group.elements.map { try net.applying($0).parameters }).count
            context.metric("orbit_sample_distinct", distinctImages)
            context.note("group order above \(enumerationCap): orbit checked on a deterministic sample")
            context.expectEqual("distinct sampled elements give distinct parameters", distinctImages, distinctElements)

            // Control (sampled form): the element "swap unit 0 and the last unit, flip both" fixes the twin net.
            let twin = try twinNet(net, layer: layer)
            let fixing = swapAndFlip(widths: widths, layer: layer)
            let moved = maxDistance(try twin.applying(fixing).parameters, twin.parameters)
            context.control("a twin unit is fixed by a non-identity element", detected: moved == 0,
                            expected: "d = 0", observed: MetricValue.format(moved))
        }

        // Control: the same flip in a ReLU net is not a symmetry.
        let relu = try detNet(widths: widths, activation: .relu, seed: seed, samples: samples)
        let reluOutputs = try relu.network.forward(relu.inputs)
        let flipped = try relu.network.flippingSign(layer: layer, unit: 0)
        let reluResidual = relativeResidual(try flipped.forward(relu.inputs), reluOutputs)
        context.control("sign flip in a ReLU net", detected: reluResidual > 1e-6,
                        expected: "function changes (> 1e-6)", observed: MetricValue.format(reluResidual))
    }

    /// The net with its last unit of `layer` replaced by −(unit 0): incoming row, bias and outgoing column.
    private func twinNet(_ net: MLP, layer: Int) throws -> MLP {
        var twin = net
        let last = net.widths[layer] - 1
        for j in 0..<net.widths[layer - 1] { twin.weights[layer - 1][last, j] = -net.weights[layer - 1][0, j] }
        twin.biases[layer - 1][last] = -net.biases[layer - 1][0]
        for k in 0..<net.widths[layer + 1] { twin.weights[layer][k, last] = -net.weights[layer][k, 0] }
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
