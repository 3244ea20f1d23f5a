import Foundation

/// Canonical forms used to recognise the same work across sources.
public enum Normalization {
    /// Title key: LaTeX decoded, diacritics removed, lower-case, punctuation as spaces, spaces collapsed.
    public static func normalizedTitle(_ title: String) -> String {
        let decoded = LaTeXText.decode(title)
        var out = String.UnicodeScalarView()
        for scalar in foldedScalars(decoded) {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(scalar)
            } else {
                out.append(" ")
            }
        }
        return LaTeXText.collapseWhitespace(String(out))
    }

    /// DOI without resolver or `doi:` prefix, trimmed and lower-cased; nil when nothing is left.
    public static func normalizedDOI(_ doi: String) -> String? {
        var value = doi.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
                        "doi.org/", "doi:", "doi "]
        for prefix in prefixes where value.lowercased().hasPrefix(prefix) {
            value = String(value.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        value = value.lowercased()
        return value.isEmpty ? nil : value
    }

    /// arXiv id without `arXiv:`/URL prefix, `.pdf` suffix or version ("2006.11727v2" → "2006.11727").
    public static func normalizedArxiv(_ id: String) -> String? {
        var value = id.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefixes = ["https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/",
                        "http://arxiv.org/pdf/", "arxiv.org/abs/", "arxiv:"]
        for prefix in prefixes where value.lowercased().hasPrefix(prefix) {
            value = String(value.dropFirst(prefix.count))
            break
        }
        if value.lowercased().hasSuffix(".pdf") { value = String(value.dropLast(4)) }
        // A trailing "v<digits>" is the version.
        if let v = value.lastIndex(where: { $0 == "v" || $0 == "V" }), v != value.startIndex {
            let digits = value[value.index(after: v)...]
            let before = value[value.index(before: v)]
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), before.isNumber {
                value = String(value[..<v])
            }
        }
        value = value.trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    /// Family-name key: decoded, without diacritics, lower-case letters and digits only ("Bona-Pellissier" →
    /// "bonapellissier", "Vlačić" → "vlacic").
    public static func normalizedFamilyName(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in foldedScalars(LaTeXText.decode(name))
        where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            out.append(scalar)
        }
        return String(out)
    }

    /// Lower-case scalars with compatibility decomposition, combining marks dropped and letters without a
    /// decomposition (ø, ł, ß, æ, œ, đ, ı) spelled in ASCII.
    private static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if let spelled = asciiSpelling[scalar] {
                result.append(contentsOf: spelled.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return result
    }

    private static let asciiSpelling: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i", "ð": "d", "þ": "th", "ŋ": "ng",
    ]
}
