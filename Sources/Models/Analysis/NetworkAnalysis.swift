import Foundation
import LinearAlgebra
import Networks

/// Options of one analysis.
public struct AnalysisOptions: Sendable {
    /// Compute the exact rank modulo primes.
    public var exact = false
    /// Keep every singular value (for the plot); otherwise large Jacobians use the fast rank.
    public var fullSpectrum = false
    /// Seed for the random primes of the exact certificate.
    public var seed: UInt64 = 0
    /// R_A is computed only up to this many paths.
    public var maxPathCount = 100_000
    /// Refuse when the estimated memory exceeds this many bytes.
    public var memoryBudget = 4 << 30

    public init() {}
}

/// The analysis of one network on one sample: units, symmetries, rank, verdict.
public enum NetworkAnalysis {
    /// Bytes the analysis needs, dominated by the batch Jacobian (and the SVD's copy when the spectrum is kept).
    public static func memoryEstimate(network: MLP, samples: Int, fullSpectrum: Bool) -> Int {
        let rows = samples * network.outputWidth, cols = network.parameterCount
        let jacobian = rows * cols * 8
        let small = min(rows, cols)
        return jacobian * (fullSpectrum ? 2 : 1) + small * small * 8 + (rows + cols) * 64
    }

    public static func run(network: MLP, inputs: Matrix, options: AnalysisOptions = AnalysisOptions(),
                           claims: [ApplicableClaim] = [], claimsSource: String = "") throws -> AnalysisReport {
        guard inputs.rows > 0 else { throw ModelError("the sample is empty: give at least one input row") }
        guard inputs.cols == network.inputWidth else {
            throw ModelError("the sample has \(inputs.cols) columns but the network's input width is \(network.inputWidth)")
        }
        if let bad = inputs.storage.firstIndex(where: { !$0.isFinite }) {
            throw ModelError("sample row \(bad / inputs.cols), column \(bad % inputs.cols) is \(inputs.storage[bad]) (NaN or infinite)")
        }
        let estimate = memoryEstimate(network: network, samples: inputs.rows, fullSpectrum: options.fullSpectrum)
        guard estimate <= options.memoryBudget else {
            throw ModelError("the batch Jacobian (\(inputs.rows * network.outputWidth) × \(network.parameterCount)) needs about \(formatBytes(estimate)), more than the memory budget \(formatBytes(options.memoryBudget)); raise it with --max-memory or use fewer samples")
        }
        let profile = try SymmetryProfile(network: network)
        let activation = network.activation

        // Samples on a switching boundary (piecewise-linear units) have no derivative: name and drop them.
        var excluded: [BoundarySample] = []
        var kept: [Int] = []
        var minimum: (value: Double, sample: Int, unit: UnitReference)?
        var scale = 0.0
        let traces = (0..<inputs.rows).map { network.trace(inputs.row($0)).pre.dropLast() }
        for pre in traces { for layer in pre { for z in layer { scale = max(scale, abs(z)) } } }
        let boundaryTolerance = activation.isPiecewiseLinear ? 1e-9 * scale : nil
        for (s, pre) in traces.enumerated() {
            var onBoundary: BoundarySample?
            for (l, layer) in pre.enumerated() {
                for (i, z) in layer.enumerated() {
                    if minimum == nil || abs(z) < minimum!.value {
                        minimum = (abs(z), s, UnitReference(layer: l + 1, index: i))
                    }
                    if let tol = boundaryTolerance, abs(z) <= tol, onBoundary == nil {
                        onBoundary = BoundarySample(sample: s, layer: l + 1, unit: i, preactivation: z)
                    }
                }
            }
            if let onBoundary { excluded.append(onBoundary) } else { kept.append(s) }
        }
        guard !kept.isEmpty else {
            throw ModelError("every sample lies on a switching boundary (|pre-activation| ≤ \(boundaryTolerance ?? 0)); move the samples")
        }
        let used = kept.count == inputs.rows ? inputs
            : Matrix(rows: kept.count, cols: inputs.cols, storage: kept.flatMap { inputs.row($0) })

        let units = try UnitDiagnostics(network: network, inputs: used)
        let jacobian = try network.batchJacobian(used)
        let rank = options.fullSpectrum || min(jacobian.rows, jacobian.cols) < 256
            ? try numericalRank(jacobian) : try fastNumericalRank(jacobian, rankAtMost: profile.maxRank)
        var rA: Int?
        if activation.isPiecewiseLinear && PathEnumeration.pathCount(widths: network.widths) <= options.maxPathCount {
            let paths = try PathEnumeration(widths: network.widths, limit: options.maxPathCount)
            // Only the rank of α(X, θ) is reported, never its singular values: the confirmed pivoted QR gives
            // the same NumPy-tolerance rank at about half an SVD's work (falling back to the SVD of R when
            // the spectrum near the threshold is ambiguous).
            rA = try fastNumericalRank(network.activationMatrix(used, paths: paths)).rank * network.outputWidth
        }
        let rows = jacobian.rows
        let (verdict, reason) = decide(network: network, profile: profile, units: units, rank: rank, rA: rA, rows: rows)
        let needed = rows < profile.maxRank
            ? Int((Double(profile.maxRank) / Double(network.outputWidth)).rounded(.up)) - kept.count : nil

        var report = AnalysisReport(
            architecture: network.widths, activation: activation.description, parameters: network.parameterCount,
            hiddenNeurons: network.hiddenCount, symmetry: profile.kind, groupOrder: profile.groupOrder,
            samples: inputs.rows, samplesUsed: kept.count, excludedSamples: excluded,
            minPreactivation: minimum?.value, minPreactivationSample: minimum?.sample, minPreactivationUnit: minimum?.unit,
            boundaryTolerance: boundaryTolerance, deadUnits: units.dead, alwaysActiveUnits: units.alwaysActive,
            zeroIncomingUnits: units.zeroIncoming, zeroOutgoingUnits: units.zeroOutgoing, twinUnits: units.twins,
            jacobianRows: rows, rank: rank.rank, sigmaR: rank.sigmaLast, sigmaRPlus1: rank.sigmaNext,
            gap: rank.gap.isFinite ? rank.gap : nil, tolerance: rank.tolerance, rankMethod: rank.method.rawValue,
            maxRank: profile.maxRank, maxRankReason: profile.maxRankReason, rA: rA, verdict: verdict.rawValue, reason: reason,
            moreSamplesNeeded: needed, applicableClaims: claims, applicableClaimsSource: claimsSource, exactRank: nil)
        report.singularValues = rank.singularValues
        if options.exact {
            report.exactRank = try ExactCertificate.compute(network: network, inputs: used, upperBound: profile.maxRank,
                                                            seed: options.seed)
        }
        return report
    }

