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
        var value = doi.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        where value.hasPrefix(prefix) {
            value.removeFirst(prefix.count)
        }
        return value
    }

    /// An arXiv id without "arXiv:" prefix and version ("arXiv:2006.11727v2" → "2006.11727").
    static func arxiv(_ id: String) -> String {
        var value = id.trimmingCharacters(in: .whitespacesAndNewlines)
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

    /// Lower-case ASCII-folded alphanumeric runs.
    private static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                  locale: Locale(identifier: "en_US_POSIX"))
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "{" || scalar == "}" || scalar == "\\" || scalar == "'" || scalar == "\u{2019}" {
                continue  // braces, macros and apostrophes join rather than split ("{A}ffine", "don't")
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
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
