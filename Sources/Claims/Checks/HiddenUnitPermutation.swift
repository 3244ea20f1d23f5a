import LinearAlgebra
import Networks

/// Claim `hidden-unit-permutation` (science.md §2.1, §2.3): permuting the units of a hidden layer together
/// with the rows of (W_l, b_l) and the columns of W_{l+1} preserves the function for any activation (checked
/// for the given activation and a second family), and the orbit of a net with distinct units has ∏ n_l!
/// points.
struct HiddenUnitPermutationCheck: ClaimCheck {
    let id = "hidden-unit-permutation"
    let summary = "Permuting hidden units with their rows and columns preserves the function"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)
    /// Groups larger than this are sampled deterministically instead of enumerated.
    let enumerationCap = 720

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayerWithTwoUnits(widths, claim: id)
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .tanh
        // A second family, so that "any activation" is not checked on one σ only.
        let second: Activation = activation.isPiecewiseLinear ? .tanh : .relu
        let group = try HiddenLayerElements(widths: widths, signed: false, cap: enumerationCap, seed: seed &+ 7919)
        context.metric("group_order", .string(try permutationGroupOrder(widths).description))
        context.metric("elements_checked", group.elements.count)
        context.metric("second_activation", second.description)

        var maxResidual = 0.0
        for family in [activation, second] {
            let draw = try detNet(widths: widths, activation: family, seed: seed, samples: samples)
            let outputs = try draw.network.forward(draw.inputs)
            let residual = try maxImageResidual(draw.network, group.elements, inputs: draw.inputs, outputs: outputs)
            context.metric("residual_\(family)", residual)
            context.expectAtMost("permutations preserve the \(family) net", residual, 1e-13)
            maxResidual = max(maxResidual, residual)
        }
        context.metric("max_residual", maxResidual)

        let draw = try detNet(widths: widths, activation: activation, seed: seed, samples: samples)
        let net = draw.network
        try checkOrbit(net, group, into: &context)

        // Control: rows permuted without the matching columns of the next layer.
        let layer = firstWideHiddenLayer(widths)
        let shift = (0..<widths[layer]).map { ($0 + 1) % widths[layer] }
        let outputs = try net.forward(draw.inputs)
        let broken = try net.permutingIncomingRowsOnly(layer: layer, permutation: shift)
        let brokenResidual = relativeResidual(try broken.forward(draw.inputs), outputs)
        context.control("rows permuted without the matching columns", detected: brokenResidual > 1e-6,
                        expected: "function changes (> 1e-6)", observed: MetricValue.format(brokenResidual))
    }

    /// Orbit size ∏ n_l! when the units are distinct (whole group), or distinct images for a sample.
    private func checkOrbit(_ net: MLP, _ group: HiddenLayerElements, into context: inout CheckContext) throws {
        guard group.isWholeGroup else {
            let distinctElements = Set(group.elements).count
            let distinctImages = Set(try group.elements.map { try net.applying($0).parameters }).count
            context.metric("orbit_sample_distinct", distinctImages)
            context.note("group order above \(enumerationCap): orbit checked on a deterministic sample")
            context.expectEqual("distinct sampled permutations give distinct parameters", distinctImages, distinctElements)
            return
        }
        let orbit = try net.orbit(under: .permutations, limit: enumerationCap)
        context.metric("orbit_size", orbit.points.count)
        context.metric("d_min", orbit.minimumDistance)
        guard unitsAreDistinct(net) else {
            context.inconclusive("non-generic draw: two hidden units coincide, so the orbit may be smaller")
            return
        }
        context.expectEqual("orbit of a net with distinct units has ∏ n_l! points", orbit.points.count, orbit.groupOrder)

        // Control: a duplicated unit (same row, bias and outgoing column) is fixed by its transposition.
        let layer = firstWideHiddenLayer(net.widths)
        var twin = net
        let last = net.widths[layer] - 1
        for j in 0..<net.widths[layer - 1] { twin.weights[layer - 1][last, j] = net.weights[layer - 1][0, j] }
        twin.biases[layer - 1][last] = net.biases[layer - 1][0]
        for k in 0..<net.widths[layer + 1] { twin.weights[layer][k, last] = net.weights[layer][k, 0] }
        let twinOrbit = try twin.orbit(under: .permutations, limit: enumerationCap)
        context.control("a duplicated unit shrinks the orbit", detected: twinOrbit.points.count < twinOrbit.groupOrder,
                        expected: "orbit < \(twinOrbit.groupOrder)", observed: "orbit \(twinOrbit.points.count)")
    }

    /// True when no two units of a hidden layer have the same incoming row, bias and outgoing column.
    private func unitsAreDistinct(_ net: MLP) -> Bool {
        for layer in 1..<net.depth {
            let units = (0..<net.widths[layer]).map { unit in
                net.weights[layer - 1].row(unit) + [net.biases[layer - 1][unit]] + net.weights[layer].column(unit)
            }
            if Set(units).count < units.count { return false }
        }
        return true
    }
}
