/// Splits BibTeX name lists ("A and B and others") and names in the three BibTeX forms
/// (First von Last; von Last, First; von Last, Jr, First). `{Corporate Names}` stay whole.
public enum NameListParser {
    /// The names of a raw `author`/`editor` value, and whether it ended with `and others`.
    public static func parse(_ raw: String) -> (names: [PersonName], etAl: Bool) {
        var cache = Cache()
        return parse(raw, cache: &cache)
    }

    /// Names already read in one file, by their tokens: bibliographies repeat their authors, and reading a
    /// name (splitting its parts, decoding LaTeX) costs far more than looking it up.
    struct Cache {
        fileprivate var people: [[Token]: PersonName?] = [:]
    }

    /// `parse(_:)` with the names seen before taken from `cache`.
    static func parse(_ raw: String, cache: inout Cache) -> (names: [PersonName], etAl: Bool) {
        var names: [PersonName] = []
        var etAl = false
        var current: [Token] = []
        func flush() {
            if current.count == 1, case .word(let word) = current[0], isWord(word, "others") {
                etAl = true
            } else if let known = cache.people[current] {
                if let name = known { names.append(name) }
            } else {
                let name = person(from: current)
                cache.people[current] = name
                if let name { names.append(name) }
            }
            current = []
        }
        for token in tokenize(raw) {
            if case .word(let word) = token, isWord(word, "and") { flush() } else { current.append(token) }
        }
        flush()
        return (names, etAl)
    }

    /// ASCII case-insensitive equality with a lower-case ASCII `keyword` (no other scalar lower-cases to
    /// these letters, so this equals comparing `word.lowercased()`), without allocating.
    private static func isWord(_ word: String, _ keyword: StaticString) -> Bool {
        let utf8 = word.utf8
        guard utf8.count == keyword.utf8CodeUnitCount else { return false }
        var offset = 0
        for byte in utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != keyword.utf8Start[offset] { return false }
            offset += 1
        }
        return true
    }

    /// One name in any of the BibTeX forms; nil for an empty name.
    public static func parseName(_ raw: String) -> PersonName? {
        person(from: tokenize(raw))
    }

    enum Token: Hashable {
        case word(String)
        case comma
    }

    /// Words at brace depth 0, split at white space and `~`; commas at depth 0 are their own tokens.
    static func tokenize(_ raw: String) -> [Token] {
        var tokens: [Token] = []
        let bytes = Array(raw.utf8)
        var wordStart = -1
        var depth = 0
        func endWord(_ end: Int) {
            if wordStart >= 0 { tokens.append(.word(String(decoding: bytes[wordStart..<end], as: UTF8.self))) }
            wordStart = -1
        }
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "{") { depth += 1 } else if byte == UInt8(ascii: "}") { depth = max(0, depth - 1) }
            let isBreak = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "~")
            if depth == 0 && isBreak {
                endWord(index)
            } else if depth == 0 && byte == UInt8(ascii: ",") {
                endWord(index)
                tokens.append(.comma)
            } else if wordStart < 0 {
                wordStart = index
            }
        }
        endWord(bytes.count)
        return tokens
    }

    private static func person(from tokens: [Token]) -> PersonName? {
        var parts: [[String]] = [[]]
        for token in tokens {
            switch token {
            case .comma: parts.append([])
            case .word(let word): parts[parts.count - 1].append(word)
            }
        }
        if parts.allSatisfy(\.isEmpty) { return nil }
        if parts.count == 1, parts[0].count == 1, let corporate = corporateName(parts[0][0]) {
            return PersonName(family: LaTeXText.decode(corporate), isCorporate: true)
        }
        var given: [String] = [], particle: [String] = [], family: [String] = [], suffix: [String] = []
        if parts.count == 1 {
            let words = parts[0]
            let candidates = words.indices.dropLast()
            if let firstLower = candidates.first(where: { isLowercase(words[$0]) }),
               let lastLower = candidates.last(where: { isLowercase(words[$0]) }) {
                given = Array(words[..<firstLower])
                particle = Array(words[firstLower...lastLower])
                family = Array(words[(lastLower + 1)...])
            } else {
                given = Array(words.dropLast())
                family = words.suffix(1)
            }
        } else {
            let vonLast = parts[0]
            if let lastLower = vonLast.indices.dropLast().last(where: { isLowercase(vonLast[$0]) }) {
                particle = Array(vonLast[...lastLower])
                family = Array(vonLast[(lastLower + 1)...])
            } else {
                family = vonLast
            }
            if parts.count == 2 {
                given = parts[1]
            } else {
                suffix = parts[1]
                given = parts[2...].flatMap { $0 }
            }
        }
        func decoded(_ words: [String]) -> String { LaTeXText.decode(words.joined(separator: " ")) }
        let familyText = decoded(family)
        if familyText.isEmpty && given.isEmpty && particle.isEmpty { return nil }
        return PersonName(given: decoded(given), particle: decoded(particle), family: familyText,
                          suffix: decoded(suffix))
    }

    /// The inside of a word that is one brace group (`{World Health Organization}`), else nil.
    private static func corporateName(_ word: String) -> String? {
        let scalars = Array(word.unicodeScalars)
        guard scalars.first == "{", scalars.last == "}", scalars.count >= 2 else { return nil }
        var depth = 0
        for (index, scalar) in scalars.enumerated() {
            if scalar == "{" { depth += 1 } else if scalar == "}" { depth -= 1 }
            if depth == 0 && index < scalars.count - 1 { return nil }   // the first group closes early
        }
        if scalars.count > 2 && scalars[1] == "\\" { return nil }       // `{\"O}zt{\"u}rk` style special
        return String(String.UnicodeScalarView(scalars[1..<(scalars.count - 1)]))
    }

    /// BibTeX's rule: a word is lower-case when its first letter at brace depth 0 is; a special character
    /// `{\x...}` counts by the letter it applies to; any other brace group makes the word caseless (upper).
    static func isLowercase(_ word: String) -> Bool {
        // Most words start with an ASCII letter, which decides at once.
        if let first = word.utf8.first {
            if first >= 0x61 && first <= 0x7A { return true }
            if first >= 0x41 && first <= 0x5A { return false }
        }
        let scalars = Array(word.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" {
                guard index + 1 < scalars.count, scalars[index + 1] == "\\" else { return false }
                return caseOfSpecial(scalars, from: index + 2) ?? false
            }
            if scalar == "\\" { return caseOfSpecial(scalars, from: index + 1) ?? false }
            if scalar.properties.isLowercase { return true }
            if scalar.properties.isUppercase { return false }
            index += 1
        }
        return false
    }

    /// The case of a special character starting after its backslash: the first letter after the command,
    /// or the command's own first letter (`\OE`, `\ss`).
    private static func caseOfSpecial(_ scalars: [Unicode.Scalar], from start: Int) -> Bool? {
        var index = start
        var name = String.UnicodeScalarView()
        while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic {
            name.append(scalars[index])
            index += 1
        }
        if name.isEmpty { index += 1 }   // a one-character command such as \"
        let command = String(name)
        if command.isEmpty || LaTeXText.accents[command] != nil {
            while index < scalars.count {
                if scalars[index].properties.isLowercase { return true }
                if scalars[index].properties.isUppercase { return false }
                index += 1
            }
            return nil
        }
        return name.first.map { $0.properties.isLowercase }
    }
}
