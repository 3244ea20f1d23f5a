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
        var value = LaTeXText.trimmed(doi).lowercased()
        if !LaTeXText.hasBytePrefix(value, "10.") {
            let prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
                            "doi.org/", "doi:", "doi "]
            for prefix in prefixes where LaTeXText.hasBytePrefix(value, prefix) {
                value = LaTeXText.trimmed(String(decoding: value.utf8.dropFirst(prefix.utf8.count), as: UTF8.self))
                break
            }
        }
        return value.isEmpty ? nil : value
    }

    /// arXiv id without `arXiv:`/URL prefix, `.pdf` suffix or version ("2006.11727v2" → "2006.11727").
    public static func normalizedArxiv(_ id: String) -> String? {
        var bytes = Array(LaTeXText.trimmed(id).utf8)
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let prefixes = ["https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/",
                        "http://arxiv.org/pdf/", "arxiv.org/abs/", "arxiv:"]
        for prefix in prefixes where lower.starts(with: prefix.utf8) {
            bytes.removeFirst(prefix.utf8.count)
            break
        }
        if bytes.count > 4, bytes.suffix(4).map({ $0 | 0x20 }) == Array(".pdf".utf8) { bytes.removeLast(4) }
        // A trailing "v<digits>" right after a digit is the version.
        var end = bytes.count
        while end > 0, bytes[end - 1] >= 0x30, bytes[end - 1] <= 0x39 { end -= 1 }
        if end < bytes.count, end >= 2, bytes[end - 1] | 0x20 == UInt8(ascii: "v"),
           bytes[end - 2] >= 0x30, bytes[end - 2] <= 0x39 {
            bytes.removeSubrange((end - 1)...)
        }
        let value = LaTeXText.trimmed(String(decoding: bytes, as: UTF8.self))
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
