// Parser for one hypothesis or conclusion of the machine-readable block (grammar in README.md,
// "Machine-readable hypotheses"). Errors carry the character offset of the offending text.

import Foundation

public struct MachineSyntaxError: Error, Sendable, Equatable {
    /// 0-based character offset into the parsed text.
    public var offset: Int
    public var message: String
}

public enum MachineSyntax {
    /// Parses the text after `if:`.
    public static func hypothesis(_ text: String) throws(MachineSyntaxError) -> Literal {
        var parser = Parser(full: text)
        return try parser.literal(parser.trimmed(text[...]))
    }

    /// Parses the text after `then:` (a fact, optionally negated, optionally followed by `by-check`).
    public static func conclusion(_ text: String) throws(MachineSyntaxError) -> Conclusion {
        var parser = Parser(full: text)
        var body = parser.trimmed(text[...])
        var byCheck = false
        if body.hasSuffix(" by-check") {
            byCheck = true
            body = parser.trimmed(body.dropLast(" by-check".count))
        }
        let literal = try parser.literal(body)
        guard case .fact = literal.atom else {
            throw MachineSyntaxError(offset: parser.offset(body),
                                     message: "a conclusion must be a fact (symmetry(…), generic-rank …, "
                                        + "identifiable(…), counterexample(…), symmetries-exhaustive, "
                                        + "factorisation(path-lifting)), not '\(body)'")
        }
        return Conclusion(literal: literal, byCheck: byCheck)
    }

    private struct Parser {
        let full: String

        func offset(_ s: Substring) -> Int { full.distance(from: full.startIndex, to: s.startIndex) }

        func trimmed(_ s: Substring) -> Substring {
            var s = s
            while s.first == " " || s.first == "\t" { s = s.dropFirst() }
            while s.last == " " || s.last == "\t" { s = s.dropLast() }
            return s
        }

        func fail(_ s: Substring, _ message: String) -> MachineSyntaxError {
            MachineSyntaxError(offset: offset(s), message: message)
        }

        mutating func literal(_ s: Substring) throws(MachineSyntaxError) -> Literal {
            if s.isEmpty { throw fail(s, "empty hypothesis") }
            if s.hasPrefix("not ") { return try literal(trimmed(s.dropFirst(4))).negated }
            if s == "no-bias" { return Literal(.bias, positive: false) }
            if s.hasPrefix("not-identifiable(") {
                return Literal(.fact(try identifiable(s.dropFirst("not-".count))), positive: false)
            }
            return Literal(try atom(s))
        }