    /// The three-valued verdict and its reason in one sentence.
    static func decide(network: MLP, profile: SymmetryProfile, units: UnitDiagnostics, rank: RankEstimate, rA: Int?,
                       rows: Int) -> (IdentifiabilityVerdict, String) {
        let bound = profile.maxRank
        if let unit = units.zeroOutgoing.first {
            return (.notIdentifiable, "\(unit) has all outgoing weights 0, so its incoming weights can change freely without changing the function")
        }
        if let unit = units.dead.first {
            return (.notIdentifiable, "\(unit) is inactive on every sample, so its incoming weights and bias can move without changing the outputs on the sample")
        }
        if let twin = units.twins.first {
            return (.notIdentifiable, "layer \(twin.layer) units \(twin.first) and \(twin.second) are twins (\(twin.relation) incoming weights), so only a combination of their outgoing weights is determined")
        }
        if rank.isIllConditioned && rank.rank < min(rows, network.parameterCount) {
            return (.undecided, "the rank \(rank.rank) is ill-conditioned: s_r / s_{r+1} = \(String(format: "%.3g", rank.gap)) < 1e6")
        }
        if network.activation.isPiecewiseLinear {
            let note = network.activation == .relu ? "" : " (proved for ReLU; evaluated with slopes {α, 1})"
            if rank.rank == bound {
                return (.identifiable, "C_S holds: R_Γ = P − H = \(bound), so θ is locally identifiable modulo positive rescaling (Bona-Pellissier, Malgouyres & Bachoc, Theorem 9)\(note)")
            }
            guard let rA else {
                return (.undecided, "R_Γ = \(rank.rank) < P − H = \(bound) and R_A was not computed (too many paths)" + (rows < bound ? "; the sample has only \(rows) Jacobian rows" : ""))
            }
            if rank.rank == rA {
                return (.notIdentifiable, "C_N fails: R_Γ = R_A = \(rA) < P − H = \(bound) (Theorem 8)\(note)")
            }
            return (.undecided, "R_Γ = \(rank.rank) is below both R_A = \(rA) and P − H = \(bound)")
        }
        if rank.rank == network.parameterCount {
            return (.identifiable, "the Jacobian has full column rank P = \(bound), so θ ↦ f_θ(X) is locally injective")
        }
        if rank.rank == bound {
            return (.identifiable, "the rank reaches the upper bound \(bound), so it is constant near θ and the fibre is locally the \(network.parameterCount - bound)-dimensional symmetry orbit")
        }
        if rows < bound {
            return (.undecided, "the rank \(rank.rank) is below the maximum \(bound), and the sample gives only \(rows) Jacobian rows")
        }
        return (.undecided, "the rank \(rank.rank) is below the maximum \(bound); a rank deficit alone does not prove that θ is not identifiable")
    }
}

/// "1.2 GiB", "340 MiB".
public func formatBytes(_ bytes: Int) -> String {
    let b = Double(bytes)
    if b >= Double(1 << 30) { return String(format: "%.1f GiB", b / Double(1 << 30)) }
    if b >= Double(1 << 20) { return String(format: "%.0f MiB", b / Double(1 << 20)) }
    return "\(bytes) bytes"
}
