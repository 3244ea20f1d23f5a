// NUL characters in HTML. libxml2 hands text and attribute values over as C strings, so a NUL byte or a
// NUL character reference (`&#0;`, `&#x00;`) silently cuts a title at that point. Before parsing, each
// is rewritten as the reference `&#x2400;` (the visible symbol ␀): plain ASCII, so it means the same in
// every ASCII-compatible charset a page may declare.

enum HTMLNULs {
    /// The replacement, as bytes.
    private static let visible = Array("&#x2400;".utf8)

    /// `bytes` with NULs made visible, and the offset of each NUL character reference replaced (raw NUL
    /// bytes are already reported by the text decoder). UTF-16/32 pages (with a byte-order mark) are
    /// left alone: there the zero bytes are part of the encoding.
    static func replace(_ bytes: [UInt8]) -> (bytes: [UInt8], references: [Int]) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            return (bytes, [])
        }
        var out: [UInt8] = []
        var references: [Int] = []
        var copied = 0   // bytes[..<copied] are in `out` (only once something changed)
        var index = 0
        while index < bytes.count {
            let end: Int
            if bytes[index] == 0 {
                end = index + 1
            } else if bytes[index] == UInt8(ascii: "&"), let referenceEnd = nulReferenceEnd(bytes, at: index) {
                end = referenceEnd
                references.append(index)
            } else {
                index += 1
                continue
            }
            if out.isEmpty { out.reserveCapacity(bytes.count + 16) }
            out.append(contentsOf: bytes[copied..<index])
            out.append(contentsOf: visible)
            copied = end
            index = end
        }
        guard copied > 0 else { return (bytes, []) }
        out.append(contentsOf: bytes[copied...])
        return (out, references)
    }

    /// The end of a numeric character reference for U+0000 starting at `start` ("&#0;", "&#x000", the
    /// semicolon optional as in HTML), or nil.
    private static func nulReferenceEnd(_ bytes: [UInt8], at start: Int) -> Int? {
        var index = start + 1
        guard index < bytes.count, bytes[index] == UInt8(ascii: "#") else { return nil }
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") { index += 1 }
        let digits = index
        while index < bytes.count, bytes[index] == UInt8(ascii: "0") { index += 1 }
        guard index > digits else { return nil }
        // "&#0123;" is U+007B, not NUL: the zeros must end the number.
        if index < bytes.count, isHexDigit(bytes[index]) { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ";") { index += 1 }
        return index
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }
}
