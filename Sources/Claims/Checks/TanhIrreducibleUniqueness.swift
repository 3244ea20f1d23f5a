import LinearAlgebra
import Networks

/// Claim `tanh-irreducible-uniqueness` (science.md §4.1, Sussmann 1992): an irreducible single-hidden-layer
/// tanh net has full Jacobian rank P and every point of its signed-permutation orbit has the same canonical
/// form; each reducible variant (twin, constant unit, zero outgoing weight) loses rank and its Sussmann
/// reduction reproduces the function with a smaller, full-rank net.
struct TanhIrreducibleUniquenessCheck: ClaimCheck {
    let id = "tanh-irreducible-uniqueness"
    let summary = "Irreducible one-hidden-layer tanh nets are unique up to signed permutations"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)
    /// Groups larger than this are sampled deterministically instead of enumerated.
    let enumerationCap = 720

    /// The three ways a net can be reducible (science.md §4.1, R1–R3), each applied to the last unit.
    enum Reducibility: String, CaseIterable {
        case twin, constantUnit = "constant_unit", zeroOutgoing = "zero_outgoing"
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        guard widths.count == 3, widths[1] >= 2 else {
            throw CheckError.invalidParameter(
                "Sussmann's theorem is about one hidden layer: widths must be n0,n1,nL with n1 ≥ 2, got \(widths.map(String.init).joined(separator: ","))")
        }
        let activation = parameters.activation ?? .tanh
        guard activation == .tanh else {
            throw CheckError.invalidParameter("tanh-irreducible-uniqueness is about tanh nets; got \(activation)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        let draw = try detNet(widths: widths, activation: .tanh, seed: seed, samples: samples)
        let net = draw.network
        let outputs = try net.forward(draw.inputs)
        let expected = min(net.parameterCount, samples * net.outputWidth)
        context.metric("parameters", net.parameterCount)

        let reduction = try net.sussmannReduction()
        context.expect("the drawn net is irreducible", reduction.wasIrreducible, expected: "no reduction step",
                       observed: reduction.steps.map(\.description).joined(separator: "; ").ifEmpty("none"))
        let rank = try recordRank(net, inputs: draw.inputs, expected: expected, label: "irreducible net", into: &context)
        context.expectEqual("irreducible net has full rank", rank.rank, expected)

        try checkOrbit(net, draw.inputs, outputs, seed: seed, into: &context)

        // A perturbed net computes another function, and the canonical forms must say so.
        var perturbed = net
        perturbed.weights[0][0, 0] += 1e-3
        let perturbedEquivalence = try functionallyEquivalent(net, perturbed)
        context.expect("a perturbed net is not equivalent", !perturbedEquivalence.equivalent, expected: "not equivalent",
                       observed: perturbedEquivalence.equivalent ? "equivalent" : "not equivalent")

        for kind in Reducibility.allCases {
            try checkReducible(kind, net, draw.inputs, expected: expected, into: &context)
        }

        // Control: merging the twin with the wrong sign (+1 instead of −1) changes the function.
        let twin = reducible(.twin, net)
        let twinOutputs = try twin.forward(draw.inputs)
        let last = widths[1] - 1
        let wrongMerge = try twin.mergingTwinUnits(layer: 1, kept: 0, removed: last, sign: 1)
        let wrongResidual = relativeResidual(try wrongMerge.forward(draw.inputs), twinOutputs)
        context.control("wrong-sign merge of the twin", detected: wrongResidual > 1e-6,
                        expected: "function changes (> 1e-6)", observed: MetricValue.format(wrongResidual))
    }

    /// Outputs, canonical forms and functional equivalence over the signed-permutation orbit.
    private func checkOrbit(_ net: MLP, _ inputs: Matrix, _ outputs: Matrix, seed: UInt64,
                            into context: inout CheckContext) throws {
        let group = try HiddenLayerElements(widths: net.widths, signed: true, cap: enumerationCap, seed: seed &+ 7919)
        context.metric("group_order", .string(try signedPermutationGroupOrder(net.widths).description))
        context.metric("elements_checked", group.elements.count)
        let reference = try net.signedPermutationCanonicalForm().parameters
        var maxResidual = 0.0, spread = 0.0
        var inequivalent = 0
        for element in group.elements {
            let image = try net.applying(element)
            maxResidual = max(maxResidual, relativeResidual(try image.forward(inputs), outputs))
            spread = max(spread, maxDistance(try image.signedPermutationCanonicalForm().parameters, reference))
            if try !functionallyEquivalent(net, image).equivalent { inequivalent += 1 }
        }
        context.metric("max_residual", maxResidual)
        context.metric("canonical_spread", spread)
        context.expectAtMost("orbit points compute the same function", maxResidual, 1e-13)
        context.expectAtMost("canonical forms of all orbit points coincide", spread, 1e-12 * max(1, reference.map(abs).max() ?? 0))
        context.expectEqual("orbit points judged not equivalent", inequivalent, 0)
    }

    /// Rank drop of a reducible variant, and the reduced net's outputs and own full rank.
    private func checkReducible(_ kind: Reducibility, _ net: MLP, _ inputs: Matrix, expected: Int,
                                into context: inout CheckContext) throws {
        let variant = reducible(kind, net)
        let variantOutputs = try variant.forward(inputs)
        let name = kind.rawValue
        let rank = try recordRank(variant, inputs: inputs, expected: expected, prefix: "\(name)_",
                                  label: "\(name) variant", into: &context)
        context.control("\(name) variant drops the rank below P", detected: rank.rank < expected,
                        expected: "rank < \(expected)", observed: "rank \(rank.rank)")

        let reduction = try variant.sussmannReduction()
        guard let reduced = reduction.network else {
            context.expect("\(name) reduction leaves a network", false, expected: "a reduced net", observed: "constant")
            return
        }
        let residual = relativeResidual(try reduced.forward(inputs), variantOutputs)
        context.metric("\(name)_reduction_residual", residual)
        context.metric("\(name)_reduced_hidden", reduced.hiddenCount)
        context.expectAtMost("\(name) reduction preserves the outputs", residual, 1e-12)
        let reducedExpected = min(reduced.parameterCount, inputs.rows * reduced.outputWidth)
        let reducedRank = try recordRank(reduced, inputs: inputs, expected: reducedExpected, prefix: "\(name)_reduced_",
                                         label: "\(name) reduced net", into: &context)
        context.expectEqual("\(name) reduced net has its own full rank", reducedRank.rank, reducedExpected)
    }

    /// The net with its last hidden unit made reducible in the given way.
    private func reducible(_ kind: Reducibility, _ net: MLP) -> MLP {
        var out = net
        let last = net.widths[1] - 1
        switch kind {
        case .twin:
            // (w, b) of the last unit := −(w, b) of unit 0; its outgoing weight stays as drawn.
            for j in 0..<net.widths[0] { out.weights[0][last, j] = -net.weights[0][0, j] }
            out.biases[0][last] = -net.biases[0][0]
        case .constantUnit:
            for j in 0..<net.widths[0] { out.weights[0][last, j] = 0 }
        case .zeroOutgoing:
            for k in 0..<net.widths[2] { out.weights[1][k, last] = 0 }
        }
        return out
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
