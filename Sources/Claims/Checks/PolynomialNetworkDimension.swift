import LinearAlgebra
import Networks

/// Claim `polynomial-network-dimension`: a bias-free network with activation t^r and widths
/// (d₀, …, d_L) computes d_L homogeneous forms of degree D = r^{L−1} in d₀ variables; the dimension of
/// its functional variety (the generic batch-Jacobian rank on a sample that separates such forms) is at
/// most min(P − H, d_L · C(d₀ + D − 1, D)): each hidden unit has a scaling symmetry (incoming ×λ,
/// outgoing ×λ^{−r}), and the forms live in a space of that dimension. Controls: the naive count P, and
/// the claim that the bound is always attained (the quadratic (3,2,1) network has dimension 5, not 6).
struct PolynomialNetworkDimensionCheck: ClaimCheck {
    let id = "polynomial-network-dimension"
    let summary = "Polynomial-network dimension ≤ min(P − H, d_L·C(d₀+D−1, D)), attained generically here; (3,2,1) with t² is defective"
    let builtInDefaults = CheckParameters(widths: [3, 3, 1], activation: .cube, seed: 1)

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let widths = parameters.widths ?? [3, 3, 1]
        let r = try degree(parameters.activation ?? .cube)
        let forms = try formDimension(widths: widths, degree: r)
        let rows = SafeSize.multiply(parameters.samples ?? SafeSize.add(SafeSize.multiply(2, forms), 10), widths.last ?? 1)
        return .denseMatrices(rows: rows, cols: SafeSize.product([widths.max() ?? 1, widths.max() ?? 1, widths.count]),
                              copies: 4, repeats: 3, label: "batch Jacobian")
    }

    var sweepGrid: [CheckParameters] {
        [([3, 3, 1], Activation.cube), ([2, 3, 2], .cube), ([2, 2, 2, 2], .cube), ([3, 4, 2], .square),
         ([2, 2, 2, 1], .square), ([4, 3, 1], .cube), ([3, 2, 1], .polynomial(coefficients: [0, 0, 0, 0, 1]))]
            .map { CheckParameters(widths: $0.0, activation: $0.1) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [3, 3, 1]
        guard widths.count >= 3 else { throw CheckError.invalidParameter("polynomial-network-dimension needs a hidden layer; got \(widthsText(widths))") }
        let activation = parameters.activation ?? .cube
        let r = try degree(activation)
        let forms = try formDimension(widths: widths, degree: r)
        guard forms <= 300, PolynomialNetwork.parameterCount(widths) <= 300 else {
            throw CheckError.invalidParameter("polynomial-network-dimension is limited to 300 parameters and 300 form coefficients; got widths \(widthsText(widths)) with t^\(r)")
        }
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? (2 * forms / widths[widths.count - 1] + 10)
        guard samples * widths[widths.count - 1] >= forms else {
            throw CheckError.invalidParameter("need samples · d_L ≥ \(forms) (the dimension of the space of forms) so the sample separates them; got \(samples) samples")
        }
        let (net, inputs) = try PolynomialNetwork.deterministic(widths: widths, activation: activation, seed: seed, samples: samples)
        let p = net.parameterCount, h = net.hiddenCount
        let bound = min(p - h, forms)
        let jacobian = try net.batchJacobian(on: inputs)
        let estimate = try numericalRank(jacobian)
        let norm = estimate.singularValues.first ?? 0
        let tangents = (1..<(widths.count - 1)).flatMap { l in (0..<widths[l]).map { net.monomialScalingTangent(layer: l, unit: $0, degree: r) } }
        let kernel = tangents.map { relativeKernelResidual(jacobian, $0, norm: norm) }.max() ?? 0
        context.metric("parameters", p)
        context.metric("hidden_units", h)
        context.metric("form_space_dimension", forms)
        context.metric("expected_dimension", bound)
        context.metric("rank", estimate.rank)
        context.metric("gap", estimate.gap)
        context.metric("scaling_kernel_residual", kernel)
        context.expectAtMost("the H scalings (row ×λ, column ×λ^−r) are Jacobian kernel directions", kernel, 1e-10)
        context.expectRank("rank ≤ min(P − H, d_L · C(d₀ + D − 1, D))", estimate, expected: bound, atMost: true)
        if estimate.rank < bound {
            context.inconclusive("rank \(estimate.rank) below the expected dimension \(bound): a defective architecture or a non-generic draw")
        }
        context.control("naive parameter count", refutes: "the dimension of the function space equals the number of parameters P",
                        detected: estimate.rank < p, margin: Double(p - estimate.rank),
                        expected: "rank < \(p)", observed: "rank \(estimate.rank), \(p - estimate.rank) below P")

        // Control: (3,2,1) with t² computes Σ c_i (w_i·x)², a symmetric 3×3 matrix of rank ≤ 2: dimension
        // 2·3 − 1 = 5, below min(P − H, C(4, 2)) = min(6, 6) = 6.
        let (quadratic, quadraticInputs) = try PolynomialNetwork.deterministic(widths: [3, 2, 1], activation: .square, seed: seed, samples: 30)
        let quadraticRank = try numericalRank(try quadratic.batchJacobian(on: quadraticInputs))
        context.metric("quadratic_321_rank", quadraticRank.rank)
        context.control("(3,2,1) with t²", refutes: "the bound min(P − H, d_L · C(d₀ + D − 1, D)) is always attained",
                        detected: quadraticRank.rank < 6, margin: Double(6 - quadraticRank.rank),
                        expected: "rank < 6 (theory: 5)", observed: "rank \(quadraticRank.rank) (\(quadraticRank.marginDescription))",
                        collapsed: quadraticRank.decisionMargin >= RankEstimate.cleanGap ? nil : quadraticRank.marginDescription)
    }

    /// r for σ(t) = t^r (square, cube, or poly with a single non-zero coefficient); refuses the rest.
    private func degree(_ activation: Activation) throws -> Int {
        switch activation {
        case .square: return 2
        case .cube: return 3
        case .polynomial(let c):
            if let r = c.lastIndex(where: { $0 != 0 }), r >= 2, c.enumerated().allSatisfy({ $0.offset == r || $0.element == 0 }) { return r }
        default: break
        }
        throw CheckError.invalidParameter("polynomial-network-dimension needs a monomial activation t^r with r ≥ 2 (square, cube, poly:0,0,0,1,…); got \(activation)")
    }

    /// d_L · C(d₀ + D − 1, D), D = r^{L−1}; refuses values over 10⁶.
    private func formDimension(widths: [Int], degree r: Int) throws -> Int {
        var d = 1
        for _ in 0..<(widths.count - 2) {
            d = SafeSize.multiply(d, r)
            guard d <= 64 else { throw CheckError.invalidParameter("the output degree r^(L−1) is above 64; use fewer layers or a lower degree") }
        }
        var binomial = 1.0
        for i in 0..<d { binomial = binomial * Double(widths[0] + i) / Double(i + 1) }
        let value = binomial * Double(widths[widths.count - 1])
        guard value <= 1e6 else { throw CheckError.invalidParameter("the space of output forms has dimension above 10⁶; use smaller widths or degree") }
        return Int(value.rounded())
    }
}
