import Deduction
import Foundation
import KnowledgeBase
import Models
import Networks

/// Which results of the knowledge base apply to an analyzed network: the deduction engine of
/// `nnid applies` run on the network's architecture (issue "deduction"). A protocol so that `nnid analyze`
/// does not depend on how the answer is found.
protocol ApplicableClaimsProvider {
    /// The claims that apply, with a one-line conclusion each, and a phrase naming how they were found.
    func applicableClaims(to network: MLP, samples: Int) -> (claims: [ApplicableClaim], source: String)
}

/// The claims whose machine-readable hypotheses hold for the analyzed MLP (`applies` yes), or hold under
/// assumptions the analysis does not establish (`conditional`, named in the conclusion).
struct DeducedClaims: ApplicableClaimsProvider {
    let databasePath: String

    func applicableClaims(to network: MLP, samples: Int) -> (claims: [ApplicableClaim], source: String) {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            return ([], "unavailable: no knowledge base at \(databasePath) (run `nnid ingest`)")
        }
        let base: KnowledgeBase
        do {
            base = try KnowledgeBase(path: databasePath, access: .read)
        } catch .olderSchema {
            // Recording this analysis migrates the file, so the next analysis finds the claims.
            return ([], "unavailable: the knowledge base at \(databasePath) has an older schema (`nnid migrate` upgrades it)")
        } catch {
            return ([], "unavailable: the knowledge base at \(databasePath) cannot be read (\(error))")
        }
        guard let activation = ActivationName(name: network.activation.description) else {
            return ([], "unavailable: the deduction engine has no entry for the activation \(network.activation)")
        }
        guard let rules = try? base.claimRules(), let summaries = try? base.claims() else {
            return ([], "unavailable: the knowledge base at \(databasePath) could not be queried")
        }
        let titles = Dictionary(summaries.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let hasBias = network.biases.contains { $0.contains { $0 != 0 } }
        let architecture = Architecture(kind: .mlp, widths: network.widths, activation: activation, bias: hasBias,
                                        samples: samples)
        let report = Deducer.deduce(architecture, claims: rules)
        let applicable = report.claims.filter { $0.applies == .yes || $0.applies == .conditional }
        return (applicable.map { outcome in
            let assumptions = outcome.best?.assumptions.map(\.rawValue) ?? []
            let condition = outcome.applies == .conditional && !assumptions.isEmpty
                ? " (assuming \(assumptions.joined(separator: ", ")))" : ""
            return ApplicableClaim(id: outcome.id, conclusion: (titles[outcome.id] ?? outcome.id) + condition)
        }, "deduction engine (as `nnid applies`): claims whose hypotheses hold for this architecture")
    }
}
