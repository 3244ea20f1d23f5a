// Reads the lines of a card's `deduction:` block: `rule: LABEL` starts a rule (optional when there is one),
// `if: HYPOTHESIS` and `then: CONCLUSION` add to the current rule.

import Foundation

public struct MachineFormBuilder: Sendable {
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    private var rules: [Rule] = []
    private var ruleLines: [Int] = []
    public private(set) var problems: [Problem] = []

    public init() {}

    /// One indented line of the block, already trimmed; `column` is where `text` starts (1-based).
    public mutating func consume(_ text: String, line: Int, column: Int) {
        guard let colon = text.firstIndex(of: ":") else {
            problems.append(Problem(line: line, column: column, message: "expected 'rule:', 'if:' or 'then:'"))
            return
        }
        let keyword = String(text[..<colon])
        let rest = text[text.index(after: colon)...]
        let leading = rest.prefix { $0 == " " }.count
        let body = String(rest.dropFirst(leading))
        let bodyColumn = column + keyword.count + 1 + leading
        switch keyword {
        case "rule":
            rules.append(Rule(label: body.isEmpty ? nil : body, hypotheses: [], conclusions: []))
            ruleLines.append(line)
        case "if", "then":
            if rules.isEmpty {
                rules.append(Rule(hypotheses: [], conclusions: []))
                ruleLines.append(line)
            }
            do {
                if keyword == "if" {
                    rules[rules.count - 1].hypotheses.append(try MachineSyntax.hypothesis(body))
                } else {
                    rules[rules.count - 1].conclusions.append(try MachineSyntax.conclusion(body))
                }
            } catch {
                problems.append(Problem(line: line, column: bodyColumn + error.offset, message: error.message))
            }
        default:
            problems.append(Problem(line: line, column: column,
                                    message: "unknown keyword '\(keyword)': expected 'rule:', 'if:' or 'then:'"))
        }
    }

    /// The form, or nil when a problem was found (`problems` then says which).
    public mutating func finish(blockLine: Int) -> MachineForm? {
        if rules.isEmpty {
            problems.append(Problem(line: blockLine, column: 1, message: "'deduction:' block without rules"))
        }
        for (rule, line) in zip(rules, ruleLines) where rule.conclusions.isEmpty && problems.isEmpty {
            problems.append(Problem(line: line, column: 1, message: "rule without a 'then:' conclusion"))
        }
        let labels = rules.compactMap(\.label)
        if Set(labels).count != labels.count {
            problems.append(Problem(line: blockLine, column: 1, message: "two rules share a label"))
        }
        if rules.count > 1 && labels.count != rules.count {
            problems.append(Problem(line: blockLine, column: 1, message: "with several rules, each needs 'rule: LABEL'"))
        }
        return problems.isEmpty ? MachineForm(rules: rules) : nil
    }
}
