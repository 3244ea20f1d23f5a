import LinearAlgebra
import Networks

/// Claim `tanh-sign-permutation-orbit` (science.md §0.4 item 3): the signed-permutation orbit of a deep tanh
/// net has exactly |G| = ∏ 2^{n_l} n_l! points when, in every hidden layer, the incoming vectors (w, b) are
/// non-zero and pairwise distinct up to sign. Without that condition the orbit can be smaller even when no two
/// units are identical (incoming and outgoing weights together): the (1,2,2,1) construction.
struct TanhSignPermutationOrbitCheck: ClaimCheck {
    let id = "tanh-sign-permutation-orbit"
    let summary = "Deep tanh orbits have |G| points when incoming vectors are distinct up to sign; the (1,2,2,1) construction has fewer"
    let builtInDefaults = CheckParameters(widths: [2, 2, 3, 1], activation: .tanh, seed: 1, samples: 50)
    /// Orbits are enumerated point by point; larger groups are refused.
    let orderLimit = 5_000

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[2, 2, 3, 1], [1, 2, 2, 1], [2, 3, 1], [3, 2, 2, 2, 1], [2, 4, 1]].map { CheckParameters(widths: $0, activation: .tanh, samples: 50) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 2, 3, 1]
        try requireHiddenLayerWithTwoUnits(widths, claim: id)
        let activation = parameters.activation ?? .tanh
        guard activation.isOdd, activation.polynomialDegree == nil else {
            throw CheckError.invalidParameter("tanh-sign-permutation-orbit is about odd non-polynomial activations (tanh, arctan, sin); got \(activation)")
        }
        let order = try signedPermutationGroupOrder(widths)
        guard let groupOrder = order.exactUInt.flatMap({ Int(exactly: $0) }), groupOrder <= orderLimit else {
            throw CheckError.invalidParameter("the signed-permutation group of \(widths) has order \(order), above the enumeration limit \(orderLimit)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 50

        // Positive case: a draw satisfying the hypothesis (redrawn deterministically otherwise).
        guard let draw = try context.drawSatisfying(seed: seed, hypothesis: "incoming vectors non-zero and pairwise distinct up to sign", { rng in
            try detNet(widths: widths, activation: activation, rng: &rng, samples: samples)
        }, violation: { candidate in
            let separation = minimumIncomingSeparation(candidate.network)
            return separation > 1e-6 ? nil : "two incoming vectors agree up to sign or one is zero (separation \(MetricValue.format(separation)))"
        }) else { return }
        context.metric("min_incoming_separation", minimumIncomingSeparation(draw.network))
        let orbit = try draw.network.orbit(under: .signedPermutations, limit: orderLimit)
        context.metric("group_order", groupOrder)
        context.metric("orbit_size", orbit.points.count)
        context.metric("min_orbit_distance", orbit.minimumDistance)
        context.expectEqual("orbit has |G| points", orbit.points.count, groupOrder)
        let residual = try orbitResidual(draw.network, orbit, inputs: draw.inputs)
        context.metric("max_residual", residual)
        context.expectAtMost("every orbit point computes the same function", residual, 1e-13)

        // Control: "no two units identical ⇒ |G| points" fails beyond one hidden layer.
        let construction = try Self.construction()
        let constructionOrder = try signedPermutationGroupOrder(construction.widths).exactUInt.flatMap { Int(exactly: $0) } ?? 0
        let constructionOrbit = try construction.orbit(under: .signedPermutations)
        let identicalPairs = Self.identicalUnitPairs(construction)
        context.metric("construction_group_order", constructionOrder)
        context.metric("construction_orbit_size", constructionOrbit.points.count)
        context.metric("construction_identical_unit_pairs", identicalPairs)
        context.control("the (1,2,2,1) construction", refutes: "no two identical units (incoming and outgoing) implies an orbit of |G| points",
                        detected: identicalPairs == 0 && constructionOrbit.points.count < constructionOrder,
                        margin: Double(constructionOrder) / Double(max(1, constructionOrbit.points.count)),
                        expected: "0 identical pairs and orbit < \(constructionOrder)",
                        observed: "\(identicalPairs) identical pairs, orbit \(constructionOrbit.points.count)")

        // Control: a twin up to sign in the drawn net (incoming and outgoing, science.md §0.4 item 2) shrinks it.
        var twin = draw.network
        let layer = firstWideHiddenLayer(widths)
        for j in 0..<widths[layer - 1] { twin.weights[layer - 1][1, j] = -twin.weights[layer - 1][0, j] }
        twin.biases[layer - 1][1] = -twin.biases[layer - 1][0]
        for k in 0..<widths[layer + 1] { twin.weights[layer][k, 1] = -twin.weights[layer][k, 0] }
        let twinOrbit = try twin.orbit(under: .signedPermutations, limit: orderLimit)
        context.metric("twin_orbit_size", twinOrbit.points.count)
        context.control("a whole-unit twin up to sign", refutes: "the orbit of a deep tanh net always has |G| points",
                        detected: twinOrbit.points.count * 2 == groupOrder, margin: Double(groupOrder) / Double(max(1, twinOrbit.points.count)),
                        expected: "\(groupOrder / 2) points", observed: "\(twinOrbit.points.count) points")
    }

    /// min over hidden layers and unit pairs of min(‖v_i − v_j‖_∞, ‖v_i + v_j‖_∞), and of ‖v_i‖_∞,
    /// relative to the layer's largest incoming vector.
    func minimumIncomingSeparation(_ net: MLP) -> Double {
        var result = Double.infinity
        for layer in 1..<net.depth {
            let rows = (0..<net.widths[layer]).map { unit in net.weights[layer - 1].row(unit) + [net.biases[layer - 1][unit]] }
            let scale = max(rows.map { $0.map(abs).max() ?? 0 }.max() ?? 0, 1e-300)
            for i in rows.indices {
                result = min(result, (rows[i].map(abs).max() ?? 0) / scale)
                for j in rows.indices where j > i {
                    let minus = zip(rows[i], rows[j]).map { abs($0 - $1) }.max() ?? 0
                    let plus = zip(rows[i], rows[j]).map { abs($0 + $1) }.max() ?? 0
                    result = min(result, min(minus, plus) / scale)
                }
            }
        }
        return result
    }

    /// Max relative output change over the orbit points.
    private func orbitResidual(_ net: MLP, _ orbit: Orbit, inputs: Matrix) throws -> Double {
        let outputs = try net.forward(inputs)
        var worst = 0.0
        for point in orbit.points {
            let image = try MLP(widths: net.widths, activation: net.activation, parameters: point)
            worst = max(worst, relativeResidual(try image.forward(inputs), outputs))
        }
        return worst
    }

    /// The (1,2,2,1) construction of science.md §0.4 item 3: layer-1 units share (w, b) = (0.7, 0.2);
    /// W₂ = [[a, b], [b, a]] with a ≠ b; layer-2 units share the bias 0.1 and the outgoing weight 1.3.
    static func construction() throws -> MLP {
        try MLP(weights: [Matrix([[0.7], [0.7]]), Matrix([[0.9, -0.4], [-0.4, 0.9]]), Matrix([[1.3, 1.3]])],
                biases: [[0.2, 0.2], [0.1, 0.1], [-0.3]], activation: .tanh)
    }

    /// Pairs of units in one hidden layer whose incoming rows, biases and outgoing columns agree up to one sign.
    static func identicalUnitPairs(_ net: MLP) -> Int {
        var count = 0
        for layer in 1..<net.depth {
            let units = (0..<net.widths[layer]).map { unit in
                net.weights[layer - 1].row(unit) + [net.biases[layer - 1][unit]] + net.weights[layer].column(unit)
            }
            for i in units.indices {
                for j in units.indices where j > i {
                    if units[i] == units[j] || units[i] == units[j].map({ -$0 }) { count += 1 }
                }
            }
        }
        return count
    }
}
