import Foundation

/// One executable check: deterministic inputs from its parameters, positive cases and negative controls.
public protocol ClaimCheck: Sendable {
    /// The check id stored with the claim (usually the claim id).
    var id: String { get }
    /// What the check demonstrates, one sentence.
    var summary: String { get }
    /// Parameters used when neither the claim card nor the user sets them.
    var builtInDefaults: CheckParameters { get }
    /// Runs the check, recording into `context`. Throws `CheckError.invalidParameter` to refuse
    /// parameters outside the claim's scope (one sentence saying what is accepted); other errors mean
    /// it could not run.
    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws
    /// Memory and time the run will need, from the parameters alone (nothing allocated). Throws
    /// `CheckError.invalidParameter` for parameters the check refuses anyway.
    func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate
    /// Parameter points (without seed) that `verify --sweep` runs over seeds 1…N.
    var sweepGrid: [CheckParameters] { get }
}

extension ClaimCheck {
    /// Default: an MLP check dominated by the batch Jacobian (samples·nL × P), a few copies and a few SVDs.
    public func estimate(_ parameters: CheckParameters) throws -> ResourceEstimate {
        let widths = parameters.widths ?? builtInDefaults.widths ?? [1, 1]
        let samples = parameters.samples ?? builtInDefaults.samples ?? 1
        let rows = SafeSize.multiply(samples, widths.last ?? 1)
        return .denseMatrices(rows: rows, cols: SafeSize.parameterCount(widths), copies: 4, repeats: 6,
                              label: "batch Jacobian")
    }
}

/// The registry that ties check ids to executable checks.
public enum ClaimRegistry {
    /// Every check nnid ships, in the order of the claims issue.
    public static let all: [any ClaimCheck] = [
        LinearGLSymmetryCheck(),
        HiddenUnitPermutationCheck(),
        OddActivationSignFlipCheck(),
        AffineActivationSymmetryCheck(),
        TanhIrreducibleUniquenessCheck(),
        TanhTypeExhaustivenessCheck(),
        ReLUPositiveRescalingCheck(),
        ReLUPathLiftingCheck(),
        ReLULocalIdentifiabilityCheck(),
        ReLULocalVsGlobalCheck(),
        RNNFunctionDeterminesFormCheck(),
        CNNChannelSymmetryCheck(),
        FunctionalDimensionBoundCheck(),
        // Breadth issue, first part (claims 1–7 and 13).
        ReLUGlobalIdentifiabilityCheck(),
        ReLUShallowSymmetriesCheck(),
        ReLUFunctionalDimensionGenericCheck(),
        ReLUReverseEngineeringCheck(),
        TanhReducibleEquivalenceCheck(),
        ActivationIndependenceCheck(),
        RNNDiscreteTimeIdentifiabilityCheck(),
        TanhSignPermutationOrbitCheck(),
        // New network kinds (issue 12, breadth2): normalisation, attention, residual, polynomial, stability.
        NormalizationScaleInvarianceCheck(),
        AttentionHeadSymmetryCheck(),
        ResidualRescalingSymmetryCheck(),
        PolynomialNetworkDimensionCheck(),
        InverseStabilityFailureCheck(),
        // Issue 12, claim 14: parameter recovery by expansion and clustering.
        ExtractionExpandAndClusterCheck(),
    ]

    public static func check(id: String) -> (any ClaimCheck)? {
        all.first { $0.id == id }
    }

    /// Runs a check: user parameters override the claim's stored defaults, which override the check's own.
    /// Never throws: failures to run become a report with status `error`.
    public static func run(checkID: String, overrides: CheckParameters = CheckParameters(),
                           claimDefaults: CheckParameters = CheckParameters()) -> CheckReport {
        let start = DispatchTime.now().uptimeNanoseconds
        guard let check = check(id: checkID) else {
            return errorReport(checkID: checkID, message: CheckError.unknownCheck(checkID).description)
        }
        let parameters = overrides.overriding(claimDefaults.overriding(check.builtInDefaults))
        var context = CheckContext()
        var errorText: String?
        var refusal: String?
        var estimate: ResourceEstimate?
        do {
            let needed = try check.estimate(parameters)
            estimate = needed
            let budget = parameters.maxMemory ?? ResourceEstimate.defaultBudget
            if needed.bytes > budget {
                throw CheckError.overBudget(
                    "\(checkID) would need about \(ResourceEstimate.formatBytes(needed.bytes)) (\(needed.detail)), "
                    + "over the memory budget of \(ResourceEstimate.formatBytes(budget)); lower --samples or --widths, or raise --max-memory")
            }
            try check.run(parameters, into: &context)
        } catch let error as CheckError where error.isRefusal {
            refusal = error.description
        } catch {
            errorText = String(describing: error)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let failedToRun = errorText != nil || refusal != nil
        return CheckReport(check: checkID, status: failedToRun ? .error : context.status,
                           parameters: parameters.asMetrics, metrics: context.metrics,
                           assertions: context.assertions, controls: context.controls, notes: context.notes,
                           durationMs: (elapsed * 1000).rounded() / 1000, error: errorText ?? refusal, refusal: refusal,
                           notApplicable: context.notApplicableReasons, rejectedDraws: context.rejectedDraws,
                           inconclusive: context.inconclusiveReasons, estimate: estimate)
    }

    /// A report for a check that could not start.
    public static func errorReport(checkID: String, message: String) -> CheckReport {
        CheckReport(check: checkID, status: .error, error: message)
    }
}
