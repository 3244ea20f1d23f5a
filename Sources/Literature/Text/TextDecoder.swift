/// Turns file bytes into text: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252 with a warning.
public enum TextDecoder {
    /// Decodes `bytes`; a non-UTF-8 file yields a warning naming the first invalid byte's line:col.
    public static func decode(_ bytes: [UInt8], file: String) -> (text: String, diagnostics: [Diagnostic]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return decode(Array(bytes.dropFirst(3)), file: file)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return (decodeUTF16(bytes.dropFirst(2), bigEndian: false), []) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (decodeUTF16(bytes.dropFirst(2), bigEndian: true), []) }
        guard let invalid = firstInvalidUTF8Offset(bytes) else {
            return (String(decoding: bytes, as: UTF8.self), [])
        }
        let location = LineIndex(bytes: bytes).location(of: invalid, file: file)
        let byteText = "0x" + String(bytes[invalid], radix: 16, uppercase: true)
        let warning = Diagnostic(.warning, at: location,
                                 "file is not valid UTF-8 (first invalid byte \(byteText)); converted from Windows-1252")
        return (decodeWindows1252(bytes), [warning])
    }

    /// Offset of the first byte that breaks UTF-8 well-formedness, or nil if the bytes are valid UTF-8.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF   // allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F, which hold typographic characters.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F, let mapped = Unicode.Scalar(windows1252High[Int(byte - 0x80)]) {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? (first << 8 | second) : (second << 8 | first))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Code points of bytes 0x80...0x9F; unassigned bytes map to the C1 control of the same value.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
