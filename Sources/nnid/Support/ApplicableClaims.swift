import Foundation
import KnowledgeBase
import Models
import Networks

/// The seam to the deduction engine (`nnid applies`, issue "deduction"): which results of the knowledge base
/// apply to an analyzed network. Until the Deduction module lands, `TaggedClaims` stands in for it by listing
/// the claims tagged with the network's architecture (mlp) and activation; replace it with a provider that
/// calls the Deduction entry point, and nothing else in `nnid analyze` changes.
protocol ApplicableClaimsProvider {
    /// The claims that apply, with a one-line conclusion each, and a phrase naming how they were found.
    func applicableClaims(to network: MLP, samples: Int) -> (claims: [ApplicableClaim], source: String)
}

/// Claims whose architecture tag is `mlp` and whose activation tag is the network's (or `any`).
struct TaggedClaims: ApplicableClaimsProvider {
    let databasePath: String

    func applicableClaims(to network: MLP, samples: Int) -> (claims: [ApplicableClaim], source: String) {
        guard FileManager.default.fileExists(atPath: databasePath),
              let base = try? KnowledgeBase(path: databasePath, createIfMissing: false) else {
            return ([], "unavailable: no knowledge base at \(databasePath) (run `nnid ingest`)")
        }
        let tag = Self.activationTag(network.activation)
        guard let claims = try? base.claims(architecture: "mlp", activation: tag) else {
            return ([], "unavailable: the knowledge base at \(databasePath) could not be queried")
        }
        return (claims.map { ApplicableClaim(id: $0.id, conclusion: $0.title) },
                "claims tagged architecture=mlp, activation=\(tag) or any (tag match; the deduction engine is not merged yet)")
    }

    /// The corpus's activation tag: the name without a parameter (leaky-relu:0.1 → leaky-relu).
    static func activationTag(_ activation: Activation) -> String {
        String(activation.description.split(separator: ":").first ?? "")
    }
}
