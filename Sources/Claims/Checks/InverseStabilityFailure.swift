import LinearAlgebra
import Networks

/// Claim `inverse-stability-failure`: for (1,2,1) ReLU networks on [−1, 1], functions uniformly close to
/// f = 0 (realised by θ = 0) need not have any parameter close to θ: the ramp g_n = a_n·n·(relu(x − t) −
/// relu(x − t − 1/n)) has sup norm a_n, but both of its kinks lie inside the domain, each needs its own
/// unit with slope change |c_i w_i| = a_n·n, so every parameter realising g_n has norm ≥ 2√(a_n n).
/// With a_n = n^{−1/2}: distance n^{−1/2} → 0 in function space, ≥ 2 n^{1/4} → ∞ in parameter space,
/// whatever the symmetry. Controls: a Lipschitz inverse (constant 10), and the same measurement on
/// affine maps, whose parameters are stable (ratio ≤ √5).
struct InverseStabilityFailureCheck: ClaimCheck {
    let id = "inverse-stability-failure"
    let summary = "Uniformly close ReLU functions whose every parametrisation is far apart (no inverse stability)"
    let builtInDefaults = CheckParameters(seed: 1, samples: 20001)
    let scales = [100.0, 10_000.0, 1_000_000.0]

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let n = parameters.samples ?? 20001
        return ResourceEstimate(bytes: SafeSize.multiply(n, 64), seconds: Double(n) * 1e-7, detail: "grid of \(n) points")
    }

    var sweepGrid: [CheckParameters] { [CheckParameters(samples: 20001), CheckParameters(samples: 2001)] }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        if let widths = parameters.widths, widths != [1, 2, 1] {
            throw CheckError.invalidParameter("inverse-stability-failure is stated for the (1,2,1) ReLU architecture; got widths \(widthsText(widths))")
        }
        if let activation = parameters.activation, activation != .relu {
            throw CheckError.invalidParameter("inverse-stability-failure is stated for ReLU; got \(activation)")
        }
        let gridSize = parameters.samples ?? 20001
        guard gridSize >= 101, gridSize <= 2_000_000 else {
            throw CheckError.invalidParameter("--samples is the grid size on [−1, 1], between 101 and 2000000; got \(gridSize)")
        }
        var rng = SplitMix64(seed: parameters.seed ?? 1)
        // The ramp starts at t ∈ [−1/2, 1/2); its orientation (rising or falling) is drawn too.
        let start = rng.nextUnit() - 0.5
        let sign: Double = rng.nextUnit() < 0.5 ? 1 : -1
        context.metric("ramp_start", start)
        var worstRealisation = 0.0, worstSup = 0.0, worstBound = 0.0
        var ratios: [Double] = []
        for n in scales {
            let height = 1 / n.squareRoot()
            let slope = height * n
            let root = slope.squareRoot()
            // Balanced representative: |w_i| = |c_i| = √(a_n n).
            let theta = [root, root, -start * root, -(start + 1 / n) * root, sign * root, -sign * root, 0]
            let net = try MLP(widths: [1, 2, 1], activation: .relu, parameters: theta)
            // The grid contains both kinks, where the sup is attained.
            var points = (0..<gridSize).map { -1 + 2 * Double($0) / Double(gridSize - 1) }
            points += [start, start + 1 / n, start + 0.5 / n]
            let values = try net.forward(Matrix(rows: points.count, cols: 1, storage: points)).storage
            let exact = points.map { x in sign * slope * (max(0, x - start) - max(0, x - start - 1 / n)) }
            worstRealisation = max(worstRealisation, maxDistance(values, exact) / height)
            let sup = values.map(abs).max() ?? 0
            worstSup = max(worstSup, abs(sup - height) / height)
            let bound = 2 * slope.squareRoot()
            let norm = theta.reduce(0) { $0 + $1 * $1 }.squareRoot()
            worstBound = max(worstBound, bound > norm ? (bound - norm) / bound : 0)
            ratios.append(bound / height)
            context.metric("sup_distance_n\(Int(n))", sup)
            context.metric("parameter_lower_bound_n\(Int(n))", bound)
            context.metric("balanced_norm_n\(Int(n))", norm)
        }
        context.expectAtMost("the network realises the ramp (relative error)", worstRealisation, 1e-9)
        context.expectAtMost("sup distance to f = 0 is a_n = n^−1/2 (relative error)", worstSup, 1e-9)
        context.expectAtMost("the balanced realising parameter has norm ≥ the lower bound 2√(a_n n) (relative shortfall)", worstBound, 0)
        let grows = zip(ratios, ratios.dropFirst()).allSatisfy { $1 > 10 * $0 }
        context.expect("parameter distance / function distance = 2 n^{3/4} grows without bound", grows,
                       expected: "each ratio > 10 × the previous", observed: ratios.map(MetricValue.format).joined(separator: ", "))

        let smallestRatio = ratios.min() ?? 0
        context.controlExceeds("Lipschitz inverse with constant 10", refutes: "every function within ε of f has a parameter within 10ε of θ = 0",
                               value: smallestRatio, threshold: 10, quantity: "min over n of distance ratio")

        // Control in the other direction: for affine maps x ↦ w x + b on [−1, 1], |Δb| ≤ ‖Δf‖ and
        // |Δw| ≤ 2‖Δf‖, so ‖Δθ‖ ≤ √5 ‖Δf‖: inverse stability holds, and the same measurement must show it.
        var worstAffine = 0.0
        for _ in 0..<50 {
            let dw = 2 * rng.nextUnit() - 1, db = 2 * rng.nextUnit() - 1
            let sup = max(abs(dw + db), abs(-dw + db))
            worstAffine = max(worstAffine, (dw * dw + db * db).squareRoot() / sup)
        }
        context.metric("affine_max_ratio", worstAffine)
        context.control("affine maps", refutes: "parameters are unstable for affine maps too (no inverse Lipschitz constant)",
                        detected: worstAffine <= 5.0.squareRoot(), margin: 5.0.squareRoot() / worstAffine,
                        expected: "ratio ≤ √5 on 50 random pairs", observed: MetricValue.format(worstAffine))
    }
}
