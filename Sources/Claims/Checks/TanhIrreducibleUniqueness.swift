import LinearAlgebra
import Networks

/// Claim `tanh-irreducible-uniqueness` (science.md §4.1, §0.4(7); Sussmann 1992, several outputs after
/// Albertini–Sontag–Maillot 1993): two irreducible single-hidden-layer tanh nets with the same function are
/// signed permutations of each other. Tested globally (refits from random starts: every zero-residual fit
/// is equivalent or reducible) and locally (full Jacobian rank P); each reducible variant (incoming-only
/// twin, constant unit, zero outgoing weight) loses rank and its reduction reproduces the function.
struct TanhIrreducibleUniquenessCheck: ClaimCheck {
    let id = "tanh-irreducible-uniqueness"
    let summary = "Irreducible one-hidden-layer tanh nets are unique up to signed permutations"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)
    /// Groups larger than this are sampled deterministically instead of enumerated.
    let enumerationCap = 720
    let refitStarts = 5

    var sweepGrid: [CheckParameters] {
        [[2, 3, 1], [1, 1, 1], [1, 3, 1], [3, 2, 2], [2, 4, 1]].map { CheckParameters(widths: $0, activation: .tanh, samples: 60) }
            + [CheckParameters(widths: [2, 3, 1], activation: .tanh, samples: 10)]
    }

    /// The three ways a net can be reducible (science.md §4.1, R1–R3), each applied to the last unit.
    enum Reducibility: String, CaseIterable {
        case twin, constantUnit = "constant_unit", zeroOutgoing = "zero_outgoing"
    }

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let widths = parameters.widths ?? [2, 3, 1]
        let samples = parameters.samples ?? 200
        let p = SafeSize.parameterCount(widths)
        let local = ResourceEstimate.denseMatrices(rows: SafeSize.multiply(samples, widths.last ?? 1), cols: p, copies: 4, repeats: 8,
                                                   label: "batch Jacobian")
        let refit = ResourceEstimate.denseMatrices(rows: SafeSize.multiply(refitSampleCount(widths), widths.last ?? 1), cols: p,
                                                   copies: 3, repeats: 120 * refitStarts, label: "refit Jacobian")
        return local.combined(with: refit)
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        guard widths.count == 3 else {
            throw CheckError.invalidParameter(
                "Sussmann's theorem is about one hidden layer: widths must be n0,n1,nL, got \(widths.map(String.init).joined(separator: ","))")
        }
        let activation = parameters.activation ?? .tanh
        guard activation == .tanh else {
            throw CheckError.invalidParameter("tanh-irreducible-uniqueness is about tanh networks; --activation \(activation) is outside its scope")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        // Irreducibility is the hypothesis: zero or twinned (up to sign) units are redrawn.
        guard let draw = try context.drawNet(widths: widths, activation: .tanh, seed: seed, samples: samples,
                                             hypotheses: [.noZeroUnits, .distinctIncoming(upToSign: true)]) else { return }
        let net = draw.network
        let outputs = try net.forward(draw.inputs)
        let observations = samples * net.outputWidth
        context.metric("parameters", net.parameterCount)
        let reduction = try net.sussmannReduction()
        context.expect("the drawn net is irreducible", reduction.wasIrreducible, expected: "no reduction step",
                       observed: reduction.steps.map(\.description).joined(separator: "; ").ifEmpty("none"))

        // Global: refits from random starts on a rich sample.
        let (rich, fresh) = refitSamples(widths, seed: seed)
        let outcome = try GlobalRefit(starts: refitStarts).run(target: net, inputs: rich, fresh: fresh, seed: seed &+ 1000)
        GlobalRefit.record(outcome, starts: refitStarts, claim: "every zero-residual refit is a signed permutation of the target", into: &context)
        context.metric("refit_samples", rich.rows)

        // Local: full rank P on the given sample.
        let rank = try numericalRank(try net.batchJacobian(draw.inputs))
        context.metric("rank", rank.rank)
        context.metric("expected_rank", net.parameterCount)
        context.metric("gap", rank.decisionMargin)
        expectGenericRank("irreducible net has full rank P", rank, bound: net.parameterCount, observations: observations, into: &context)
        try checkOrbit(net, draw.inputs, outputs, seed: seed, into: &context)

        // Reducible variants need a second unit (the twin) and enough samples for the rank drop to show.
        for kind in Reducibility.allCases {
            let name = "\(kind.rawValue) variant drops the rank below P"
            let refutes = "a \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) net is still locally identifiable (rank P)"
            if kind == .twin && widths[1] < 2 {
                context.skipControl(name, refutes: refutes, reason: "one hidden unit: no twin")
            } else if observations < net.parameterCount {
                context.skipControl(name, refutes: refutes, reason: "n·nL = \(observations) < P: the rank cannot reach P anyway")
            } else {
                try checkReducible(kind, net, draw.inputs, name: name, refutes: refutes, into: &context)
            }
        }
        try reluRefitControl(seed: seed, into: &context)
    }

    /// 3⌈P/nL⌉ + 10 refit points and 50 fresh ones, from their own stream.
    private func refitSampleCount(_ widths: [Int]) -> Int {
        2 * ((SafeSize.parameterCount(widths) + (widths.last ?? 1) - 1) / max(1, widths.last ?? 1)) + 10
    }

    private func refitSamples(_ widths: [Int], seed: UInt64) -> (Matrix, Matrix) {
        var rng = SplitMix64(seed: seed &+ 555)
        let n0 = widths[0], m = refitSampleCount(widths)
        let rich = Matrix(rows: m, cols: n0, storage: (0..<(m * n0)).map { _ in 4 * rng.nextUnit() - 2 })
        let fresh = Matrix(rows: 50, cols: n0, storage: (0..<(50 * n0)).map { _ in 4 * rng.nextUnit() - 2 })
        return (rich, fresh)
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

    /// Rank drop of a reducible variant (a control), and the reduced net's outputs and own full rank.
    private func checkReducible(_ kind: Reducibility, _ net: MLP, _ inputs: Matrix, name: String, refutes: String,
                                into context: inout CheckContext) throws {
        let variant = reducible(kind, net)
        let variantOutputs = try variant.forward(inputs)
        let label = kind.rawValue
        let rank = try numericalRank(try variant.batchJacobian(inputs))
        context.metric("\(label)_rank", rank.rank)
        context.control(name, refutes: refutes, detected: rank.rank < net.parameterCount,
                        margin: Double(net.parameterCount - rank.rank), expected: "rank < \(net.parameterCount)",
                        observed: "rank \(rank.rank) (\(rank.marginDescription))",
                        collapsed: rank.decisionMargin < RankEstimate.cleanGap ? "variant rank ill-conditioned" : nil)

        let reduction = try variant.sussmannReduction()
        guard let reduced = reduction.network else {
            // Every unit removed: the net is the constant outputBias.
            let constant = Matrix(rows: inputs.rows, cols: net.outputWidth,
                                  storage: (0..<inputs.rows).flatMap { _ in reduction.outputBias })
            context.expectAtMost("\(label) reduction (a constant) preserves the outputs", relativeResidual(constant, variantOutputs), 1e-12)
            return
        }
        let residual = relativeResidual(try reduced.forward(inputs), variantOutputs)
        context.metric("\(label)_reduction_residual", residual)
        context.metric("\(label)_reduced_hidden", reduced.hiddenCount)
        context.expectAtMost("\(label) reduction preserves the outputs", residual, 1e-12)
        let reducedRank = try numericalRank(try reduced.batchJacobian(inputs))
        context.metric("\(label)_reduced_rank", reducedRank.rank)
        expectGenericRank("\(label) reduced net has its own full rank", reducedRank, bound: reduced.parameterCount,
                          observations: inputs.rows * reduced.outputWidth, into: &context)
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
