import Foundation

/// One executable check: deterministic inputs from its parameters, positive cases and negative controls.
public protocol ClaimCheck: Sendable {
    /// The check id stored with the claim (usually the claim id).
    var id: String { get }
    /// What the check demonstrates, one sentence.
    var summary: String { get }
    /// Parameters used when neither the claim card nor the user sets them.
    var builtInDefaults: CheckParameters { get }
    /// Runs the check, recording into `context`. Throws only when it cannot run at all.
    func run(_ parameters: CheckParameters, into context: inout CheckContext) throws
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
        do {
            try check.run(parameters, into: &context)
        } catch {
            errorText = String(describing: error)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return CheckReport(check: checkID, status: errorText == nil ? context.status : .error,
                           parameters: parameters.asMetrics, metrics: context.metrics,
                           assertions: context.assertions, controls: context.controls, notes: context.notes,
                           durationMs: (elapsed * 1000).rounded() / 1000, error: errorText)
    }

    /// A report for a check that could not start.
    public static func errorReport(checkID: String, message: String) -> CheckReport {
        CheckReport(check: checkID, status: .error, parameters: [:], metrics: [:], assertions: [], controls: [],
                    notes: [], durationMs: 0, error: message)
    }
}
