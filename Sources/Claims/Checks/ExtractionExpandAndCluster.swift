import Foundation
import LinearAlgebra
import Networks

/// Claim `extraction-expand-and-cluster` (Martinelli, Şimşek, Gerstner & Brea, ICML 2024): students wider
/// than a tanh teacher, trained on its outputs, recover its parameters up to signed permutations once their
/// hidden units are clustered up to sign. A student that fits the sample and fresh points and still clusters
/// to a net that is not a signed permutation of the teacher would be a counterexample (`failed`); students
/// that do not fit make the run `inconclusive`. Control: a teacher with a twin unit, of which only the sum of
/// the twins' outgoing weights can be recovered.
struct ExtractionExpandAndClusterCheck: ClaimCheck {
    let id = "extraction-expand-and-cluster"
    let summary = "Overparameterised students of a tanh teacher, clustered up to sign, recover it up to signed permutations"
    let builtInDefaults = CheckParameters(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 60)
    let procedure = ExpandAndCluster()
    /// Canonical distance (relative) at or below which the recovered net counts as the teacher, and above
    /// which a reproducing irreducible net is a counterexample; in between the run is inconclusive.
    let equivalentDistance = 1e-6
    let counterexampleDistance = 1e-2
    let requiredBits = 30.0

    var sweepGrid: [CheckParameters] {
        [[2, 3, 1], [1, 2, 1], [2, 2, 1], [3, 3, 1], [2, 3, 2]].map { CheckParameters(widths: $0, activation: .tanh, samples: 60) }
    }

    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let widths = try validated(parameters)
        let samples = parameters.samples ?? 60
        let student = procedure.studentWidths(for: widths)
        // Two runs of the procedure (teacher and twin control), each students × (training + polishing) LM steps.
        let steps = 2 * procedure.students * (procedure.trainingIterations + procedure.rounds * procedure.polishIterations)
        return .denseMatrices(rows: SafeSize.multiply(samples, widths[2]), cols: MLP.parameterCount(student), copies: 4,
                              repeats: steps, label: "student Jacobian")
    }

    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws {
        let widths = try validated(parameters)
        let seed = parameters.seed ?? 1
        let samples = parameters.samples ?? 60
        let studentParameters = MLP.parameterCount(procedure.studentWidths(for: widths))
        guard samples * widths[2] > studentParameters else {
            throw CheckError.invalidParameter(
                "the students have \(studentParameters) parameters; need samples·nL above that (more observations than unknowns), got \(samples * widths[2])")
        }
        // Hypothesis of the recovery: an irreducible teacher (no zero unit, no twin up to sign).
        guard let draw = try context.drawNet(widths: widths, activation: .tanh, seed: seed, samples: samples,
                                             hypotheses: [.noZeroUnits, .distinctIncoming(upToSign: true)]) else { return }
        let teacher = draw.network
        let fresh = uniformBox(dimension: widths[0], samples: 200, radius: 2, seed: seed &+ 555)
        context.metric("teacher_parameters", teacher.parameterCount)
        context.metric("student_width", procedure.expansion * widths[1])
        context.metric("students", procedure.students)

        let students = try procedure.run(teacher: teacher, inputs: draw.inputs, fresh: fresh, seed: seed &+ 1000)
        let tally = try classify(students, teacher: teacher)
        record(tally, students: students, into: &context)

        try twinControl(teacher, inputs: draw.inputs, fresh: fresh, seed: seed, into: &context)
        studentSpreadControl(students, into: &context)
    }

    /// Widths (n0, n1, nL) with n0 ≤ 4, n1 ≤ 4, nL ≤ 2 and tanh: the students stay small enough for a
    /// sub-second run.
    private func validated(_ parameters: CheckParameters) throws -> [Int] {
        let widths = parameters.widths ?? [2, 3, 1]
        guard widths.count == 3, (1...4).contains(widths[0]), (1...4).contains(widths[1]), (1...2).contains(widths[2]) else {
            throw CheckError.invalidParameter(
                "extraction-expand-and-cluster recovers one hidden layer: widths n0,n1,nL with n0 ≤ 4, n1 ≤ 4, nL ≤ 2; got \(widthsText(widths))")
        }
        guard (parameters.activation ?? .tanh) == .tanh else {
            throw CheckError.invalidParameter("extraction-expand-and-cluster clusters units up to sign, which needs tanh; got \(parameters.activation.map { "\($0)" } ?? "?")")
        }
        return widths
    }

    /// How the students ended, compared with the teacher.
    struct Tally {
        var fitted = 0
        var recovered = 0
        var artefacts = 0
        var reducible = 0
        var undecided = 0
        var counterexamples = 0
        var bestDistance = Double.infinity
        var worstRecoveredDistance = 0.0
        var largestDistance = 0.0
        var recoveredNets: [MLP] = []
    }

    private func classify(_ students: [ExpandAndCluster.Student], teacher: MLP) throws -> Tally {
        var tally = Tally()
        let scale = max(1, teacher.parameters.map(abs).max() ?? 0)
        for student in students where student.fits(procedure) {
            guard let net = student.clustered else { continue }
            tally.fitted += 1
            // A fit of the sample that misses fresh points is an artefact of the finite sample.
            guard student.reproduces(procedure) else {
                tally.artefacts += 1
                continue
            }
            let equivalence = try functionallyEquivalent(teacher, net, tolerance: equivalentDistance)
            let distance = equivalence.maxParameterDifference / scale
            tally.largestDistance = max(tally.largestDistance, distance)
            if equivalence.equivalent {
                tally.recovered += 1
                tally.bestDistance = min(tally.bestDistance, distance)
                tally.worstRecoveredDistance = max(tally.worstRecoveredDistance, distance)
                tally.recoveredNets.append(net)
            } else if !(try net.sussmannReduction(tolerance: 1e-4).wasIrreducible) {
                // Clustering left a redundant unit: a limit of the clustering, not a different network.
                tally.reducible += 1
            } else if distance < counterexampleDistance {
                tally.undecided += 1
            } else {
                tally.counterexamples += 1
            }
        }
        return tally
    }

    private func record(_ t: Tally, students: [ExpandAndCluster.Student], into context: inout CheckContext) {
        context.metric("training_residuals", students.map { MetricValue.format($0.trainingResidual) }.joined(separator: ","))
        context.metric("clustered_widths", students.map { $0.clustered.map { String($0.widths[1]) } ?? "0" }.joined(separator: ","))
        context.metric("clustered_residuals", students.map { MetricValue.format($0.clusteredResidual) }.joined(separator: ","))
        context.metric("students_fitted", t.fitted)
        context.metric("students_recovered", t.recovered)
        context.metric("sample_artefacts", t.artefacts)
        context.metric("reducible_fits", t.reducible)
        if t.recovered > 0 {
            context.metric("parameter_error", t.bestDistance)
            context.metric("bits", bitsOfPrecision(t.bestDistance))
            context.metric("worst_bits", bitsOfPrecision(t.worstRecoveredDistance))
            let consensus = UnitClustering.sharedClusters(t.recoveredNets, tolerance: 1e-6)
            context.metric("shared_clusters", consensus.shared)
            context.metric("clusters", consensus.clusters)
        }
        let undecided: String?
        if t.recovered == 0 && t.counterexamples == 0 {
            undecided = "no student fitted the sample and fresh points after clustering (\(t.fitted) of \(students.count) fitted the sample, \(t.artefacts) artefact(s), \(t.reducible) still reducible)"
        } else if t.undecided > 0 {
            undecided = "\(t.undecided) clustered student(s) at canonical distance between \(MetricValue.format(equivalentDistance)) and \(MetricValue.format(counterexampleDistance))"
        } else {
            undecided = nil
        }
        context.expect("every student that fits clusters to a signed permutation of the teacher",
                       t.counterexamples == 0 && undecided == nil,
                       expected: "recovered ≥ 1, no inequivalent reproducing student",
                       observed: "\(t.recovered) recovered of \(t.fitted) fitted, \(t.counterexamples) counterexample(s); "
                           + "max canonical distance \(MetricValue.format(t.largestDistance))",
                       undecided: t.counterexamples == 0 ? undecided : nil)
        if t.recovered > 0 && bitsOfPrecision(t.bestDistance) < requiredBits {
            context.inconclusive("recovered to \(MetricValue.format(bitsOfPrecision(t.bestDistance))) bits, below \(Int(requiredBits))")
        }
    }

    /// Control: the teacher with its last unit's incoming vector set equal to unit 0's. Its function depends on
    /// the twins' outgoing weights only through their sum, so the students recover one unit fewer, carrying
    /// c₀ + c_twin; the individual weights (what a reader might expect to get back) are not determined.
    private func twinControl(_ teacher: MLP, inputs: Matrix, fresh: Matrix, seed: UInt64, into context: inout CheckContext) throws {
        let name = "recovery of a teacher with a twin unit"
        let refutes = "expand-and-cluster recovers every parameter of any tanh teacher, twins included"
        let n1 = teacher.widths[1]
        guard n1 >= 2 else {
            return context.skipControl(name, refutes: refutes, reason: "one hidden unit: no twin")
        }
        var twin = teacher
        let last = n1 - 1
        for j in 0..<teacher.inputWidth { twin.weights[0][last, j] = teacher.weights[0][0, j] }
        twin.biases[0][last] = teacher.biases[0][0]
        let students = try procedure.run(teacher: twin, inputs: inputs, fresh: fresh, seed: seed &+ 2000)
        let reproducing = students.filter { $0.reproduces(procedure) }.compactMap(\.clustered)
        context.metric("twin_students_reproducing", reproducing.count)
        guard let best = reproducing.min(by: { $0.widths[1] < $1.widths[1] }) else {
            return context.control(name, refutes: refutes, detected: false, expected: "a student reproducing the twin teacher",
                                   observed: "none of \(students.count) students fitted", collapsed: "no student fitted the twin teacher")
        }
        // The merged unit, sign-normalised like the recovered ones: unit 0's incoming vector with c₀ + c_twin.
        let sum = (0..<teacher.outputWidth).map { k in teacher.weights[1][k, 0] + teacher.weights[1][k, last] }
        let merged = HiddenUnit(incoming: teacher.weights[0].row(0) + [teacher.biases[0][0]], outgoing: sum).signNormalised
        var sumError = Double.infinity
        for unit in UnitClustering.units(of: best).map(\.signNormalised)
        where UnitClustering.sameIncoming(unit.incoming, merged.incoming, tolerance: 1e-6) {
            sumError = min(sumError, maxDistance(unit.outgoing, merged.outgoing))
        }
        // Every split (c₀ + t, c_twin − t) computes the same function: the ambiguity is |c_twin| per output.
        let ambiguity = (0..<teacher.outputWidth).map { abs(teacher.weights[1][$0, last]) }.max() ?? 0
        context.metric("twin_recovered_width", best.widths[1])
        context.metric("twin_sum_error", sumError)
        context.metric("twin_weight_ambiguity", ambiguity)
        let detected = best.widths[1] == n1 - 1 && sumError <= equivalentDistance && ambiguity > 1e3 * equivalentDistance
        context.control(name, refutes: refutes, detected: detected,
                        margin: ambiguity / max(sumError, equivalentDistance),
                        expected: "\(n1 - 1) recovered units; one carries c₀ + c_twin within \(MetricValue.format(equivalentDistance))",
                        observed: "\(best.widths[1]) units; sum error \(MetricValue.format(sumError)); each twin weight ambiguous by \(MetricValue.format(ambiguity))")
    }

    static let spreadFitResidual = 1e-6

    /// Control: the wide students themselves are not identifiable. Two students that fit before clustering
    /// compute the same function yet their signed-permutation canonical forms differ, so clustering is needed.
    private func studentSpreadControl(_ students: [ExpandAndCluster.Student], into context: inout CheckContext) {
        let name = "wide students compared without clustering"
        let refutes = "overparameterised students that fit agree with each other up to signed permutations"
        // Students stop training near 1e-9 (clustering and polishing finish the fit), so "fit" here means a
        // relative residual of at most 1e-6: six digits of the teacher's outputs, against a canonical
        // distance threshold of 1e-3 that no such fit error could explain in a well-conditioned student.
        let fitted = students.filter { $0.trainingResidual <= Self.spreadFitResidual }
        guard fitted.count >= 2 else {
            return context.skipControl(name, refutes: refutes, reason: "\(fitted.count) student(s) fitted before clustering; need two")
        }
        var spread = 0.0
        for i in fitted.indices {
            for j in fitted.indices where j > i {
                if let a = try? fitted[i].trained.signedPermutationCanonicalForm(tolerance: 1e-7).parameters,
                   let b = try? fitted[j].trained.signedPermutationCanonicalForm(tolerance: 1e-7).parameters {
                    spread = max(spread, maxDistance(a, b))
                }
            }
        }
        context.metric("raw_student_spread", spread)
        context.controlExceeds(name, refutes: refutes, value: spread, threshold: 1e-3, quantity: "canonical distance")
    }
}
