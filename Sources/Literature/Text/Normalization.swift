import Foundation

/// Canonical forms used to recognise the same work across sources.
public enum Normalization {
    /// Title key: LaTeX decoded, diacritics removed, lower-case, punctuation as spaces, spaces collapsed.
    public static func normalizedTitle(_ title: String) -> String {
        let decoded = LaTeXText.decode(title)
        if let ascii = asciiKey(decoded, keepSeparators: true) { return ascii }
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
        let decoded = LaTeXText.decode(name)
        if let ascii = asciiKey(decoded, keepSeparators: false) { return ascii }
        var out = String.UnicodeScalarView()
        for scalar in foldedScalars(decoded)
        where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            out.append(scalar)
        }
        return String(out)
    }

    /// The key of `text` in one pass over its UTF-8 bytes, or nil when it holds a scalar beyond the Latin
    /// tables (those take the Unicode path). Lower-casing and compatibility decomposition act scalar by
    /// scalar, and the combining marks they produce are dropped, so folding each scalar on its own gives
    /// the same key as folding the whole text. With `keepSeparators`, every run of other scalars becomes
    /// one space (trimmed at both ends); without, they are dropped.
    private static func asciiKey(_ text: String, keepSeparators: Bool) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            func add(_ byte: UInt8) {
                if byte == 0x20 {
                    if keepSeparators { pendingSpace = !out.isEmpty }
                    return
                }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(byte)
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    add(asciiFolds[Int(byte)])
                    index += 1
                    continue
                }
                // Two-byte sequences up to U+024F (lead bytes 0xC2...0xC9); the text is valid UTF-8.
                guard byte >= 0xC2, byte <= 0xC9, index + 1 < bytes.count else { return nil }
                let value = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                for folded in latinFolds[value - 0x80] { add(folded) }
                index += 2
            }
            return String(decoding: out, as: UTF8.self)
        } ?? nil
    }

    /// ASCII letters lower-cased, digits kept, every other byte a space (the separator).
    private static let asciiFolds: [UInt8] = (0..<128).map { byte in
        switch UInt8(byte) {
        case 0x41...0x5A: return UInt8(byte) | 0x20
        case 0x30...0x39, 0x61...0x7A: return UInt8(byte)
        default: return 0x20
        }
    }

    /// The folded UTF-8 of each scalar U+0080...U+024F, computed once with the Unicode path: letters and
    /// digits kept, every other folded scalar a space (the separator).
    private static let latinFolds: [[UInt8]] = (0x80..<0x250).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return [0x20] }
        var bytes: [UInt8] = []
        for folded in foldedScalars(String(scalar)) {
            if folded.properties.isAlphabetic || folded.properties.numericType != nil {
                bytes.append(contentsOf: String(folded).utf8)
            } else {
                bytes.append(0x20)
            }
        }
        return bytes
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
