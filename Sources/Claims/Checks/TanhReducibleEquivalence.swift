import Foundation
import LinearAlgebra
import Networks

/// Claim `tanh-reducible-equivalence` (Farrugia-Roberts 2023): the functional-equivalence class of a reducible
/// single-hidden-layer tanh net is larger than its signed-permutation orbit, and a canonicalisation — reduce
/// (drop zero-outgoing units, fold constant units, merge units equal up to sign), then normalise signs and sort —
/// decides functional equivalence. Reducible nets built to compute one function in different ways reach the same
/// canonical form; irreducible ones are related by signed permutations only.
struct TanhReducibleEquivalenceCheck: ClaimCheck {
    let id = "tanh-reducible-equivalence"
    let summary = "Reducible tanh nets with equal functions share the reduced canonical form; signed permutations alone do not suffice"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[2, 3, 1], [1, 2, 1], [3, 4, 1], [2, 2, 2]].map { CheckParameters(widths: $0, activation: .tanh, samples: 200) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        guard widths.count == 3, (2...6).contains(widths[1]) else {
            throw CheckError.invalidParameter("tanh-reducible-equivalence is about one hidden layer of 2…6 units (n0,n1,nL); got \(widths.map(String.init).joined(separator: ","))")
        }
        guard (parameters.activation ?? .tanh) == .tanh else {
            throw CheckError.invalidParameter("tanh-reducible-equivalence is about tanh nets")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        guard let draw = try context.drawSatisfying(seed: seed, hypothesis: "the base net is irreducible", { rng in
            try detNet(widths: widths, activation: .tanh, rng: &rng, samples: samples)
        }, violation: { candidate in
            try candidate.network.sussmannReduction().wasIrreducible ? nil : "the drawn base net is reducible"
        }) else { return }
        let base = draw.network
        let inputs = draw.inputs

        // A reducible net: extra units appended to the irreducible base in three redundant ways.
        let (reducible, variants) = try reducibleFamily(base, seed: seed)
        let reference = try reducible.forward(inputs)
        var worstResidual = 0.0, worstCanonical = 0.0
        var inequivalent = 0
        var naiveDistance = 0.0
        let canonical = try reducedCanonical(reducible)
        for variant in variants {
            worstResidual = max(worstResidual, relativeResidual(try variant.forward(inputs), reference))
            let other = try reducedCanonical(variant)
            let distance = other.widths == canonical.widths ? maxDistance(other.parameters, canonical.parameters) : .infinity
            worstCanonical = max(worstCanonical, distance)
            if try !functionallyEquivalent(reducible, variant).equivalent { inequivalent += 1 }
            let naive = try maxDistance(variant.signedPermutationCanonicalForm().parameters, reducible.signedPermutationCanonicalForm().parameters)
            naiveDistance = max(naiveDistance, naive)
        }
        context.metric("variants", variants.count)
        context.metric("hidden_units", reducible.hiddenCount)
        context.metric("reduced_hidden_units", canonical.hiddenCount)
        context.metric("max_residual", worstResidual)
        context.metric("max_canonical_distance", worstCanonical)
        context.expectAtMost("the variants compute the same function", worstResidual, 1e-13)
        context.expectAtMost("the variants share the reduced canonical form", worstCanonical, 1e-10)
        context.expectEqual("variants judged not equivalent", inequivalent, 0)
        context.expectEqual("reduction leaves the irreducible base", canonical.hiddenCount, base.hiddenCount)

        // The class contains line segments: moving outgoing weight between the twins keeps the function.
        var segmentResidual = 0.0
        for step in 0...10 {
            let point = try shiftingTwinWeight(reducible, by: Double(step) / 10 - 0.5)
            segmentResidual = max(segmentResidual, relativeResidual(try point.forward(inputs), reference))
        }
        context.metric("segment_residual", segmentResidual)
        context.expectAtMost("a segment of parameters inside the class", segmentResidual, 1e-13)

        // Irreducible base: its images under signed permutations share its canonical form, and the rank is full.
        let rank = try recordRank(base, inputs: inputs, expected: min(base.parameterCount, samples * widths[2]),
                                  prefix: "irreducible_", label: "irreducible base", into: &context)
        context.expectRank("irreducible base has full rank", rank, expected: min(base.parameterCount, samples * widths[2]))

        // Control: signed permutations alone (no reduction) do not identify the reducible class.
        context.metric("naive_canonical_distance", naiveDistance)
        context.controlExceeds("signed-permutation canonical forms without reduction",
                               refutes: "functionally equal reducible nets are signed permutations of each other",
                               value: naiveDistance, threshold: 1e-3, quantity: "largest canonical distance")

        // Control: a nearby but different reducible net (twin's incoming weight off by 1e-3) is not equivalent.
        var perturbed = reducible
        perturbed.weights[0][widths[1], 0] += 1e-3
        let perturbedEquivalence = try functionallyEquivalent(reducible, perturbed)
        let perturbedResidual = relativeResidual(try perturbed.forward(inputs), reference)
        context.control("twin incoming weight moved by 1e-3", refutes: "the reduced canonical form merges nearby inequivalent nets",
                        detected: !perturbedEquivalence.equivalent && perturbedResidual > 1e-6, margin: perturbedResidual / 1e-6,
                        expected: "not equivalent, function changes", observed: "\(perturbedEquivalence.equivalent ? "equivalent" : "not equivalent"), change \(MetricValue.format(perturbedResidual))")
    }

    /// The irreducible base with three units appended: a negated twin of unit 0 (outgoing weight shared with
    /// unit 0), a constant unit (w = 0) and a unit with zero outgoing weights. Variants compute the same
    /// function: a different split of the twin's outgoing weight, a different constant unit with the output bias
    /// compensating, other incoming weights on the dead unit, and a signed permutation of all units.
    private func reducibleFamily(_ base: MLP, seed: UInt64) throws -> (MLP, [MLP]) {
        let (d, n, out) = (base.widths[0], base.widths[1], base.widths[2])
        var draws = Draws(seed: seed &+ 101)
        func build(twinShare: Double, constantBias: Double, deadIncoming: [Double]) throws -> MLP {
            var w1 = (0..<n).map { base.weights[0].row($0) }
            var b1 = base.biases[0]
            w1.append(base.weights[0].row(0).map { -$0 }); b1.append(-base.biases[0][0])
            w1.append([Double](repeating: 0, count: d)); b1.append(constantBias)
            w1.append(Array(deadIncoming.prefix(d))); b1.append(deadIncoming[d])
            var w2 = (0..<out).map { base.weights[1].row($0) }
            var b2 = base.biases[1]
            for k in 0..<out {
                let c0 = base.weights[1][k, 0]
                // c0·tanh(z) = (1 − s)·c0·tanh(z) − s·c0·tanh(−z): unit 0 keeps (1 − s)c0, the twin gets −s·c0.
                w2[k][0] = (1 - twinShare) * c0
                w2[k] += [-twinShare * c0, 0.8, 0]
                b2[k] -= 0.8 * Foundation.tanh(constantBias)
            }
            return try MLP(weights: [Matrix(w1), Matrix(w2)], biases: [b1, b2], activation: .tanh)
        }
        let dead = (0...d).map { _ in 2 * draws.rng.nextUnit() - 1 }
        let reducible = try build(twinShare: 0.3, constantBias: 0.5, deadIncoming: dead)
        var variants = [
            try build(twinShare: 0.6, constantBias: 0.5, deadIncoming: dead),
            try build(twinShare: 0.3, constantBias: -1.2, deadIncoming: dead),
            try build(twinShare: 0.3, constantBias: 0.5, deadIncoming: dead.map { $0 * -3 + 0.1 }),
            try build(twinShare: -0.4, constantBias: 2, deadIncoming: dead.reversed()),
        ]
        let width = n + 3
        let element = SignedPermutation(permutation: Array((0..<width).reversed()),
                                        flipped: (0..<width).map { $0 % 2 == 0 })
        variants.append(try variants[0].applying(element, layer: 1))
        return (reducible, variants)
    }

    /// Moves weight between unit 0 and its negated twin (unit n): c_0 += t, c_twin += t keeps c_0 − c_twin.
    private func shiftingTwinWeight(_ net: MLP, by t: Double) throws -> MLP {
        var out = net
        let twin = net.widths[1] - 3
        for k in 0..<net.widths[2] {
            out.weights[1][k, 0] += t
            out.weights[1][k, twin] += t
        }
        return out
    }

    /// Sussmann reduction, then the signed-permutation canonical form of what is left.
    private func reducedCanonical(_ net: MLP) throws -> MLP {
        let reduction = try net.sussmannReduction()
        guard let reduced = reduction.network else {
            throw CheckError.unsupported("the reduction removed every unit")
        }
        var canonical = try reduced.signedPermutationCanonicalForm()
        canonical.biases[1] = reduction.outputBias
        return canonical
    }
}
