// Matching keys for deduplication. KnowledgeBase-private stand-ins until Literature.Normalization lands;
// every caller goes through these few functions so the switch is one file.
import Foundation

enum DedupKeys {
    /// Lower-case letters and digits separated by single spaces; accents folded, LaTeX braces and
    /// punctuation dropped ("{A}ffine Symmetries!" → "affine symmetries").
    static func title(_ title: String) -> String {
        words(title).joined(separator: " ")
    }

    /// A family name folded for comparison ("Vlačić" → "vlacic", "Bona-Pellissier" → "bonapellissier").
    static func family(_ family: String) -> String {
        words(family).joined()
    }

    /// A DOI without resolver prefix, lower-cased ("https://doi.org/10.1/ABC" → "10.1/abc").
    static func doi(_ doi: String) -> String {
        var value = doi.trimmedWhitespace.lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        where value.hasPrefix(prefix) {
            value.removeFirst(prefix.count)
        }
        return value
    }

    /// An arXiv id without "arXiv:" prefix and version ("arXiv:2006.11727v2" → "2006.11727").
    static func arxiv(_ id: String) -> String {
        var value = id.trimmedWhitespace
        if value.lowercased().hasPrefix("arxiv:") { value.removeFirst(6) }
        if let v = value.lastIndex(of: "v"), v > value.startIndex,
           value[value.index(after: v)...].allSatisfy(\.isNumber), value.index(after: v) < value.endIndex,
           value[value.index(before: v)].isNumber {
            value = String(value[..<v])
        }
        return value.lowercased()
    }

    /// Passage text folded for merging two renderings of the same page (case, spacing, punctuation).
    static func passage(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// Lower-case, accent-folded alphanumeric runs. ASCII takes a fast path (most titles); other letters are
    /// decomposed and stripped of combining marks, with a few letters that do not decompose mapped by hand.
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x30...0x39, 0x61...0x7A: current.append(scalar)
                case 0x41...0x5A: current.append(Unicode.Scalar(UInt8(value + 0x20)))
                case 0x7B, 0x7D, 0x5C, 0x27: continue  // braces, macros, apostrophes join ("{A}ffine", "don't")
                default: flush()
                }
            } else if scalar.properties.generalCategory == .nonspacingMark || value == 0x2019 {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(contentsOf: folded(scalar))
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    private static let unfoldable: [Unicode.Scalar: String] = [
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "ð": "d",
    ]

    /// One non-ASCII letter, lower-cased and without accents ("Č" → "c").
    private static func folded(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        if let mapped = unfoldable[scalar] { return mapped.unicodeScalars }
        if let latin = latinFolds[scalar.value] { return latin }
        return decomposeAndStrip(scalar)
    }

    /// Folds of Latin-1 Supplement and Latin Extended-A/B, computed once (the accents BibTeX usually has).
    private static let latinFolds: [UInt32: String.UnicodeScalarView] = {
        var table: [UInt32: String.UnicodeScalarView] = [:]
        for value in UInt32(0xC0)...0x24F {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            table[value] = unfoldable[scalar]?.unicodeScalars ?? decomposeAndStrip(scalar)
        }
        return table
    }()

    private static func decomposeAndStrip(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.lowercased()
        var out = String.UnicodeScalarView()
        for part in decomposed.unicodeScalars where part.properties.generalCategory != .nonspacingMark {
            out.append(part)
        }
        return out
    }

    /// A citation key derived for a record without one: family + year + first significant title word
    /// ("vlacic2021affine"); ASCII letters and digits only.
    static func derivedKey(family: String?, year: Int?, title: String) -> String {
        let stop: Set<String> = ["a", "an", "the", "on", "of", "in", "for", "and", "to", "is", "are", "with"]
        let titleWords = words(title).map { String($0.unicodeScalars.filter(\.isASCII)) }.filter { !$0.isEmpty }
        let word = titleWords.first { !stop.contains($0) } ?? titleWords.first ?? "untitled"
        let familyPart = family.map { String(self.family($0).unicodeScalars.filter(\.isASCII)) } ?? ""
        let yearPart = year.map(String.init) ?? ""
        let key = (familyPart.isEmpty ? "anon" : familyPart) + yearPart + word
        return String(key.prefix(60))
    }
}

extension String {
    /// Without leading and trailing whitespace; returns `self` untouched in the common case.
    var trimmedWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return self }
        return String(String.UnicodeScalarView(unicodeScalars.drop { $0.properties.isWhitespace }
            .reversed().drop { $0.properties.isWhitespace }.reversed()))
    }
}
