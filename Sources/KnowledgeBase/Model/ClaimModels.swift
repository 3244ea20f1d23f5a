/// A claim as listed by `nnid claims`.
public struct ClaimSummary: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var checkID: String
    public var verified: Bool
    public var architectures: [String]
    public var activations: [String]
    public var depth: String?
    /// Keys of the works that state the claim, in card order.
    public var sourceKeys: [String]

    enum CodingKeys: String, CodingKey {
        case id, title, checkID = "check_id", verified, architectures, activations, depth, sourceKeys = "sources"
    }
}

/// A work that states a claim, with where in it.
public struct ClaimSourceDetail: Sendable, Hashable, Codable {
    public var work: WorkSummary
    /// "Theorem 9", "§2.2".
    public var locator: String
    public var note: String?
}

/// Everything `nnid show` needs about one claim.
public struct ClaimDetail: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var statement: String
    public var hypotheses: [String]
    public var architectures: [String]
    public var activations: [String]
    public var depth: String?
    public var checkID: String
    public var verified: Bool
    /// The check's default parameters ("widths": "2,3,1").
    public var defaults: [String: String]
    public var sources: [ClaimSourceDetail]

    enum CodingKeys: String, CodingKey {
        case id, title, statement, hypotheses, architectures, activations, depth, checkID = "check_id", verified
        case defaults, sources
    }
}

/// The outcome of one verification run.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case passed, failed, inconclusive, error
    case notApplicable = "not-applicable"
}

/// One recorded run of a check. The JSON fields hold JSON text chosen by the Claims module.
public struct VerificationRun: Sendable, Hashable, Codable {
    /// Assigned by the store; ignored by `recordRun`.
    public var id: Int64?
    public var claimID: String?
    public var checkID: String
    /// JSON object of the parameters the check ran with.
    public var parametersJSON: String
    public var status: RunStatus
    /// JSON object of the measured numbers (residuals, ranks, gaps, sizes, time).
    public var metricsJSON: String
    /// JSON array of the negative controls and their outcomes.
    public var controlsJSON: String
    public var nnidVersion: String
    /// ISO-8601 start time ("2025-01-31T12:00:00Z").
    public var startedAt: String
    public var durationMilliseconds: Int

    public init(id: Int64? = nil, claimID: String?, checkID: String, parametersJSON: String = "{}",
                status: RunStatus, metricsJSON: String = "{}", controlsJSON: String = "[]",
                nnidVersion: String, startedAt: String, durationMilliseconds: Int) {
        self.id = id
        self.claimID = claimID
        self.checkID = checkID
        self.parametersJSON = parametersJSON
        self.status = status
        self.metricsJSON = metricsJSON
        self.controlsJSON = controlsJSON
        self.nnidVersion = nnidVersion
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case id, claimID = "claim_id", checkID = "check_id", parametersJSON = "parameters", status
        case metricsJSON = "metrics", controlsJSON = "controls", nnidVersion = "nnid_version"
        case startedAt = "started_at", durationMilliseconds = "duration_ms"
    }
}
