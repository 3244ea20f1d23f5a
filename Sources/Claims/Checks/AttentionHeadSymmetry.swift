import LinearAlgebra
import Networks

/// Claim `attention-head-symmetry`: in a multi-head self-attention layer, Q_h ↦ Q_h A, K_h ↦ K_h A⁻ᵀ and
/// V_h ↦ V_h B, O_h ↦ B⁻¹ O_h per head, and permutations of the heads, keep the function; for generic
/// weights with softmax the batch-Jacobian rank deficit is exactly Σ_h (d_k² + d_v²). Without softmax
/// each head has one more symmetry (Q_h ↦ λQ_h, O_h ↦ O_h/λ). Widths are given as d,heads,d_k,d_v,d_out.
struct AttentionHeadSymmetryCheck: ClaimCheck {
    let id = "attention-head-symmetry"
    let summary = "Per-head GL(d_k) × GL(d_v) and head permutations; rank deficit Σ_h (d_k² + d_v²) with softmax"
    let builtInDefaults = CheckParameters(widths: [4, 2, 2, 2, 4], seed: 1, samples: 8)
    let tokens = 4

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let w = parameters.widths ?? [4, 2, 2, 2, 4]
        guard w.count == 5 else { throw CheckError.invalidParameter("attention-head-symmetry takes --widths d,heads,d_k,d_v,d_out") }
        let size = SafeSize.multiply(w[1], SafeSize.add(SafeSize.multiply(w[0], 2 * w[2] + w[3]), SafeSize.multiply(w[3], w[4])))
        let rows = SafeSize.product([parameters.samples ?? 8, tokens, w[4]])
        return .denseMatrices(rows: rows, cols: size, copies: 4, repeats: 4, label: "batch Jacobian")
    }

    var sweepGrid: [CheckParameters] {
        [[4, 2, 2, 2, 4], [4, 1, 2, 2, 4], [4, 2, 1, 2, 4], [3, 3, 1, 1, 2], [5, 2, 3, 2, 3]].map {
            CheckParameters(widths: $0, samples: 8)
        }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [4, 2, 2, 2, 4]
        guard widths.count == 5 else {
            throw CheckError.invalidParameter("attention-head-symmetry takes --widths d,heads,d_k,d_v,d_out; got \(widthsText(widths))")
        }
        let (d, heads, dk, dv, dOut) = (widths[0], widths[1], widths[2], widths[3], widths[4])
        guard dk <= d, dv <= d, dv <= dOut else {
            throw CheckError.invalidParameter("the deficit formula needs d_k ≤ d and d_v ≤ min(d, d_out); got \(widthsText(widths))")
        }
        guard d * heads * (2 * dk + dv) + heads * dv * dOut <= 400 else {
            throw CheckError.invalidParameter("attention-head-symmetry is limited to 400 parameters; got widths \(widthsText(widths))")
        }
        if parameters.activation != nil { context.note("the activation parameter does not apply to attention and is ignored") }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 8
        let formula = heads * (dk * dk + dv * dv)
        let size = heads * (2 * d * dk + d * dv + dv * dOut)
        guard samples * tokens * dOut >= size else {
            throw CheckError.invalidParameter("need samples · \(tokens) tokens · d_out ≥ P = \(size) Jacobian rows; got \(samples) samples")
        }
        var draws = Draws(seed: seed ^ 0xA77E)

        let (layer, inputs) = try SelfAttention.deterministic(modelWidth: d, heads: heads, keyWidth: dk, valueWidth: dv,
                                                              outputWidth: dOut, softmax: true, seed: seed, samples: samples,
                                                              tokens: tokens)
        let outputs = try layer.outputs(on: inputs)
        var image = layer
        for h in 0..<heads {
            image = try image.transformingQueryKey(head: h, by: draws.wellConditionedSquare(dk))
            image = try image.transformingValueOutput(head: h, by: draws.wellConditionedSquare(dv))
        }
        let glResidual = relativeResidual(try image.outputs(on: inputs), outputs)
        context.metric("gl_residual", glResidual)
        context.expectAtMost("per-head GL(d_k) × GL(d_v) keeps the outputs", glResidual, 1e-11)
        if heads >= 2 {
            let cycle = (0..<heads).map { ($0 + 1) % heads }
            let permuted = relativeResidual(try layer.permutingHeads(cycle).outputs(on: inputs), outputs)
            context.metric("head_permutation_residual", permuted)
            context.expectAtMost("permuting the heads keeps the outputs", permuted, 1e-13)
            let partial = relativeResidual(try layer.permutingHeads(cycle, parts: [.query, .key]).outputs(on: inputs), outputs)
            context.metric("query_key_only_permutation_residual", partial)
            context.controlExceeds("permute only Q and K of the heads", refutes: "permuting the heads' query and key weights alone is a symmetry",
                                   value: partial, threshold: 1e-6)
        }

        let jacobian = try layer.batchJacobian(on: inputs)
        let estimate = try numericalRank(jacobian)
        let norm = estimate.singularValues.first ?? 0
        let tangents = layer.glTangents
        let kernel = tangents.map { relativeKernelResidual(jacobian, $0, norm: norm) }.max() ?? 0
        let tangentRank = try numericalRank(Matrix(tangents)).rank
        context.metric("parameters", size)
        context.metric("rank", estimate.rank)
        context.metric("deficit", size - estimate.rank)
        context.metric("predicted_deficit", formula)
        context.metric("gap", estimate.gap)
        context.metric("kernel_residual", kernel)
        context.expectAtMost("the GL tangents lie in the Jacobian kernel", kernel, 1e-10)
        context.expectEqual("the GL tangents are independent", tangentRank, formula)
        context.expectRank("rank ≤ P − Σ_h (d_k² + d_v²)", estimate, expected: size - formula, atMost: true)
        if estimate.rank < size - formula {
            context.inconclusive("deficit \(size - estimate.rank) above Σ_h (d_k² + d_v²) = \(formula): a non-generic draw")
        }

        // Control: keep Q Kᵀ (a correct GL(d_k) move) but compensate V ↦ V B with Bᵀ instead of B⁻¹.
        let b = try draws.wellConditionedSquare(dv)
        let wrong = try layer.transformingQueryKey(head: 0, by: draws.wellConditionedSquare(dk))
            .transformingValueOutput(head: 0, by: b, outCompensation: b.transposed)
        let wrongResidual = relativeResidual(try wrong.outputs(on: inputs), outputs)
        context.metric("wrong_value_compensation_residual", wrongResidual)
        context.controlExceeds("keep Q Kᵀ, compensate V ↦ V B by O ↦ Bᵀ O", refutes: "a transformation that preserves every Q_h K_hᵀ is a symmetry",
                               value: wrongResidual, threshold: 1e-6)

        // Control: the softmax formula applied to lightning attention (no softmax) undercounts by one per head.
        let (lightning, lightningInputs) = try SelfAttention.deterministic(modelWidth: d, heads: heads, keyWidth: dk,
                                                                           valueWidth: dv, outputWidth: dOut, softmax: false,
                                                                           seed: seed, samples: samples, tokens: tokens)
        let lightningJacobian = try lightning.batchJacobian(on: lightningInputs)
        let lightningEstimate = try numericalRank(lightningJacobian)
        let lightningNorm = lightningEstimate.singularValues.first ?? 0
        let scaleKernel = lightning.lightningScaleTangents.map { relativeKernelResidual(lightningJacobian, $0, norm: lightningNorm) }.max() ?? 0
        let lightningDeficit = size - lightningEstimate.rank
        context.metric("lightning_deficit", lightningDeficit)
        context.metric("lightning_gap", lightningEstimate.gap)
        context.metric("lightning_scale_kernel_residual", scaleKernel)
        context.expectAtMost("without softmax, (Q_h, O_h) ↦ (λQ_h, O_h/λ) is a kernel direction", scaleKernel, 1e-10)
        let lightningUsable = lightningEstimate.decisionMargin >= RankEstimate.cleanGap
        context.control("lightning attention (no softmax)", refutes: "the deficit Σ_h (d_k² + d_v²) also holds without softmax",
                        detected: lightningDeficit >= formula + heads, margin: Double(lightningDeficit - formula),
                        expected: "deficit ≥ \(formula + heads)", observed: "deficit \(lightningDeficit), \(lightningDeficit - formula) above the formula",
                        collapsed: lightningUsable ? nil : "rank \(lightningEstimate.marginDescription)")
    }
}
