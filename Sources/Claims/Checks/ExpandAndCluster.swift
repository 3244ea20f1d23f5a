import LinearAlgebra
import Networks

/// The Expand-and-Cluster procedure (Martinelli, Şimşek, Gerstner & Brea, ICML 2024) in the small form the
/// check runs: students `expansion` times wider than the teacher are trained on the teacher's outputs with
/// Levenberg–Marquardt from seeded starts; each student is then clustered (UnitClustering.reduce) and
/// polished (LM again on the smaller net), for a few rounds until the width stops changing.
struct ExpandAndCluster {
    var students = 4
    var expansion = 2
    var trainingIterations = 300
    var polishIterations = 150
    var rounds = 3
    /// Starts draw every parameter as startScale·(2u − 1): small starts keep fewer units saturated.
    var startScale = 0.5
    /// Relative max residual on the sample below which a net fits the sample.
    var fitResidual = 1e-10
    /// Relative max residual on fresh points above which a fit is a sample artefact.
    var freshResidual = 1e-6

    /// One student, from training to its clustered and polished form.
    struct Student {
        var seed: UInt64
        /// The trained wide student and its relative residual on the sample.
        var trained: MLP
        var trainingResidual: Double
        /// After clustering and polishing (nil when clustering left no unit).
        var clustered: MLP?
        var clusteredResidual: Double
        var freshResidual: Double
        var summary = ClusteringSummary()

        func fits(_ procedure: ExpandAndCluster) -> Bool { clusteredResidual <= procedure.fitResidual }
        func reproduces(_ procedure: ExpandAndCluster) -> Bool {
            fits(procedure) && freshResidual <= procedure.freshResidual
        }
    }

    func studentWidths(for teacher: [Int]) -> [Int] {
        [teacher[0], expansion * teacher[1], teacher[2]]
    }

    /// Trains, clusters and polishes every student on `teacher`'s outputs at `inputs`; `fresh` are other
    /// points where a student that fits must agree as well.
    func run(teacher: MLP, inputs: Matrix, fresh: Matrix, seed: UInt64) throws -> [Student] {
        let targets = try teacher.forward(inputs)
        let freshTargets = try teacher.forward(fresh)
        let scale = max(1, targets.maxAbs)
        var training = LevenbergMarquardtOptions()
        training.maxIterations = trainingIterations
        // Training stops once the student is close; clustering and polishing take it the rest of the way.
        training.residualTolerance = 1e-9 * scale
        var polishing = training
        polishing.maxIterations = polishIterations
        polishing.residualTolerance = 1e-14 * scale
        let widths = studentWidths(for: teacher.widths)
        var result: [Student] = []
        for i in 0..<students {
            let startSeed = seed &+ UInt64(i)
            var rng = SplitMix64(seed: startSeed)
            let start = try MLP(widths: widths, activation: teacher.activation,
                                parameters: (0..<MLP.parameterCount(widths)).map { _ in startScale * (2 * rng.nextUnit() - 1) })
            let trained = try levenbergMarquardt(start: start, inputs: inputs, targets: targets, options: training)
            var student = Student(seed: startSeed, trained: trained.network, trainingResidual: trained.residual / scale,
                                  clustered: nil, clusteredResidual: .infinity, freshResidual: .infinity)
            var current = trained.network
            var currentResidual = student.trainingResidual
            for round in 0..<rounds {
                guard let step = try clusterAndPolish(current, inputs: inputs, targets: targets, scale: scale,
                                                      options: polishing, mustShrink: round > 0),
                      round == 0 || step.residual <= fitResidual || step.residual < currentResidual else { break }
                student.summary.merged += step.summary.merged
                student.summary.dropped += step.summary.dropped
                student.summary.folded += step.summary.folded
                current = step.net
                currentResidual = step.residual
                student.clustered = current
                student.clusteredResidual = currentResidual
            }
            if let clustered = student.clustered {
                student.freshResidual = relativeResidual(try clustered.forward(fresh), freshTargets)
            }
            result.append(student)
        }
        return result
    }

    /// Loosest-first tolerances for merging units: a student stuck near a split unit needs a loose one, a
    /// teacher with two nearly parallel units a tight one.
    static let mergeTolerances = [0.3, 0.1, 0.03, 0.01]

    /// One clustering round: reduce with each merge tolerance in turn and polish; the first reduction whose
    /// polish fits the sample wins, else the one with the smallest residual. With `mustShrink`, reductions
    /// that keep the width are skipped (the net is already polished at that width). nil when no reduction
    /// is left to try.
    private func clusterAndPolish(_ net: MLP, inputs: Matrix, targets: Matrix, scale: Double,
                                  options: LevenbergMarquardtOptions, mustShrink: Bool)
        throws -> (net: MLP, residual: Double, summary: ClusteringSummary)? {
        var best: (net: MLP, residual: Double, summary: ClusteringSummary)?
        var tried: [MLP] = []
        for tolerance in Self.mergeTolerances {
            var tolerances = ClusteringTolerances()
            tolerances.incoming = tolerance
            let (reduced, summary) = try UnitClustering.reduce(net, inputs: inputs, tolerances: tolerances)
            guard let reduced, !(mustShrink && reduced.widths == net.widths), !tried.contains(reduced) else { continue }
            tried.append(reduced)
            let polished = try levenbergMarquardt(start: reduced, inputs: inputs, targets: targets, options: options)
            let candidate = (net: polished.network, residual: polished.residual / scale, summary: summary)
            if candidate.residual <= fitResidual { return candidate }
            if candidate.residual < best?.residual ?? .infinity { best = candidate }
        }
        return best
    }
}
