import LinearAlgebra
import Networks

/// The global test of the tanh uniqueness claims (issue 8 item 4): refit a second network of the same
/// widths to the target's outputs on a rich sample from many random starts; every zero-residual fit must
/// be equivalent to the target (canonical forms agree) or reducible. A fit that matches the sample but
/// not fresh points is a sample artefact, not a counterexample, and is counted apart.
struct GlobalRefit {
    var starts: Int
    /// Relative output residual counted as zero.
    var zeroResidual = 1e-9
    /// Canonical-form distance (relative) below which a fit is equivalent, and above which a fit that is
    /// also irreducible and matches fresh points is a counterexample; in between the run is inconclusive.
    var equivalentDistance = 1e-5
    var counterexampleDistance = 1e-2

    struct Outcome {
        var zeroResidualFits = 0
        var equivalent = 0
        var reducible = 0
        var sampleArtefacts = 0
        var undecided = 0
        var counterexamples = 0
        var largestDistance = 0.0
        var bestResidual = Double.infinity
    }

    /// Fits `target`'s architecture to its outputs on `inputs` (rich) and classifies the fits; `fresh`
    /// are other points where a zero-residual fit must also agree for the functions to be equal.
    func run(target: MLP, inputs: Matrix, fresh: Matrix, seed: UInt64) throws -> Outcome {
        let targets = try target.forward(inputs)
        let freshTargets = try target.forward(fresh)
        let scale = max(1, targets.maxAbs)
        var options = LevenbergMarquardtOptions()
        options.maxIterations = 120
        options.residualTolerance = 1e-13 * scale
        let fits = try fitMLP(widths: target.widths, activation: target.activation, inputs: inputs, targets: targets,
                              starts: starts, seed: seed, options: options)
        var outcome = Outcome()
        let targetCanonical = try target.signedPermutationCanonicalForm(tolerance: 1e-7).parameters
        let parameterScale = max(1, targetCanonical.map(abs).max() ?? 0)
        for attempt in fits.attempts {
            outcome.bestResidual = min(outcome.bestResidual, attempt.residual / scale)
            guard attempt.residual <= zeroResidual * scale else { continue }
            outcome.zeroResidualFits += 1
            let distance = try canonicalDistance(attempt.network, target, targetCanonical) / parameterScale
            outcome.largestDistance = max(outcome.largestDistance, distance)
            if distance <= equivalentDistance {
                outcome.equivalent += 1
            } else if try isReducible(attempt.network) {
                outcome.reducible += 1
            } else if relativeResidual(try attempt.network.forward(fresh), freshTargets) > 1e-6 {
                outcome.sampleArtefacts += 1
            } else if distance < counterexampleDistance {
                outcome.undecided += 1
            } else {
                outcome.counterexamples += 1
            }
        }
        return outcome
    }

    /// One hidden layer: Sussmann reduction then signed-permutation canonical form (functionallyEquivalent);
    /// deeper: the signed-permutation canonical forms.
    private func canonicalDistance(_ fit: MLP, _ target: MLP, _ targetCanonical: [Double]) throws -> Double {
        if target.depth == 2 {
            return try functionallyEquivalent(fit, target, tolerance: 1e-7).maxParameterDifference
        }
        return maxDistance(try fit.signedPermutationCanonicalForm(tolerance: 1e-7).parameters, targetCanonical)
    }

    /// Reducible in Sussmann's sense (one hidden layer), or with a zero/duplicate unit (deeper).
    private func isReducible(_ net: MLP) throws -> Bool {
        if net.depth == 2 { return !(try net.sussmannReduction(tolerance: 1e-5).wasIrreducible) }
        return MLPHypothesis.firstViolation([.noZeroUnits, .distinctIncoming(upToSign: true)], net, inputs: Matrix(rows: 0, cols: net.inputWidth)) != nil
    }

    /// Records the outcome: the global assertion (failed only for a verified counterexample; undecided
    /// when no start reached zero residual or a fit sits between the two distances).
    static func record(_ o: Outcome, starts: Int, claim: String, into context: inout CheckContext) {
        context.metric("refit_starts", starts)
        context.metric("refit_zero_residual", o.zeroResidualFits)
        context.metric("refit_equivalent", o.equivalent)
        context.metric("refit_reducible", o.reducible)
        context.metric("refit_sample_artefacts", o.sampleArtefacts)
        context.metric("refit_max_canonical_distance", o.largestDistance)
        context.metric("refit_best_residual", o.bestResidual)
        let undecided: String?
        if o.zeroResidualFits == 0 {
            undecided = "no refit reached zero residual from \(starts) starts"
        } else if o.undecided > 0 {
            undecided = "\(o.undecided) zero-residual fit(s) at canonical distance between 1e-5 and 1e-2"
        } else {
            undecided = nil
        }
        context.expect(claim, o.counterexamples == 0 && undecided == nil,
                       expected: "every zero-residual fit equivalent or reducible",
                       observed: "\(o.zeroResidualFits) zero-residual of \(starts): \(o.equivalent) equivalent, \(o.reducible) reducible, "
                           + "\(o.counterexamples) counterexample(s); max canonical distance \(MetricValue.format(o.largestDistance))",
                       undecided: o.counterexamples == 0 ? undecided : nil)
    }
}

/// The ReLU control shared by both tanh checks: the §6.4 flip start converges to a zero-residual
/// parameter that is not a permutation or rescaling of the target.
func reluRefitControl(seed: UInt64, into context: inout CheckContext) throws {
    let w1 = Matrix([[1, 0], [0, 1], [-1, -1]])
    let relu = try MLP(weights: [w1, Matrix([[1, 1, 1]])], biases: [[0.3, -0.2, 0.4], [0]], activation: .relu)
    let flippedStart = try MLP(weights: [Matrix(rows: 3, cols: 2, storage: w1.storage.map { -$0 * 1.001 }), Matrix([[1, 1, 1]])],
                               biases: [[-0.3, 0.2, -0.4], [0.5]], activation: .relu)
    var rng = SplitMix64(seed: seed &+ 31)
    let inputs = Matrix(rows: 80, cols: 2, storage: (0..<160).map { _ in 4 * rng.nextUnit() - 2 })
    let fit = try levenbergMarquardt(start: flippedStart, inputs: inputs, targets: try relu.forward(inputs))
    let equivalence = try functionallyEquivalent(fit.network, relu)
    context.control("ReLU refit from the flip start", refutes: "zero-residual refits are equivalent for ReLU nets as well",
                    detected: fit.residual <= 1e-10 && !equivalence.equivalent,
                    margin: equivalence.maxParameterDifference / max(equivalence.threshold, 1e-300),
                    expected: "residual ≤ 1e-10 and canonical forms differ",
                    observed: "residual \(MetricValue.format(fit.residual)), canonical distance \(MetricValue.format(equivalence.maxParameterDifference))")
}
