import LinearAlgebra
import Networks

/// Claim `linear-gl-symmetry` (science.md §1): (A G, G⁻¹ B) realizes AB for every invertible G, the Jacobian of
/// (A, B) ↦ AB has rank h(d+k) − h² (dk when h > min(d, k)), and a deep linear net with biases has generic
/// batch-Jacobian rank r(n0 + nL − r) + nL.
struct LinearGLSymmetryCheck: ClaimCheck {
    let id = "linear-gl-symmetry"
    let summary = "GL(h) symmetry of linear networks and the rank of their Jacobian"
    let builtInDefaults = CheckParameters(widths: [4, 2, 3], activation: .linear, seed: 1, samples: 20)

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? builtInDefaults.widths ?? [4, 2, 3]
        let seed = parameters.seed ?? 1
        let (d, h, k) = (widths[0], widths[1], widths[widths.count - 1])
        var draws = Draws(seed: seed)
        let a = draws.matrix(d, h)
        let b = draws.matrix(h, k)
        let g = try draws.wellConditionedSquare(h)
        let gInverse = try inverse(g)
        let product = a * b
        let scale = max(1, a.maxAbs * b.maxAbs * Double(h))

        // The symmetry itself.
        let residual = maxAbsDifference((a * g) * (gInverse * b), product) / scale
        context.metric("max_residual", residual)
        context.expectAtMost("(AG)(G⁻¹B) = AB", residual, 1e-13)

        // Preconditions: the formula is about full-rank factors.
        let rankA = try numericalRank(a).rank, rankB = try numericalRank(b).rank
        let generic = rankA == min(d, h) && rankB == min(h, k)
        context.metric("factor_ranks", .ints([rankA, rankB]))
        guard generic else {
            context.note("non-generic point: rank A = \(rankA), rank B = \(rankB); the rank formula does not apply")
            context.inconclusive("factors are rank-deficient at this seed")
            return
        }

        let jacobian = productJacobian(a, b)
        let estimate = try numericalRank(jacobian)
        let expected = h <= min(d, k) ? h * (d + k) - h * h : d * k
        context.metric("rank", estimate.rank)
        context.metric("expected_rank", expected)
        context.metric("gap", estimate.gap)
        context.metric("parameters", h * (d + k))
        context.expectEqual("rank of D(A,B ↦ AB)", estimate.rank, expected)
        if estimate.isIllConditioned { context.inconclusive("singular-value gap \(estimate.gap) below 1e6") }

        // The h² orbit tangents (AK, −KB) lie in the kernel.
        var kernelResidual = 0.0
        for i in 0..<h {
            for j in 0..<h {
                let tangent = orbitTangent(a, b, i, j)
                kernelResidual = max(kernelResidual, (jacobian * tangent).map(abs).max() ?? 0)
            }
        }
        context.metric("kernel_residual", kernelResidual)
        context.expectAtMost("orbit tangents (AK, −KB) in the kernel", kernelResidual, 1e-14 * max(1, scale))

        try deepLinearRank(widths: widths, seed: seed, samples: parameters.samples ?? 20, into: &context)

        // Control: Gᵀ is not G⁻¹ unless G is orthogonal, so (AG)(GᵀB) must differ from AB.
        let transposeResidual = maxAbsDifference((a * g) * (g.transposed * b), product) / scale
        context.control("Gᵀ in place of G⁻¹", detected: transposeResidual > 1e-3,
                        expected: "function changes (residual > 1e-3)", observed: MetricValue.format(transposeResidual))

        // Control: a rank-deficient A is a non-generic point, caught by the precondition, not a refutation.
        if h >= 2 {
            var deficient = a
            for i in 0..<d { deficient[i, h - 1] = deficient[i, 0] }
            let deficientRank = try numericalRank(deficient).rank
            let jacobianRank = try numericalRank(productJacobian(deficient, b)).rank
            context.control("rank-deficient A reported as non-generic", detected: deficientRank < h && jacobianRank < expected,
                            expected: "rank A < h and Jacobian rank < \(expected)",
                            observed: "rank A = \(deficientRank), Jacobian rank = \(jacobianRank)")
        }
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

    /// vec(A E_ij, −E_ij B) in the parameter order (A row-major, then B row-major).
    private func orbitTangent(_ a: Matrix, _ b: Matrix, _ i: Int, _ j: Int) -> [Double] {
        let (d, h, k) = (a.rows, a.cols, b.cols)
        var t = [Double](repeating: 0, count: h * (d + k))
        for r in 0..<d { t[r * h + j] = a[r, i] }
        for c in 0..<k { t[d * h + i * k + c] = -b[j, c] }
        return t
    }

    /// Deep linear net with biases: generic batch-Jacobian rank r(n0 + nL − r) + nL, r = min width.
    private func deepLinearRank(widths: [Int], seed: UInt64, samples: Int, into context: inout CheckContext) throws {
        let n = max(samples, widths[0] + 1)
        let draw = try detNet(widths: widths, activation: .linear, seed: seed, samples: n)
        let estimate = try numericalRank(try draw.network.batchJacobian(draw.inputs))
        let r = widths.min() ?? 1
        let (n0, nL) = (widths[0], widths[widths.count - 1])
        let expected = min(r * (n0 + nL - r) + nL, n * nL)
        context.metric("deep_rank", estimate.rank)
        context.metric("deep_expected_rank", expected)
        context.metric("deep_gap", estimate.gap)
        context.expectEqual("deep linear batch-Jacobian rank r(n0+nL−r)+nL", estimate.rank, expected)
        context.expect("rank below the parameter count", estimate.rank < draw.network.parameterCount || draw.network.hiddenCount == 0,
                       expected: "< \(draw.network.parameterCount)", observed: String(estimate.rank))
    }
}
