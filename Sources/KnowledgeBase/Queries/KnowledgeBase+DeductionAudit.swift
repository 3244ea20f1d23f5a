// The audit's deduction part: the consistency grid over the stored claims' machine forms.
import Deduction

extension KnowledgeBase {
    func deductionFindings() throws(KnowledgeBaseError) -> [AuditFinding] {
        let claims = try claimRules()
        guard !claims.isEmpty else { return [] }
        let grid = ConsistencyGrid.run(claims: claims)
        var findings: [AuditFinding] = []
        // One finding per contradicted fact (the first architecture where it happens), not one per grid point.
        var seen = Set<String>()
        for item in grid.contradictions where seen.insert(item.contradiction.statement).inserted {
            let a = item.architecture
            let where_ = "\(a.kind.rawValue) \(a.widths.map(String.init).joined(separator: ",")) \(a.activation)"
                + (a.bias ? "" : " no-bias")
            let count = grid.contradictions.filter { $0.contradiction.statement == item.contradiction.statement }.count
            findings.append(AuditFinding(
                kind: .deductionContradiction, subject: item.contradiction.statement,
                message: "on \(where_) (and \(count - 1) more grid points) '\(item.contradiction.statement)' is derived "
                    + "true by [" + item.contradiction.traceTrue.joined(separator: " → ") + "] and false by ["
                    + item.contradiction.traceFalse.joined(separator: " → ") + "]"))
        }
        for id in grid.withoutMachineForm {
            findings.append(AuditFinding(kind: .claimWithoutMachineForm, subject: id,
                                         message: "claim \(id) has no deduction: block, so `nnid applies` cannot use it "
                                            + "(README: Machine-readable hypotheses)"))
        }
        for id in grid.neverApplying {
            findings.append(AuditFinding(kind: .claimNeverApplies, subject: id,
                                         message: "the deduction: block of \(id) applies to none of the "
                                            + "\(grid.architecturesChecked) architectures of the audit grid; check its hypotheses"))
        }
        return findings
    }
}