        mutating func atom(_ s: Substring) throws(MachineSyntaxError) -> Atom {
            switch s {
            case "bias": return .bias
            case "widths non-increasing": return .widthsNonIncreasing
            case "symmetries-exhaustive": return .fact(.symmetriesExhaustive)
            case "factorisation(path-lifting)": return .fact(.pathLiftingFactorisation)
            default: break
            }
            if s.hasPrefix("assume ") {
                let name = trimmed(s.dropFirst(7))
                guard let assumption = Assumption(rawValue: String(name)) else {
                    throw fail(name, "unknown assumption '\(name)' (known: "
                               + Assumption.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                return .assumption(assumption)
            }
            if s.hasPrefix("activation.") {
                let name = s.dropFirst("activation.".count)
                guard let property = ActivationProperty(rawValue: String(name)) else {
                    throw fail(name, "unknown activation property '\(name)' (known: "
                               + ActivationProperty.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                return .property(property)
            }
            if let names = try nameList(s, keyword: "kind") {
                var kinds = Set<ArchitectureKind>()
                for name in names {
                    guard let kind = ArchitectureKind(rawValue: String(name)) else {
                        throw fail(name, "unknown architecture kind '\(name)' (known: mlp, cnn, rnn)")
                    }
                    kinds.insert(kind)
                }
                return .kind(kinds)
            }
            if let names = try nameList(s, keyword: "activation") {
                var families = Set<String>()
                for name in names {
                    let lower = name.lowercased()
                    guard ActivationName.familyNames.contains(lower) else {
                        throw fail(name, "unknown activation '\(name)' (known: "
                                   + ActivationName.familyNames.sorted().joined(separator: ", ") + ")")
                    }
                    families.insert(lower)
                }
                return .activation(families)
            }
            if s.hasPrefix("symmetry(") { return .fact(try symmetry(s)) }
            if s.hasPrefix("identifiable(") { return .fact(try identifiable(s)) }
            if s.hasPrefix("counterexample(") {
                let name = try arguments(s, head: "counterexample")
                guard name.count == 1, Fact.counterexamples.contains(String(name[0])) else {
                    throw fail(s, "unknown counterexample (known: " + Fact.counterexamples.sorted().joined(separator: ", ") + ")")
                }
                return .fact(.counterexample(String(name[0])))
            }
            if s.hasPrefix("generic-rank") {
                let rest = trimmed(s.dropFirst("generic-rank".count))
                let op: Comparison = rest.hasPrefix("<=") ? .lessOrEqual : .equal
                guard rest.hasPrefix("<=") || (rest.hasPrefix("=") && !rest.hasPrefix("==")) else {
                    throw fail(rest, "generic-rank takes '=' or '<=' followed by an expression")
                }
                return .fact(.genericRank(op, try expression(trimmed(rest.dropFirst(op == .lessOrEqual ? 2 : 1)))))
            }
            return try comparison(s)
        }

        /// `keyword = a` or `keyword in a, b`; nil when `s` does not start with the keyword.
        func nameList(_ s: Substring, keyword: String) throws(MachineSyntaxError) -> [Substring]? {
            guard s.hasPrefix(keyword + " ") else { return nil }
            let rest = trimmed(s.dropFirst(keyword.count))
            let list: Substring
            if rest.hasPrefix("= ") || rest == "=" { list = rest.dropFirst() }
            else if rest.hasPrefix("in ") { list = rest.dropFirst(2) }
            else { throw fail(rest, "expected '\(keyword) = NAME' or '\(keyword) in NAME, NAME'") }
            let names = list.split(separator: ",", omittingEmptySubsequences: false).map { trimmed($0) }
            if let empty = names.first(where: \.isEmpty) { throw fail(empty, "empty name in the list") }
            return names
        }

        /// The comma-separated arguments of `head(…)`.
        func arguments(_ s: Substring, head: String) throws(MachineSyntaxError) -> [Substring] {
            guard s.hasSuffix(")") else { throw fail(s, "missing ')' after \(head)(") }
            let inner = s.dropFirst(head.count + 1).dropLast()
            return inner.split(separator: ",", omittingEmptySubsequences: false).map { trimmed($0) }
        }

        mutating func symmetry(_ s: Substring) throws(MachineSyntaxError) -> Fact {
            let args = try arguments(s, head: "symmetry")
            switch args.first ?? "" {
            case "permutation" where args.count == 1: return .symmetry(.permutation)
            case "sign-flip" where args.count == 1: return .symmetry(.signFlip)
            case "activation-affine" where args.count == 1: return .symmetry(.activationAffine)
            case "continuous" where args.count == 1: return .symmetry(.continuous(dimension: nil))
            case "continuous" where args.count == 2:
                guard args[1].hasPrefix("dim") else { throw fail(args[1], "expected 'dim = EXPRESSION'") }
                let rest = trimmed(args[1].dropFirst(3))
                guard rest.hasPrefix("=") else { throw fail(rest, "expected '=' after dim") }
                return .symmetry(.continuous(dimension: try expression(trimmed(rest.dropFirst()))))
            default:
                throw fail(args.first ?? s, "unknown symmetry (known: permutation, sign-flip, activation-affine, "
                           + "continuous, continuous, dim = EXPRESSION)")
            }
        }

        mutating func identifiable(_ s: Substring) throws(MachineSyntaxError) -> Fact {
            let args = try arguments(s, head: "identifiable")
            guard let scope = args.first, scope == "global" || scope == "local" else {
                throw fail(args.first ?? s, "identifiable(…) starts with global or local")
            }
            var fromSample = false
            var modulo: Modulo?
            for arg in args.dropFirst() {
                if arg == "from-sample" { fromSample = true; continue }
                guard arg.hasPrefix("modulo") else { throw fail(arg, "expected from-sample or 'modulo = GROUP'") }
                let rest = trimmed(arg.dropFirst("modulo".count))
                let name = trimmed(rest.dropFirst())
                guard rest.hasPrefix("="), let group = Modulo(rawValue: String(name)) else {
                    throw fail(name, "expected 'modulo = GROUP' with GROUP one of "
                               + Modulo.allCases.map(\.rawValue).joined(separator: ", "))
                }
                modulo = group
            }
            return .identifiable(global: scope == "global", fromSample: fromSample, modulo: modulo)
        }

        mutating func comparison(_ s: Substring) throws(MachineSyntaxError) -> Atom {
            for op in [">=", "<=", "!=", "=", "<", ">"] {
                guard let range = s.range(of: " \(op) ") else { continue }
                let left = trimmed(s[..<range.lowerBound]), right = trimmed(s[range.upperBound...])
                guard let comparison = Comparison(rawValue: op) else { continue }
                return .comparison(try expression(left), comparison, try expression(right))
            }
            throw fail(s, "unknown predicate '\(s)' (see README: Machine-readable hypotheses)")
        }

        // Expressions: sums and differences of products of numbers, quantities and parenthesised expressions.
        func expression(_ s: Substring) throws(MachineSyntaxError) -> Expression {
            var tokens = try tokenize(s)
            var position = 0
            let result = try sum(&tokens, &position)
            if position < tokens.count { throw fail(tokens[position], "unexpected '\(tokens[position])'") }
            return result
        }

        func tokenize(_ s: Substring) throws(MachineSyntaxError) -> [Substring] {
            var tokens: [Substring] = []
            var i = s.startIndex
            while i < s.endIndex {
                let c = s[i]
                if c == " " { i = s.index(after: i); continue }
                if "+-*()".contains(c) {
                    tokens.append(s[i...i])
                    i = s.index(after: i)
                    continue
                }
                guard c.isLetter || c.isNumber else { throw fail(s[i...], "unexpected character '\(c)'") }
                var j = s.index(after: i)
                // A '-' joins an identifier only between letters (min-hidden-width); "P - H" needs spaces.
                while j < s.endIndex, s[j].isLetter || s[j].isNumber
                        || (s[j] == "-" && s.index(after: j) < s.endIndex && s[s.index(after: j)].isLetter && s[i].isLetter) {
                    j = s.index(after: j)
                }
                tokens.append(s[i..<j])
                i = j
            }
            if tokens.isEmpty { throw fail(s, "empty expression") }
            return tokens
        }

        func sum(_ t: inout [Substring], _ p: inout Int) throws(MachineSyntaxError) -> Expression {
            var left = try product(&t, &p)
            while p < t.count, t[p] == "+" || t[p] == "-" {
                let isSum = t[p] == "+"
                p += 1
                let right = try product(&t, &p)
                left = isSum ? .sum(left, right) : .difference(left, right)
            }
            return left
        }

        func product(_ t: inout [Substring], _ p: inout Int) throws(MachineSyntaxError) -> Expression {
            var left = try factor(&t, &p)
            while p < t.count, t[p] == "*" {
                p += 1
                left = .product(left, try factor(&t, &p))
            }
            return left
        }

        func factor(_ t: inout [Substring], _ p: inout Int) throws(MachineSyntaxError) -> Expression {
            guard p < t.count else {
                throw MachineSyntaxError(offset: full.count, message: "expression ends too early")
            }
            let token = t[p]
            p += 1
            if token == "(" {
                let inner = try sum(&t, &p)
                guard p < t.count, t[p] == ")" else { throw fail(token, "unbalanced '('") }
                p += 1
                return inner
            }
            if let n = Int(token) { return .number(n) }
            if let q = Quantity.named(String(token)) { return .quantity(q) }
            throw fail(token, "unknown quantity '\(token)' (known: "
                       + Quantity.allCases.map(\.rawValue).joined(separator: ", ")
                       + (token.contains("-") ? "; put spaces around '-'" : "") + ")")
        }
    }
}
