import LinearAlgebra
import Networks

/// Claim `linear-gl-symmetry` (science.md §1): for a linear network with the given widths, every hidden
/// layer carries a GL(n_l) symmetry (W_l ↦ G W_l, b_l ↦ G b_l, W_{l+1} ↦ W_{l+1} G⁻¹), and its batch-Jacobian
/// rank is that of affine maps of rank ≤ r = min width seen on the sample: r′(n′ + nL − r′) + nL with
/// n′ = min(n0, n − 1) the dimension of the samples' affine hull and r′ = min(r, n′). The headline
/// `rank`/`expected_rank` are this network's; the two-factor map (A, B) ↦ AB of widths (n0, n1, nL) is a
/// secondary construction reported as `product_*`.
struct LinearGLSymmetryCheck: ClaimCheck {
    let id = "linear-gl-symmetry"
    let summary = "GL(h) symmetry of linear networks and the rank of their Jacobian"
    let builtInDefaults = CheckParameters(widths: [4, 2, 3], activation: .linear, seed: 1, samples: 20)

    var sweepGrid: [CheckParameters] {
        [[4, 2, 3], [4, 3, 3], [4, 4, 3], [3, 3, 3, 3], [2, 4, 4, 2], [1, 1, 1], [3, 5, 1, 4], [2, 6, 2]]
            .map { CheckParameters(widths: $0, activation: .linear, samples: 20) }
            + [CheckParameters(widths: [4, 2, 3], activation: .linear, samples: 3)]
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [4, 2, 3]
        guard widths.count >= 3 else {
            throw CheckError.invalidParameter("linear-gl-symmetry needs at least one hidden layer (widths n0,n1,…,nL with L ≥ 2)")
        }
        if let activation = parameters.activation, activation != .linear {
            throw CheckError.invalidParameter("linear-gl-symmetry is about linear networks; --activation \(activation) is outside its scope (use linear)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 20
        var draws = Draws(seed: seed &+ 1000)

        let draw = try detNet(widths: widths, activation: .linear, seed: seed, samples: samples)
        let net = draw.network
        let outputs = try net.forward(draw.inputs)

        // The symmetry on the network asked for: a well-conditioned G_l at every hidden layer at once.
        var image = net
        for layer in 1..<net.depth {
            let g = try draws.wellConditionedSquare(widths[layer])
            image = try acting(image, layer: layer, g: g, gInverse: try inverse(g))
        }
        let residual = relativeResidual(try image.forward(draw.inputs), outputs)
        context.metric("max_residual", residual)
        context.expectAtMost("G_l at every hidden layer preserves the function", residual, 1e-12)

        // Rank of this network's batch Jacobian.
        let jacobian = try net.batchJacobian(draw.inputs)
        let estimate = try numericalRank(jacobian)
        let r = widths.min() ?? 1
        let (n0, nL) = (widths[0], widths[widths.count - 1])
        let hull = min(n0, samples - 1)
        let rEff = min(r, hull)
        let expected = rEff * (hull + nL - rEff) + nL
        context.metric("rank", estimate.rank)
        context.metric("expected_rank", expected)
        context.metric("gap", estimate.decisionMargin)
        context.metric("parameters", net.parameterCount)
        context.expectRank("batch-Jacobian rank r′(n′+nL−r′)+nL", estimate, expected: expected)

        // The GL tangents (G = I + tE_ij at one layer) lie in the kernel.
        var kernelResidual = 0.0
        var tangents: [[Double]] = []
        let norm = estimate.singularValues.first ?? 1
        for layer in 1..<net.depth {
            for i in 0..<widths[layer] {
                for j in 0..<widths[layer] {
                    let t = glTangent(net, layer: layer, i: i, j: j)
                    tangents.append(t)
                    let length = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    let image = (jacobian * t).reduce(0) { $0 + $1 * $1 }.squareRoot()
                    if length > 0 { kernelResidual = max(kernelResidual, image / (max(norm, 1e-300) * length)) }
                }
            }
        }
        context.metric("kernel_residual", kernelResidual)
        context.expectAtMost("GL tangents lie in the Jacobian kernel (‖J t‖ / ‖J‖‖t‖)", kernelResidual, 1e-12)

        try productFactors(widths, seed: seed, into: &context)

        // Control: "the GL orbit tangents span the whole kernel" — the hidden biases of a linear net are
        // absorbed by the next bias, so the kernel (P − rank) is larger than the tangents' span.
        let tangentRank = try numericalRank(Matrix(tangents))
        let nullity = net.parameterCount - estimate.rank
        context.metric("gl_tangent_rank", tangentRank.rank)
        if estimate.decisionMargin >= RankEstimate.cleanGap && tangentRank.decisionMargin >= RankEstimate.cleanGap {
            context.control("kernel larger than the GL tangents", refutes: "the GL(n_l) orbit tangents span the whole Jacobian kernel",
                            detected: nullity > tangentRank.rank, margin: Double(nullity - tangentRank.rank),
                            expected: "P − rank > rank of the GL tangents (\(tangentRank.rank))",
                            observed: "P − rank = \(nullity)")
        } else {
            context.skipControl("kernel larger than the GL tangents", refutes: "the GL(n_l) orbit tangents span the whole kernel",
                                reason: "a rank is ill-conditioned at these parameters")
        }
    }

    /// The two-factor map (A, B) ↦ AB with A d × h, B h × k (d, h, k = n0, n1, nL): rank h(d+k) − h² when
    /// h ≤ min(d, k), dk otherwise; in general r(d + k − r) with r = min(d, h, k) (science.md §1.3).
    private func productFactors(_ widths: [Int], seed: UInt64, into context: inout CheckContext) throws {
        let (d, h, k) = (widths[0], widths[1], widths[widths.count - 1])
        var draws = Draws(seed: seed)
        let a = draws.matrix(d, h), b = draws.matrix(h, k)
        let rankA = try numericalRank(a).rank, rankB = try numericalRank(b).rank
        context.metric("product_factor_ranks", .ints([rankA, rankB]))
        guard rankA == min(d, h), rankB == min(h, k) else {
            context.note("the drawn factors are rank-deficient (a non-generic point): product rank not asserted")
            return
        }
        let estimate = try numericalRank(productJacobian(a, b))
        let r = min(d, h, k)
        let expected = r * (d + k - r)
        context.metric("product_rank", estimate.rank)
        context.metric("product_expected_rank", expected)
        context.expectRank("rank of D(A,B ↦ AB) is r(d+k−r), r = min(d,h,k)", estimate, expected: expected)

        // Control: "h(d+k) − h² holds for every hidden width" fails once h > min(d, k) (saturation at dk).
        if h > min(d, k) && (d - h) * (k - h) != 0 {
            let naive = h * (d + k) - h * h
            context.control("h(d+k) − h² beyond h ≤ min(d,k)", refutes: "the product rank is h(d+k) − h² for every h",
                            detected: estimate.rank != naive && estimate.decisionMargin >= RankEstimate.cleanGap,
                            margin: Double(abs(estimate.rank - naive)),
                            expected: "rank ≠ \(naive)", observed: "rank \(estimate.rank)")
        } else {
            context.skipControl("h(d+k) − h² beyond h ≤ min(d,k)", refutes: "the product rank is h(d+k) − h² for every h",
                                reason: h <= min(d, k) ? "h = \(h) ≤ min(d, k) = \(min(d, k)): the formula applies here"
                                    : "h = max(d, k): h(d+k) − h² coincides with dk here")
        }
    }

    /// G acting on hidden layer `layer`: rows of (W_l, b_l) by G, columns of W_{l+1} by G⁻¹.
    private func acting(_ net: MLP, layer: Int, g: Matrix, gInverse: Matrix) throws -> MLP {
        var out = net
        out.weights[layer - 1] = g * net.weights[layer - 1]
        out.biases[layer - 1] = g * net.biases[layer - 1]
        out.weights[layer] = net.weights[layer] * gInverse
        return out
    }

    /// d/dt of (I + tE_ij) acting on `layer`: δW_l = E_ij W_l, δb_l = E_ij b_l, δW_{l+1} = −W_{l+1} E_ij.
    private func glTangent(_ net: MLP, layer: Int, i: Int, j: Int) -> [Double] {
        var t = [Double](repeating: 0, count: net.parameterCount)
        let inOffset = net.weightOffset(layer: layer)
        let nPrev = net.widths[layer - 1], n = net.widths[layer], nNext = net.widths[layer + 1]
        for c in 0..<nPrev { t[inOffset + i * nPrev + c] = net.weights[layer - 1][j, c] }
        t[inOffset + n * nPrev + i] = net.biases[layer - 1][j]
        let outOffset = net.weightOffset(layer: layer + 1)
        for r in 0..<nNext { t[outOffset + r * n + j] -= net.weights[layer][r, i] }
        return t
    }

    /// Column for A[i,j] is vec(E_ij B); column for B[i,j] is vec(A E_ij) (science.md §1.3).
    private func productJacobian(_ a: Matrix, _ b: Matrix) -> Matrix {
        let (d, h, k) = (a.rows, a.cols, b.cols)
        var j = Matrix(rows: d * k, cols: h * (d + k))
        for i in 0..<d {
            for l in 0..<h {
                for c in 0..<k { j[i * k + c, i * h + l] = b[l, c] }
            }
        }
        for l in 0..<h {
            for c in 0..<k {
                for i in 0..<d { j[i * k + c, d * h + l * k + c] = a[i, l] }
            }
        }
        return j
    }
}
