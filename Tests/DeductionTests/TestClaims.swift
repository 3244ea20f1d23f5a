import Deduction
import XCTest

/// Builds hand-written claim sets from the card syntax, so the tests read like cards.
enum TestClaims {
    /// `rules`: [(claim id, [if lines], [then lines])]; one rule per claim.
    static func make(_ rules: [(String, [String], [String])], file: StaticString = #filePath, line: UInt = #line) -> [ClaimRules] {
        rules.map { id, hypotheses, conclusions in
            do {
                let rule = Rule(hypotheses: try hypotheses.map { try MachineSyntax.hypothesis($0) },
                                conclusions: try conclusions.map { try MachineSyntax.conclusion($0) })
                return ClaimRules(id: id, check: nil, form: MachineForm(rules: [rule]))
            } catch {
                XCTFail("bad test claim \(id): \(error)", file: file, line: line)
                return ClaimRules(id: id, form: nil)
            }
        }
    }

    static func mlp(_ widths: [Int], _ activation: String, bias: Bool = true, samples: Int? = nil,
                    assume: Set<Assumption> = []) -> Architecture {
        Architecture(kind: .mlp, widths: widths, activation: ActivationName(name: activation) ?? .linear, bias: bias,
                     samples: samples, assumptions: assume)
    }
}

extension DeductionReport {
    func conclusion(_ statement: String) -> DerivedConclusion? {
        conclusions.first { $0.statement == statement }
    }

    func claim(_ id: String) -> ClaimOutcome? { claims.first { $0.id == id } }
}
