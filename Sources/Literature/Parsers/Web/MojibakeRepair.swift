// Repairs text that was UTF-8 but got decoded with a single-byte code page somewhere upstream:
// Windows-1252 or Latin-1 ("Ã©" → "é", "â€™" → "’", "ðŸ˜‰" → "😉") or a DOS code page, 437, 850 or 852
// ("Fran├ºois", "Fran├žois" → "François"). Only complete, valid UTF-8 sequences whose every character maps
// back to a byte of one code page are rewritten, so genuine accented text ("café", "São") is left alone.
// The DOS tables come from glibc's iconv rather than being typed in here.
// (The ingest side is adding a shared repair for all formats in Sources/Literature/Text; when it lands,
// this file should delegate to it.)

import Glibc

/// One repaired run of characters inside a line.
struct MojibakeFix: Sendable, Hashable {
    var column: Int
    var original: String
    var repaired: String
    /// The code page the UTF-8 bytes had been read with ("Windows-1252", "CP437", …).
    var codePage: String = "Windows-1252"
}

enum MojibakeRepair {
    /// `line` with every mojibake sequence re-decoded, and the fixes made (column is 1-based).
    static func repair(_ line: String) -> (text: String, fixes: [MojibakeFix]) {
        // Every lead character of a mojibake sequence is outside ASCII: pure-ASCII lines cost one scan.
        guard line.utf8.contains(where: { $0 >= 0x80 }) else { return (line, []) }
        let scalars = Array(line.unicodeScalars)
        guard scalars.contains(where: { leadScalars.contains($0.value) }) else { return (line, []) }
        var output = String.UnicodeScalarView()
        var fixes: [MojibakeFix] = []
        var index = 0
        while index < scalars.count {
            if leadScalars.contains(scalars[index].value), let (decoded, length, page) = decodeSequence(scalars, at: index) {
                let original = String(String.UnicodeScalarView(scalars[index..<index + length]))
                // Adjacent repaired sequences ("Ã©Ã¨") are reported as one run.
                if let last = fixes.last, last.codePage == page,
                   last.column + last.original.unicodeScalars.count == index + 1 {
                    fixes[fixes.count - 1].original += original
                    fixes[fixes.count - 1].repaired += decoded
                } else {
                    fixes.append(MojibakeFix(column: index + 1, original: original, repaired: decoded, codePage: page))
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

    /// The UTF-8 character spelled by the scalars at `start` read back through one code page, if any.
    private static func decodeSequence(_ scalars: [Unicode.Scalar], at start: Int) -> (String, Int, String)? {
        for page in codePages {
            guard let lead = page.byteFor[scalars[start].value], (0xC2...0xF4).contains(lead) else { continue }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard start + length <= scalars.count else { continue }
            var bytes: [UInt8] = [lead]
            for offset in 1..<length {
                guard let next = page.byteFor[scalars[start + offset].value], (0x80...0xBF).contains(next) else { break }
                bytes.append(next)
            }
            guard bytes.count == length else { continue }
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.value >= 0x80 {
                return (String(Character(scalar)), length, page.name)
            }
        }
        return nil
    }

    private struct CodePage: Sendable {
        var name: String
        /// Code point → byte, for the bytes 0x80–0xFF.
        var byteFor: [UInt32: UInt8]
    }

    /// Windows-1252 (with Latin-1 for its gaps) first: it is by far the most common double decoding.
    private static let codePages: [CodePage] = {
        var windows: [UInt32: UInt8] = [:]
        for byte in 0x80...0xFF { windows[UInt32(byte)] = UInt8(byte) }
        for (scalar, byte) in windows1252High { windows[scalar] = byte }
        var pages = [CodePage(name: "Windows-1252", byteFor: windows)]
        for name in ["CP437", "CP850", "CP852"] {
            if let table = iconvTable(name) { pages.append(CodePage(name: name, byteFor: table)) }
        }
        return pages
    }()

    /// Every character some code page maps to a UTF-8 lead byte (a quick filter before decoding).
    private static let leadScalars: Set<UInt32> = {
        var set = Set<UInt32>()
        for page in codePages {
            for (scalar, byte) in page.byteFor where (0xC2...0xF4).contains(byte) { set.insert(scalar) }
        }
        return set
    }()

    /// Code point → byte for the high half of a DOS code page, from iconv; nil when iconv lacks it.
    private static func iconvTable(_ name: String) -> [UInt32: UInt8]? {
        let converter = iconv_open("UTF-32LE", name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var table: [UInt32: UInt8] = [:]
        for byte in 0x80...0xFF {
            var input: [CChar] = [CChar(bitPattern: UInt8(byte))]
            var output = [UInt8](repeating: 0, count: 8)
            var inputLeft = 1
            var outputLeft = output.count
            let status = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    var inPointer = inBuffer.baseAddress
                    var outPointer = outBuffer.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                    return iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft)
                }
            }
            guard status != -1, outputLeft == 4 else { continue }
            let scalar = UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16 | UInt32(output[3]) << 24
            table[scalar] = UInt8(byte)
        }
        return table.isEmpty ? nil : table
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
