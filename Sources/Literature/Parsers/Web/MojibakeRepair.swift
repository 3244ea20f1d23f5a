// Repairs text that was UTF-8 but got decoded as Latin-1 or Windows-1252 somewhere upstream, e.g.
// "Ã©" → "é", "â€™" → "’", "ðŸ˜‰" → "😉". Only complete, valid UTF-8 sequences are rewritten, so
// genuine Latin-1 text ("café", "São") is left alone.

/// One repaired run of characters inside a line.
struct MojibakeFix: Sendable, Hashable {
    var column: Int
    var original: String
    var repaired: String
}

enum MojibakeRepair {
    /// `line` with every mojibake sequence re-decoded, and the fixes made (column is 1-based).
    static func repair(_ line: String) -> (text: String, fixes: [MojibakeFix]) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.contains(where: { isLeadByte(byte(for: $0)) }) else { return (line, []) }
        var output = String.UnicodeScalarView()
        var fixes: [MojibakeFix] = []
        var index = 0
        while index < scalars.count {
            if let (decoded, length) = decodeSequence(scalars, at: index) {
                let original = String(String.UnicodeScalarView(scalars[index..<index + length]))
                // Adjacent repaired sequences ("Ã©Ã¨") are reported as one run.
                if let last = fixes.last, last.column + last.original.unicodeScalars.count == index + 1 {
                    fixes[fixes.count - 1].original += original
                    fixes[fixes.count - 1].repaired += decoded
                } else {
                    fixes.append(MojibakeFix(column: index + 1, original: original, repaired: decoded))
                }
                output.append(contentsOf: decoded.unicodeScalars)
                index += length
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return (String(output), fixes)
    }

    /// The UTF-8 character spelled by the scalars at `start` read back as Windows-1252 bytes, if any.
    private static func decodeSequence(_ scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        guard let lead = byte(for: scalars[start]), isLeadByte(lead) else { return nil }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard start + length <= scalars.count else { return nil }
        var bytes: [UInt8] = [lead]
        for offset in 1..<length {
            guard let next = byte(for: scalars[start + offset]), (0x80...0xBF).contains(next) else { return nil }
            bytes.append(next)
        }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.value >= 0x80 else { return nil }
        return (String(Character(scalar)), length)
    }

    private static func isLeadByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (0xC2...0xF4).contains(byte)
    }

    /// The single byte that Windows-1252 (or Latin-1 for its C1 gaps) decodes to `scalar`.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        if (0x80...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
        return windows1252High[scalar.value]
    }

    /// The character Windows-1252 gives `byte` (Latin-1 for the five bytes it leaves undefined).
    static func windows1252Scalar(for byte: UInt8) -> Unicode.Scalar {
        if let entry = windows1252High.first(where: { $0.value == byte }), let scalar = Unicode.Scalar(entry.key) {
            return scalar
        }
        return Unicode.Scalar(byte)
    }

    /// Windows-1252 bytes 0x80–0x9F that decode to characters outside Latin-1.
    private static let windows1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
