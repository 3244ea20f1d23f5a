import LinearAlgebra
import Networks

/// A sample excluded because it lies on a switching boundary of a piecewise-linear unit.
public struct BoundarySample: Sendable, Equatable, Codable {
    public var sample: Int
    public var layer: Int
    public var unit: Int
    public var preactivation: Double
}

/// A result of the knowledge base that applies to the analyzed architecture.
public struct ApplicableClaim: Sendable, Equatable, Codable {
    public var id: String
    public var conclusion: String

    public init(id: String, conclusion: String) {
        self.id = id
        self.conclusion = conclusion
    }
}

/// Everything `nnid analyze` reports (encoded with snake_case keys).
public struct AnalysisReport: Sendable, Equatable, Codable {
    public var architecture: [Int]
    public var activation: String
    public var parameters: Int
    public var hiddenNeurons: Int
    public var symmetry: String
    /// Order of the discrete symmetry group, an exact decimal integer (or "infinite").
    public var groupOrder: String
    public var samples: Int
    public var samplesUsed: Int
    public var excludedSamples: [BoundarySample]
    public var minPreactivation: Double?
    public var minPreactivationSample: Int?
    public var minPreactivationUnit: UnitReference?
    public var boundaryTolerance: Double?
    public var deadUnits: [UnitReference]
    public var alwaysActiveUnits: [UnitReference]
    public var zeroIncomingUnits: [UnitReference]
    public var zeroOutgoingUnits: [UnitReference]
    public var twinUnits: [TwinUnits]
    public var jacobianRows: Int
    public var rank: Int
    /// s_r and s_{r+1}.
    public var sigmaR: Double
    public var sigmaRPlus1: Double
    public var gap: Double?
    public var tolerance: Double
    public var rankMethod: String
    public var maxRank: Int
    public var maxRankReason: String
    /// R_A (ReLU-type nets, when the path count is affordable).
    public var rA: Int?
    public var verdict: String
    public var reason: String
    /// Lower bound on how many more samples could reach max_rank (nil when enough rows exist).
    public var moreSamplesNeeded: Int?
    public var applicableClaims: [ApplicableClaim]
    public var applicableClaimsSource: String
    public var exactRank: ExactRankReport?
    /// All singular values, kept only for the plot (not encoded).
    public var singularValues: [Double] = []

    enum CodingKeys: String, CodingKey {
        case architecture, activation, parameters, hiddenNeurons, symmetry, groupOrder, samples, samplesUsed,
             excludedSamples, minPreactivation, minPreactivationSample, minPreactivationUnit, boundaryTolerance,
             deadUnits, alwaysActiveUnits, zeroIncomingUnits, zeroOutgoingUnits, twinUnits, jacobianRows, rank,
             sigmaR, sigmaRPlus1 = "sigma_r_plus_1", gap, tolerance, rankMethod, maxRank, maxRankReason, rA, verdict, reason,
             moreSamplesNeeded, applicableClaims, applicableClaimsSource, exactRank
    }
}
