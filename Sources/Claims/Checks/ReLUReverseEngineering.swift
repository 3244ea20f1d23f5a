import Foundation
import LinearAlgebra
import Networks

/// Claim `relu-reverse-engineering` (Rolnick & Kording 2020; Carlini, Jagielski & Mironov 2020): the parameters
/// of a ReLU net can be recovered from queries of its function, up to permutation and positive rescaling. For a
/// one-hidden-layer scalar net: kinks along random lines give the hyperplanes (w_i, b_i)/‖w_i‖; a least-squares
/// fit on the recovered features gives the outgoing weights; the orientation of each unit is the subset whose
/// flip cancels the fitted linear term. The distance to the true parameters modulo the symmetries is reported in
/// bits of precision, as Carlini et al. do.
struct ReLUReverseEngineeringCheck: ClaimCheck {
    let id = "relu-reverse-engineering"
    let summary = "Query-based recovery of a shallow ReLU net up to permutation and rescaling, with its precision in bits"
    let builtInDefaults = CheckParameters(widths: [3, 4, 1], activation: .relu, seed: 1, samples: 60)
    let radius = 2.0
    let requiredBits = 20.0

    /// Shapes in the claim's scope for `verify --sweep`.
    var sweepGrid: [CheckParameters] {
        [[3, 4, 1], [2, 3, 1], [1, 3, 1], [4, 6, 1], [2, 1, 1]].map { CheckParameters(widths: $0, activation: .relu, samples: 60) }
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = parameters.widths ?? [3, 4, 1]
        guard widths.count == 3, widths[2] == 1, (1...8).contains(widths[1]), (1...6).contains(widths[0]) else {
            throw CheckError.invalidParameter("relu-reverse-engineering recovers one hidden layer of 1…8 units, input width 1…6 and one output (d,n1,1); got \(widths.map(String.init).joined(separator: ","))")
        }
        guard (parameters.activation ?? .relu) == .relu else {
            throw CheckError.invalidParameter("relu-reverse-engineering is about ReLU nets")
        }
        let seed = parameters.seed ?? 1
        let lines = parameters.samples ?? 60
        guard lines >= 4 * widths[1] else {
            throw CheckError.invalidParameter("need at least \(4 * widths[1]) probe lines (samples) for \(widths[1]) units, got \(lines)")
        }
        // Hypothesis: every hyperplane crosses the probed box (else its unit is invisible or affine there).
        guard let draw = try context.drawNet(widths: widths, activation: .relu, seed: seed, samples: 400,
                                                hypotheses: reluVisibilityHypotheses) else { return }
        let target = draw.network
        let recovery = try recover(target, lines: lines, seed: seed)
        context.metric("queries", recovery.queries)
        context.metric("log2_queries", Foundation.log2(Double(recovery.queries)))
        context.metric("hyperplanes_found", recovery.planes.count)
        // The recovery procedure is a simple one; when it comes back incomplete that is a limit of the
        // procedure, not a counterexample to the claim: the run is inconclusive. Only a recovered net that
        // reproduces f yet is not a permutation/rescaling of the target would refute the claim.
        guard recovery.planes.count == widths[1] else {
            context.inconclusive("the probe lines found \(recovery.planes.count) hyperplanes for \(widths[1]) units")
            return
        }
        let planeError = hyperplaneError(target, recovery.planes)
        context.metric("first_layer_error", planeError)
        context.metric("first_layer_bits", bitsOfPrecision(planeError))
        guard let network = recovery.network else {
            context.inconclusive("least squares on the recovered features left no consistent orientation")
            return
        }
        let box = uniformBox(dimension: widths[0], samples: 200, radius: radius, seed: seed &+ 3)
        let reproduction = relativeResidual(try network.forward(box), try target.forward(box))
        context.metric("reproduction_residual", reproduction)
        guard reproduction <= 1e-6 else {
            context.inconclusive("the recovered net does not reproduce f (relative residual \(MetricValue.format(reproduction)))")
            return
        }
        let equivalence = try functionallyEquivalent(target, network, tolerance: 1e-6)
        context.metric("parameter_error", equivalence.maxParameterDifference)
        context.metric("bits", bitsOfPrecision(equivalence.maxParameterDifference))
        context.expect("a net reproducing f is the target up to permutation and rescaling", equivalence.equivalent,
                       expected: "equivalent", observed: "canonical distance \(MetricValue.format(equivalence.maxParameterDifference))")
        if bitsOfPrecision(equivalence.maxParameterDifference) < requiredBits {
            context.inconclusive("recovered to \(MetricValue.format(bitsOfPrecision(equivalence.maxParameterDifference))) bits, below \(Int(requiredBits))")
        }

        // Control: a twin (unit 1 = ½·unit 0, same hyperplane) makes recovery ambiguous: one hyperplane fewer,
        // and only c_0 + ½c_1 is determined, so two parameters with different c_0 compute the same function.
        guard widths[1] >= 2 else {
            context.skipControl("recovery of a net with a twin unit", refutes: "queries determine every ReLU net up to permutation and rescaling",
                                reason: "a twin needs two hidden units")
            return
        }
        var twin = target
        for j in 0..<widths[0] { twin.weights[0][1, j] = 0.5 * target.weights[0][0, j] }
        twin.biases[0][1] = 0.5 * target.biases[0][0]
        let twinRecovery = try recover(twin, lines: lines, seed: seed)
        context.metric("twin_hyperplanes_found", twinRecovery.planes.count)
        var moved = twin
        moved.weights[1][0, 0] += 0.5
        moved.weights[1][0, 1] -= 1
        let movedResidual = relativeResidual(try moved.forward(box), try twin.forward(box))
        let movedEquivalent = try functionallyEquivalent(twin, moved, tolerance: 1e-6).equivalent
        context.control("recovery of a net with a twin unit", refutes: "queries determine every ReLU net up to permutation and rescaling",
                        detected: twinRecovery.planes.count == widths[1] - 1 && movedResidual <= 1e-13 && !movedEquivalent,
                        expected: "\(widths[1] - 1) hyperplanes; an inequivalent net with the same function",
                        observed: "\(twinRecovery.planes.count) hyperplanes; residual \(MetricValue.format(movedResidual)), \(movedEquivalent ? "equivalent" : "inequivalent")")
    }

