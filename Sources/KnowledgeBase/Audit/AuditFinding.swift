// Data-quality findings reported by `KnowledgeBase.audit`.

/// How bad a finding is: errors make `nnid audit` exit 1, warnings alone do not.
public enum AuditSeverity: String, Sendable, Codable, Comparable {
    case error, warning

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .error && rhs == .warning }
}

/// What a finding is about. The severity of each kind is fixed (see `severity`).
public enum AuditKind: String, Sendable, Codable, CaseIterable {
    /// A citing work older than the work it cites by more than the preprint tolerance. Error.
    case anachronisticCitation = "anachronistic-citation"
    /// A claim stated by no work. Error.
    case claimWithoutSource = "claim-without-source"
    /// A claim whose check id names no executable check. Error.
    case claimWithoutCheck = "claim-without-check"
    /// Two works that are probably the same (same normalized title, arXiv DOI of the other's arXiv id, …).
    case probableDuplicate = "probable-duplicate"
    /// Edges touching a work known only from a reference (not in the bibliography).
    case edgeToStub = "edge-to-stub"
    /// A work whose facts are not all confirmed in a primary source.
    case unverifiedWork = "unverified-work"
    /// A citation edge not confirmed in a primary source.
    case unverifiedEdge = "unverified-edge"
    /// A claim not yet confirmed in its sources.
    case unverifiedClaim = "unverified-claim"
    /// A registered check no claim uses.
    case checkWithoutClaim = "check-without-claim"
    /// A fact the deduction engine derives both true and false on an architecture of the grid. Error.
    case deductionContradiction = "deduction-contradiction"
    /// A claim card without a machine-readable `deduction:` block. Error.
    case claimWithoutMachineForm = "claim-without-machine-form"
    /// A claim whose machine form applies to no architecture of the audit grid. Error.
    case claimNeverApplies = "claim-never-applies"

    /// Errors are facts the base gets wrong or promises it cannot keep; the rest are warnings.
    public var severity: AuditSeverity {
        switch self {
        case .anachronisticCitation, .claimWithoutSource, .claimWithoutCheck, .deductionContradiction,
             .claimWithoutMachineForm, .claimNeverApplies: return .error
        default: return .warning
        }
    }
}

/// One finding: severity, kind, the subject (a work key, "A -> B", a claim or check id) and a message.
public struct AuditFinding: Sendable, Hashable, Codable {
    public var severity: AuditSeverity
    public var kind: AuditKind
    public var subject: String
    public var message: String

    public init(kind: AuditKind, subject: String, message: String) {
        severity = kind.severity
        self.kind = kind
        self.subject = subject
        self.message = message
    }
}

/// Settings of an audit.
public struct AuditOptions: Sendable, Hashable {
    /// A citing work may be this many years older than the cited one (preprints cited before the
    /// version of record) before the edge counts as anachronistic.
    public var preprintToleranceYears: Int
    /// Ids of the checks that can run; nil: the checks registered with a description in the base.
    public var executableChecks: Set<String>?

    public init(preprintToleranceYears: Int = 1, executableChecks: Set<String>? = nil) {
        self.preprintToleranceYears = preprintToleranceYears
        self.executableChecks = executableChecks
    }
}
