// Claims as the deduction engine reads them: id, check and the machine form of the card's deduction block.
import Deduction
import Foundation

extension KnowledgeBase {
    /// Every claim, ordered by id, with its machine form (nil when the card has no `deduction:` block).
    public func claimRules() throws(KnowledgeBaseError) -> [ClaimRules] {
        let rows = try connection.query("""
            SELECT c.id, c.check_id, m.form FROM claims c LEFT JOIN claim_machine_forms m ON m.claim_id = c.id
            ORDER BY c.id
            """) { r in (r.text(0), r.text(1), r.optionalText(2)) }
        let decoder = JSONDecoder()
        var result: [ClaimRules] = []
        for (id, check, form) in rows {
            var decoded: MachineForm?
            if let form {
                do {
                    decoded = try decoder.decode(MachineForm.self, from: Data(form.utf8))
                } catch {
                    throw .invalidValue("claim \(id): its stored deduction block does not parse (\(error)); "
                                        + "re-run `nnid ingest`")
                }
            }
            result.append(ClaimRules(id: id, check: check, form: decoded))
        }
        return result
    }
}