    struct Recovery {
        var planes: [RecoveredHyperplane]
        var network: MLP?
        var queries: Int
    }

    private func recover(_ target: MLP, lines: Int, seed: UInt64) throws -> Recovery {
        var kinks = KinkRecovery(dimension: target.inputWidth, radius: radius, seed: seed &+ 17) { x in
            target.trace(x).post[target.depth][0]
        }
        let planes = kinks.recover(lines: lines)
        var network: MLP?
        if planes.count == target.widths[1] {
            network = try fitOutputLayer(planes, query: { kinks.query($0) }, seed: seed, dimension: target.inputWidth)
        }
        return Recovery(planes: planes, network: network, queries: kinks.queries + (network == nil ? 0 : outputQueries(planes.count, target.inputWidth)))
    }

    private func outputQueries(_ units: Int, _ d: Int) -> Int { 10 * (units + d + 1) }

    /// Least squares f ≈ Σ a_i relu(n_i·x + β_i) + v·x + c, then the orientation subset S with
    /// v + Σ_S a_i n_i ≈ 0 (relu(z) = relu(−z) + z), giving a net without linear term.
    private func fitOutputLayer(_ planes: [RecoveredHyperplane], query: ([Double]) -> Double, seed: UInt64,
                                dimension d: Int) throws -> MLP? {
        let k = planes.count
        let points = uniformBox(dimension: d, samples: outputQueries(k, d), radius: radius, seed: seed &+ 29)
        var design = Matrix(rows: points.rows, cols: k + d + 1)
        var values = [Double](repeating: 0, count: points.rows)
        for s in 0..<points.rows {
            let x = points.row(s)
            for (i, plane) in planes.enumerated() {
                design[s, i] = max(0, zip(plane.normal, x).reduce(plane.offset) { $0 + $1.0 * $1.1 })
            }
            for j in 0..<d { design[s, k + j] = x[j] }
            design[s, k + d] = 1
            values[s] = query(x)
        }
        let solution = try leastSquares(design, values).solution
        let a = Array(solution[0..<k]), v = Array(solution[k..<(k + d)]), c = solution[k + d]
        var bestMask = 0, bestResidual = Double.infinity
        for mask in 0..<(1 << k) {
            var linear = v
            for i in 0..<k where mask & (1 << i) != 0 { for j in 0..<d { linear[j] += a[i] * planes[i].normal[j] } }
            let size = linear.map(abs).max() ?? 0
            if size < bestResidual { (bestMask, bestResidual) = (mask, size) }
        }
        guard bestResidual <= 1e-6 * max(1, a.map(abs).max() ?? 1) else { return nil }
        var w1: [[Double]] = [], b1: [Double] = []
        var bias = c
        for (i, plane) in planes.enumerated() {
            let sign: Double = bestMask & (1 << i) != 0 ? -1 : 1
            w1.append(plane.normal.map { sign * $0 })
            b1.append(sign * plane.offset)
            if sign < 0 { bias += a[i] * plane.offset }
        }
        return try MLP(weights: [Matrix(w1), Matrix([a])], biases: [b1, [bias]], activation: .relu)
    }

    /// Max over true units of the distance from (w_i, b_i)/‖w_i‖ (sign-normalised) to the nearest recovered plane.
    private func hyperplaneError(_ target: MLP, _ planes: [RecoveredHyperplane]) -> Double {
        var worst = 0.0
        for i in 0..<target.widths[1] {
            let truth = RecoveredHyperplane.normalised(target.weights[0].row(i), target.biases[0][i])
            let best = planes.map { plane in
                max(abs(plane.offset - truth.offset), zip(plane.normal, truth.normal).map { abs($0 - $1) }.max() ?? 0)
            }.min() ?? .infinity
            worst = max(worst, best)
        }
        return worst
    }
}
