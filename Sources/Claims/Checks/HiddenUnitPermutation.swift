import LinearAlgebra
import Networks

/// Claim `hidden-unit-permutation` (science.md §2.1, §0.4(3)): permuting the units of a hidden layer together
/// with the rows of (W_l, b_l) and the columns of W_{l+1} preserves the function for any activation (checked
/// for the given activation and a second family); when every hidden layer's incoming vectors (w, b) are
/// non-zero and pairwise distinct the orbit has ∏ n_l! points.
struct HiddenUnitPermutationCheck: ClaimCheck {
    let id = "hidden-unit-permutation"
    let summary = "Permuting hidden units with their rows and columns preserves the function"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)
    /// Groups larger than this are sampled deterministically instead of enumerated.
    let enumerationCap = 720

    var sweepGrid: [CheckParameters] {
        Sweep.mlpShapes.flatMap { w in [Activation.tanh, .relu].map { CheckParameters(widths: w, activation: $0, samples: 60) } }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayer(widths, claim: id)
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let activation = parameters.activation ?? .tanh
        // A second family, so that "any activation" is not checked on one σ only.
        let second: Activation = activation.isPiecewiseLinear ? .tanh : .relu
        let group = try HiddenLayerElements(widths: widths, signed: false, cap: enumerationCap, seed: seed &+ 7919)
        context.metric("group_order", .string(try permutationGroupOrder(widths).description))
        context.metric("elements_checked", group.elements.count)
        context.metric("second_activation", second.description)

        // Distinct incoming vectors (the orbit hypothesis) and, for ReLU-type σ, no dead unit on the sample
        // (a dead unit makes the row-only control vacuous); violating draws are redrawn from the stream.
        var hypotheses: [MLPHypothesis] = [.noZeroUnits, .distinctIncoming(upToSign: false)]
        if activation.isPiecewiseLinear { hypotheses.append(.noDeadUnits) }
        guard let draw = try context.drawNet(widths: widths, activation: activation, seed: seed, samples: samples,
                                             hypotheses: hypotheses) else { return }
        let net = draw.network
        let outputs = try net.forward(draw.inputs)

        var maxResidual = 0.0
        for family in [activation, second] {
            var variant = net
            variant.activation = family
            let familyOutputs = try variant.forward(draw.inputs)
            let residual = try maxImageResidual(variant, group.elements, inputs: draw.inputs, outputs: familyOutputs)
            context.metric("residual_\(family)", residual)
            context.expectAtMost("permutations preserve the \(family) net", residual, 1e-13)
            maxResidual = max(maxResidual, residual)
        }
        context.metric("max_residual", maxResidual)
        try checkOrbit(net, group, into: &context)

        // Control: rows permuted without the matching columns of the next layer.
        guard hasWideHiddenLayer(widths) else {
            context.skipControl("rows permuted without the matching columns", refutes: "permuting rows alone is a symmetry",
                                reason: "every hidden layer has width 1: nothing to permute")
            return
        }
        let layer = firstWideHiddenLayer(widths)
        let shift = (0..<widths[layer]).map { ($0 + 1) % widths[layer] }
        let broken = try net.permutingIncomingRowsOnly(layer: layer, permutation: shift)
        context.controlExceeds("rows permuted without the matching columns", refutes: "permuting rows alone is a symmetry",
                               value: relativeResidual(try broken.forward(draw.inputs), outputs), threshold: 1e-6,
                               quantity: "relative output change")
    }

    /// Orbit size ∏ n_l! (whole group), or distinct images for a sample; the deep-net control.
    private func checkOrbit(_ net: MLP, _ group: HiddenLayerElements, into context: inout CheckContext) throws {
        if group.isWholeGroup {
            let orbit = try net.orbit(under: .permutations, limit: enumerationCap)
            context.metric("orbit_size", orbit.points.count)
            context.metric("d_min", orbit.minimumDistance)
            context.expectEqual("distinct incoming vectors ⇒ orbit of ∏ n_l! points", orbit.points.count, orbit.groupOrder)
        } else {
            let distinctElements = Set(group.elements).count
            let distinctImages = Set(try group.elements.map { try net.applying($0).parameters }).count
            context.metric("orbit_sample_distinct", distinctImages)
            context.note("group order above \(enumerationCap): orbit checked on a deterministic sample")
            context.expectEqual("distinct sampled permutations give distinct parameters", distinctImages, distinctElements)
        }

        // Control (science.md §0.4(3)): "no two whole units identical ⇒ orbit ∏ n_l!" is false in (1,2,2,1).
        let counterexample = try deepOrbitCounterexample(activation: net.activation)
        let orbit = try counterexample.orbit(under: .permutations)
        let premise = wholeUnitsAreDistinct(counterexample)
        context.control("deep-net orbit counterexample (1,2,2,1)",
                        refutes: "an orbit has ∏ n_l! points whenever no two units (incoming and outgoing weights) coincide",
                        detected: premise && orbit.points.count < orbit.groupOrder,
                        margin: Double(orbit.groupOrder) / Double(max(1, orbit.points.count)),
                        expected: "no identical units, orbit < \(orbit.groupOrder)",
                        observed: "units distinct: \(premise), orbit \(orbit.points.count)")
    }
}
