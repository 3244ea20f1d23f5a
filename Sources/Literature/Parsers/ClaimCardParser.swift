import Deduction
import Foundation

/// Parses a claim card (format in corpus/README.md). Any error rejects the card; every error is reported.
public enum ClaimCardParser {
    static let knownArchitectures: Set<String> = ["mlp", "cnn", "rnn", "residual", "attention", "normalized"]
    static let knownActivations: Set<String> = ["linear", "tanh", "logistic", "softplus", "exp", "relu",
                                                "leaky-relu", "square", "cube", "any", "odd"]
    static let singleFields: Set<String> = ["id", "title", "check", "architectures", "activations", "depth",
                                            "status", "defaults", "statement", "hypotheses", "deduction"]

    /// Parses `text` (the contents of `file`).
    public static func parse(_ text: String, file: String) -> ParseResult {
        var card = CardBuilder(file: file)
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            card.consume(line: rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine), number: lineNumber)
        }
        return card.finish()
    }

    /// Accumulates header lines and indented blocks, collecting errors as it goes.
    private struct CardBuilder {
        let file: String
        var values: [String: (value: String, line: Int, column: Int)] = [:]
        var sources: [ClaimSource] = []
        var statementLines: [String] = []
        var hypotheses: [String] = []
        var block: String?            // "statement", "hypotheses" or "deduction" while reading indented lines
        var machine = MachineFormBuilder()
        var diagnostics: [Diagnostic] = []

        init(file: String) { self.file = file }

        mutating func error(_ line: Int, _ column: Int, _ message: String) {
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: line, column: column), message))
        }

        mutating func consume(line: String, number: Int) {
            if line.hasPrefix("#") { return }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if block == "statement", !statementLines.isEmpty { statementLines.append("") }
                return
            }
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                consumeIndented(line.trimmingCharacters(in: .whitespaces), number: number,
                                column: line.prefix { $0 == " " || $0 == "\t" }.count + 1)
                return
            }
            block = nil
            guard let colon = line.firstIndex(of: ":") else {
                error(number, 1, "expected 'name: value'")
                return
            }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let afterColon = line[line.index(after: colon)...]
            let value = afterColon.trimmingCharacters(in: .whitespaces)
            let valueColumn = line.distance(from: line.startIndex, to: colon) + 2
                + afterColon.prefix { $0 == " " }.count
            if name == "source" {
                parseSource(value, line: number, column: valueColumn)
                return
            }
            guard ClaimCardParser.singleFields.contains(name) else {
                error(number, 1, "unknown header '\(name)'")
                return
            }
            if let previous = values[name] {
                error(number, 1, "'\(name)' repeated (first on line \(previous.line))")
                return
            }
            values[name] = (value, number, valueColumn)
            if name == "deduction" {
                block = name
                if !value.isEmpty { error(number, valueColumn, "the deduction rules go on the indented lines below") }
                return
            }
            if name == "statement" || name == "hypotheses" {
                block = name
                if !value.isEmpty {
                    if name == "statement" { statementLines.append(value) } else { error(number, valueColumn, "hypotheses go on the indented lines below, one '- ' item each") }
                }
            }
        }

        mutating func consumeIndented(_ text: String, number: Int, column: Int) {
            switch block {
            case "statement":
                statementLines.append(text)
            case "hypotheses":
                if text.hasPrefix("- ") || text == "-" {
                    hypotheses.append(String(text.dropFirst()).trimmingCharacters(in: .whitespaces))
                } else if !hypotheses.isEmpty {
                    hypotheses[hypotheses.count - 1] += " " + text
                } else {
                    error(number, column, "expected a '- ' item under 'hypotheses'")
                }
            case "deduction":
                machine.consume(text, line: number, column: column)
            default:
                error(number, column, "indented line outside 'statement', 'hypotheses' or 'deduction'")
            }
        }

        mutating func parseSource(_ value: String, line: Int, column: Int) {
            let parts = value.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, parts.count <= 3, !parts[0].isEmpty, !parts[1].isEmpty,
                  !parts[0].contains(" ") else {
                error(line, column, "bad source line: expected 'KEY | locator | optional note'")
                return
            }
            let note = parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil
            sources.append(ClaimSource(workKey: parts[0], locator: parts[1], note: note))
        }

        mutating func list(_ name: String, allowed: Set<String>) -> [String] {
            guard let entry = values[name] else { return [] }
            let items = entry.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for item in items where !allowed.contains(item) {
                error(entry.line, entry.column, "unknown \(name == "architectures" ? "architecture" : "activation") '\(item)'")
            }
            return items
        }

        mutating func parseDefaults() -> [String: String] {
            guard let entry = values["defaults"] else { return [:] }
            var result: [String: String] = [:]
            var column = entry.column
            for pair in entry.value.split(separator: ";", omittingEmptySubsequences: false) {
                let leading = pair.prefix { $0 == " " }.count
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                if parts.count != 2 || name.isEmpty || name.contains(" ") {
                    error(entry.line, column + leading, "malformed defaults: expected 'name=value' pairs separated by ';'")
                    return [:]
                }
                result[name] = parts[1].trimmingCharacters(in: .whitespaces)
                column += pair.count + 1
            }
            return result
        }

        mutating func finish() -> ParseResult {
            for required in ["id", "title", "statement", "check"] where (values[required]?.value.isEmpty ?? true)
                && !(required == "statement" && !statementLines.isEmpty) {
                error(values[required]?.line ?? 1, 1, "missing required field '\(required)'")
            }
            if let id = values["id"], !id.value.isEmpty, !ClaimCardParser.isValidID(id.value) {
                error(id.line, id.column, "invalid id '\(id.value)': expected lower-case words joined by '-'")
            }
            if let depth = values["depth"], !["shallow", "deep", "any"].contains(depth.value) {
                error(depth.line, depth.column, "invalid depth '\(depth.value)': expected shallow, deep or any")
            }
            if let status = values["status"], !["verified", "unverified"].contains(status.value) {
                error(status.line, status.column, "invalid status '\(status.value)': expected verified or unverified")
            }
            let architectures = list("architectures", allowed: ClaimCardParser.knownArchitectures)
            let activations = list("activations", allowed: ClaimCardParser.knownActivations)
            let defaults = parseDefaults()
            var machineForm: MachineForm?
            if let block = values["deduction"] {
                machineForm = machine.finish(blockLine: block.line)
                for problem in machine.problems { error(problem.line, problem.column, problem.message) }
            }
            guard diagnostics.isEmpty else { return ParseResult(diagnostics: diagnostics) }
            while statementLines.last == "" { statementLines.removeLast() }
            let statement = statementLines.split(separator: "", omittingEmptySubsequences: true)
                .map { $0.joined(separator: " ") }.joined(separator: "\n\n")
            let card = ClaimCardRecord(
                id: values["id"]?.value ?? "", title: values["title"]?.value ?? "", statement: statement,
                hypotheses: hypotheses, architectures: architectures, activations: activations,
                depth: values["depth"]?.value, check: values["check"]?.value ?? "", sources: sources,
                defaults: defaults, verified: values["status"]?.value != "unverified", machineForm: machineForm,
                location: SourceLocation(file: file, line: values["id"]?.line ?? 1, column: 1))
            return ParseResult(claims: [card])
        }
    }

    /// Lower-case letters and digits in words joined by single '-'.
    static func isValidID(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
        }
    }
}
