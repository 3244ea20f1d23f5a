import LinearAlgebra
import Networks

/// Claim `relu-path-lifting` (science.md §6.2, Stock & Gribonval): φ(θ) is invariant under positive rescaling,
/// f_θ(X) = α(X,θ)φ(θ), and Σ_p |φ_p|^q equals the output of the net with |θ|^q on the all-ones input.
struct ReLUPathLiftingCheck: ClaimCheck {
    let id = "relu-path-lifting"
    let summary = "Path-lifting: rescaling invariance, factorisation f = αφ, path-norm identity"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)

    /// Paths enumerated at most (Σ_l ∏_{m≥l} n_m + 1 grows fast with depth).
    let pathLimit = 100_000

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayer(widths, claim: id)
        let paths = SafeSize.add(1, SafeSize.sum((0..<(widths.count - 1)).map { SafeSize.product(Array(widths[$0..<(widths.count - 1)])) }))
        guard paths <= pathLimit else {
            throw CheckError.invalidParameter("relu-path-lifting enumerates every path; widths \(widths.map(String.init).joined(separator: ",")) have \(paths == Int.max ? "too many" : String(paths)) paths, above its limit of \(pathLimit)")
        }
        let samples = parameters.samples ?? 200
        let alpha = ResourceEstimate.denseMatrices(rows: SafeSize.multiply(samples, widths.last ?? 1), cols: paths, copies: 3,
                                                   repeats: 1, label: "α(X, θ)")
        return alpha
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        try requireHiddenLayer(widths, claim: id)
        let seed = parameters.seed ?? 1
        if let activation = parameters.activation, activation != .relu {
            throw CheckError.invalidParameter("relu-path-lifting is about ReLU networks; --activation \(activation) is outside its scope")
        }
        // f = αφ needs α defined (no sample on a boundary); the controls need every unit to switch on the sample.
        guard let draw = try context.drawNet(widths: widths, activation: .relu, seed: seed, samples: parameters.samples ?? 200,
                                             hypotheses: [.offSwitchingBoundary, .noDeadUnits]) else { return }
        let net = draw.network
        let outputs = try net.forward(draw.inputs)
        let scale = max(1, outputs.maxAbs)
        let paths = try PathEnumeration(widths: widths, limit: 100_000)
        let phi = try net.pathLifting(paths)
        let phiScale = max(1, phi.maxAbs)
        let expectedCount = (0..<(widths.count - 1)).reduce(1) { total, l in
            total + widths[l..<(widths.count - 1)].reduce(1, *)
        }
        context.metric("path_count", paths.paths.count)
        context.metric("expected_path_count", expectedCount)
        context.expectEqual("|𝒫| = Σ_l ∏_{m≥l} n_m + 1", paths.paths.count, expectedCount)

        let residual = try net.factorisationResidual(draw.inputs, paths: paths) / scale
        context.metric("factorisation_residual", residual)
        context.expectAtMost("f_θ(X) = α(X,θ)φ(θ)", residual, 1e-12)

        // Positive rescaling of every hidden neuron by a different factor leaves φ unchanged.
        var rng = SplitMix64(seed: seed &+ 99)
        var rescaled = net
        for l in 1..<(widths.count - 1) {
            rescaled = try rescaled.rescalingLayer(l, by: (0..<widths[l]).map { _ in 0.25 + 3.75 * rng.nextUnit() })
        }
        let invariance = try rescaled.pathLiftingDistance(to: net) / phiScale
        context.metric("max_residual", invariance)
        context.expectAtMost("φ(λ·θ) = φ(θ) for positive rescalings", invariance, 1e-12)

        // Path-norm identity for q = 1 and q = 2.
        var normResidual = 0.0
        for q in [1.0, 2.0] {
            let direct = try net.pathNorms(q: q), forward = try net.pathNormsByForwardPass(q: q)
            normResidual = max(normResidual, maxDistance(direct, forward) / max(1, direct.map(abs).max() ?? 0))
        }
        context.metric("path_norm_residual", normResidual)
        context.expectAtMost("Σ|φ_p|^q = f_{|θ|^q}(1)", normResidual, 1e-12)

        // Control: without the hidden-bias paths the factorisation breaks.
        let noBias = try PathEnumeration(widths: widths, includesHiddenBiasPaths: false, limit: 100_000)
        let brokenResidual = try net.factorisationResidual(draw.inputs, paths: noBias) / scale
        context.controlExceeds("path set without hidden-bias paths", refutes: "input-to-output paths alone factor f (hidden biases need no paths)",
                               value: brokenResidual, threshold: 1e-6, quantity: "factorisation residual")

        // Control: a negative factor cancels on every path (φ unchanged) but flips the unit's activation
        // pattern, so f changes: φ alone is not the function, α(X,θ) matters.
        let negative = try net.rescalingUnit(layer: 1, unit: 0, by: -2)
        let negativeChange = maxAbsDifference(try negative.forward(draw.inputs), outputs) / scale
        let negativePhi = try negative.pathLiftingDistance(to: net) / phiScale
        context.metric("negative_factor_phi_change", negativePhi)
        context.control("negative rescaling factor", refutes: "equal path-liftings φ mean equal functions",
                        detected: negativeChange > 1e-6 && negativePhi <= 1e-12, margin: negativeChange / 1e-6,
                        expected: "f changes (> 1e-6) although φ is unchanged (≤ 1e-12)",
                        observed: "Δf = \(MetricValue.format(negativeChange)), Δφ = \(MetricValue.format(negativePhi))")

        // Control: flipping the orientation of a unit (incoming weights and bias negated) changes φ.
        var flipped = net
        for j in 0..<widths[0] { flipped.weights[0][0, j] *= -1 }
        flipped.biases[0][0] *= -1
        let flipChange = try flipped.pathLiftingDistance(to: net) / phiScale
        context.controlExceeds("orientation flip of a unit", refutes: "φ is invariant under sign flips as well as positive rescalings",
                               value: flipChange, threshold: 1e-6, quantity: "relative φ change")
    }
}
