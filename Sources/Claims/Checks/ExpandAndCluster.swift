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
            for round in 0..<rounds {
                let (reduced, summary) = try UnitClustering.reduce(current, inputs: inputs)
                student.summary.merged += summary.merged
                student.summary.dropped += summary.dropped
                student.summary.folded += summary.folded
                guard let reduced else { break }
                // A round that removes nothing ends the loop (the first round always polishes).
                if round > 0 && reduced.widths == current.widths { break }
                let polished = try levenbergMarquardt(start: reduced, inputs: inputs, targets: targets, options: polishing)
                current = polished.network
                student.clustered = current
                student.clusteredResidual = polished.residual / scale
            }
            if let clustered = student.clustered {
                student.freshResidual = relativeResidual(try clustered.forward(fresh), freshTargets)
            }
            result.append(student)
        }
        return result
    }
}
