import LinearAlgebra
import Networks

/// Claim `relu-local-identifiability` (science.md §7, Bona-Pellissier, Malgouyres & Bachoc 2022): C_S (R_Γ = P − H)
/// ⇒ locally identifiable from X; C_N fails (R_Γ = R_A < P − H) ⇒ not; otherwise undecided. The run computes the
/// verdict and demonstrates it with perturb-and-project: back to θ's class when identifiable, a nearby
/// non-equivalent θ̃ with the same outputs when not.
struct ReLULocalIdentifiabilityCheck: ClaimCheck {
    let id = "relu-local-identifiability"
    let summary = "Three-valued local identifiability verdict of a ReLU net from a finite sample"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)
    /// Size of the random perturbations that are projected back onto the fiber.
    let perturbation = 1e-3

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [2, 3, 1]
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 200
        guard (parameters.activation ?? .relu) == .relu else {
            throw CheckError.invalidParameter("relu-local-identifiability is about ReLU networks; got \(parameters.activation.map(String.init(describing:)) ?? "?")")
        }
        try requireHiddenLayer(widths, claim: id)
        // The theorems exclude samples on a switching boundary (the set Δ_X): such draws are redrawn.
        guard let draw = try context.drawNet(widths: widths, activation: .relu, seed: seed, samples: samples,
                                             hypotheses: [.offSwitchingBoundary]) else { return }
        let report = try draw.network.localIdentifiability(inputs: draw.inputs)
        record(report, into: &context)
        context.expect("R_Γ ≤ P − H and R_Γ ≤ R_A", report.satisfiesRankBounds,
                       expected: "R_Γ ≤ \(report.rankBound)" + (report.rA.map { ", ≤ R_A = \($0)" } ?? ""),
                       observed: "R_Γ = \(report.rGamma)")
        if let residual = report.factorisationResidual {
            let relative = residual / max(1, try draw.network.forward(draw.inputs).maxAbs)
            context.metric("factorisation_residual", relative)
            context.expectAtMost("f_θ(X) = α(X,θ)φ(θ)", relative, 1e-12)
        }
        if report.isIllConditioned { context.inconclusive("rank gap \(report.rankGap) below 1e6") }
        context.metric("rejected_draws", context.rejectedDraws.count)
        try demonstrate(report.verdict, network: draw.network, inputs: draw.inputs, seed: seed, into: &context)

        // Control: a dead hidden unit (never active on the sample) is not identifiable.
        var dead = draw.network
        let last = widths[1] - 1
        let reach = dead.weights[0].row(last).reduce(0) { $0 + abs($1) } * 2
        dead.biases[0][last] = -10 - reach
        let deadReport = try dead.localIdentifiability(inputs: draw.inputs)
        // Both not-identifiable and undecided (R_Γ < R_A) refute it: C_S, R_Γ = P − H, must fail.
        context.control("dead unit", refutes: "the sufficient condition C_S (R_Γ = P − H) can hold with a unit dead on the sample",
                        detected: deadReport.verdict != .identifiable, margin: Double(deadReport.rankBound - deadReport.rGamma),
                        expected: "not identifiable or undecided (R_Γ < P − H = \(deadReport.rankBound))",
                        observed: "\(label(deadReport.verdict)) (R_Γ = \(deadReport.rGamma))")

        // Control: all samples inside one small ball see a single affine piece: not identifiable.
        var ball = Draws(seed: seed &+ 77)
        let centre = draw.inputs.row(0)
        let local = Matrix(rows: samples, cols: widths[0], storage: (0..<(samples * widths[0])).map {
            centre[$0 % widths[0]] + 1e-6 * (2 * ball.rng.nextUnit() - 1)
        })
        if let ballReport = try? draw.network.localIdentifiability(inputs: local) {
            context.control("sample inside one linear region", refutes: "any sample of n ≥ P points identifies θ locally",
                            detected: ballReport.verdict != .identifiable, margin: Double(ballReport.rankBound - ballReport.rGamma),
                            expected: "not identifiable or undecided (one affine piece: C_S fails)",
                            observed: "\(label(ballReport.verdict)) (R_Γ = \(ballReport.rGamma))")
        } else {
            context.skipControl("sample inside one linear region", refutes: "any sample of n ≥ P points identifies θ locally",
                                reason: "the ball around sample 0 touches a switching boundary")
        }

        // Control: a sample on a switching boundary must be refused, not evaluated.
        var onBoundary = draw.inputs
        let w = draw.network.weights[0].row(0), b = draw.network.biases[0][0]
        if let j = w.indices.max(by: { abs(w[$0]) < abs(w[$1]) }), w[j] != 0 {
            // Solve w·x + b = 0 for coordinate j of sample 0.
            let others = w.indices.filter { $0 != j }.reduce(b) { $0 + w[$1] * onBoundary[0, $1] }
            onBoundary[0, j] = -others / w[j]
        }
        var refused = false
        var refusal = "evaluated"
        do {
            _ = try draw.network.localIdentifiability(inputs: onBoundary)
        } catch let error as ReLUAnalysisError {
            refused = true
            refusal = "refused: \(error)"
        }
        context.control("sample on a switching boundary", refutes: "a sample on a switching boundary can be evaluated like any other",
                        detected: refused, expected: "refused", observed: refusal)
    }

    /// The CLI's spelling of a verdict: identifiable | not-identifiable | undecided.
    private func label(_ verdict: IdentifiabilityVerdict) -> String {
        verdict.rawValue.replacingOccurrences(of: "_", with: "-")
    }

    private func record(_ report: LocalIdentifiabilityReport, into context: inout CheckContext) {
        context.metric("parameters", report.parameterCount)
        context.metric("hidden_neurons", report.hiddenCount)
        context.metric("expected_rank", report.rankBound)
        context.metric("rank", report.rGamma)
        if let rA = report.rA { context.metric("rank_activation", rA) }
        context.metric("path_count", report.pathCount)
        context.metric("min_preactivation", report.minimumPreactivation.value)
        context.metric("gap", report.rankGap)
        context.metric("verdict", label(report.verdict))
        context.note(report.reason)
    }

    /// Perturb θ and project back onto {θ̃ : f_θ̃(X) = f_θ(X)}; equal path-liftings ⇔ rescaling-equivalent (off S).
    private func demonstrate(_ verdict: IdentifiabilityVerdict, network: MLP, inputs: Matrix, seed: UInt64,
                             into context: inout CheckContext) throws {
        guard verdict != .undecided else {
            context.note("undecided: no demonstration (the two conditions of Theorems 8 and 9 leave it open)")
            return
        }
        var rng = SplitMix64(seed: seed &+ 4242)
        var largestPhiDistance = 0.0
        var largestResidual = 0.0
        for _ in 0..<3 {
            let start = try MLP(widths: network.widths, activation: .relu,
                                parameters: network.parameters.map { $0 + perturbation * (2 * rng.nextUnit() - 1) })
            let projected = try projectOntoFiber(target: network, start: start, inputs: inputs)
            largestResidual = max(largestResidual, projected.residual)
            largestPhiDistance = max(largestPhiDistance, try projected.network.pathLiftingDistance(to: network))
        }
        context.metric("projection_residual", largestResidual)
        context.metric("projection_phi_distance", largestPhiDistance)
        // The projection is a numerical demonstration: when it does not converge it cannot refute anything.
        let converged = largestResidual <= 1e-10
        context.expect("projected parameters reproduce f_θ(X)", converged, expected: "≤ 1e-10",
                       observed: MetricValue.format(largestResidual), undecided: "the projection did not converge")
        guard converged else { return }
        if verdict == .identifiable {
            // Between 1e-8 and 1e-4 the distance reflects conditioning, not another class.
            context.expect("perturb-and-project returns to θ's rescaling class (max |φ(θ̃) − φ(θ)|)",
                           largestPhiDistance <= 1e-8, expected: "≤ 1e-8", observed: MetricValue.format(largestPhiDistance),
                           undecided: largestPhiDistance <= 1e-4 ? "φ distance within the projection's conditioning" : nil)
        } else {
            context.expect("a nearby θ̃ with the same outputs is not rescaling-equivalent", largestPhiDistance > 1e-6,
                           expected: "max |φ(θ̃) − φ(θ)| > 1e-6", observed: MetricValue.format(largestPhiDistance))
        }
    }
}
