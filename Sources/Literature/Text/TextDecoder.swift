/// Turns file bytes into text. In order: a byte-order mark; an encoding the caller names
/// (`nnid ingest --encoding`); an encoding the file declares (Emacs/Vim coding line, JabRef, XML
/// declaration, HTML meta charset); UTF-8 when the bytes are valid UTF-8; otherwise ICU's charset
/// detector, whose guess and confidence are named in a warning. NUL characters are shown as U+2400 "␀"
/// with a warning, so they can neither cut a title short nor vanish.
public enum TextDecoder {
    /// Decodes `bytes`; `encoding` (an ICU or editor charset name) overrides declarations and detection.
    public static func decode(_ bytes: [UInt8], file: String, encoding: String? = nil)
        -> (text: String, diagnostics: [Diagnostic]) {
        let decoded = decodeCharset(bytes, file: file, encoding: encoding)
        return visibleNULs(decoded.text, file: file, diagnostics: decoded.diagnostics)
    }

    /// True when ICU knows the charset `name` (used to check `--encoding` before any file is read).
    public static func isKnownEncoding(_ name: String) -> Bool { Charset.canonicalName(name) != nil }

    /// True for bytes that are not text in any encoding nnid reads: NUL bytes without a UTF-16/32
    /// pattern, or the magic number of a common binary format (PNG, PDF, ZIP, GZIP, JPEG, GIF, ELF, SQLite).
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let magics: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47], Array("%PDF-".utf8), [0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B],
            [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), [0x7F, 0x45, 0x4C, 0x46], Array("SQLite format 3".utf8),
        ]
        if magics.contains(where: { bytes.starts(with: $0) }) { return true }
        if unicodeBOM(bytes) != nil { return false }
        let head = bytes.prefix(8192)
        let nuls = head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        guard nuls > 0 else { return false }
        // UTF-16 or UTF-32 text without a BOM: ICU recognises the zero-byte pattern.
        if let guess = Charset.detect(Array(head)), guess.name.hasPrefix("UTF-16") || guess.name.hasPrefix("UTF-32"),
           guess.confidence >= 50 {
            return false
        }
        return true
    }

    // MARK: - Choosing the charset

    private static func decodeCharset(_ bytes: [UInt8], file: String, encoding: String?)
        -> (text: String, diagnostics: [Diagnostic]) {
        if let bom = unicodeBOM(bytes) {
            let body = Array(bytes.dropFirst(bom.length))
            if bom.charset == "UTF-8" { return decodeUTF8OrDetect(body, file: file, offsetBase: bom.length) }
            return (Charset.decode(body, charset: bom.charset)?.text ?? String(decoding: body, as: UTF8.self), [])
        }
        if let encoding {
            return decodeNamed(bytes, charset: encoding, file: file, why: "as given by --encoding",
                               at: SourceLocation(file: file))
        }
        if let declaration = EncodingDeclaration.find(in: bytes) {
            let location = LineIndex(bytes: bytes).location(of: declaration.offset, file: file)
            let canonical = Charset.canonicalName(declaration.name)
            if canonical == nil || isUTF8Name(canonical ?? "") {
                var result = decodeUTF8OrDetect(bytes, file: file, offsetBase: 0)
                if canonical == nil {
                    result.diagnostics.insert(Diagnostic(.warning, at: location,
                        "unknown encoding '\(declaration.name)' in the \(declaration.kind); ignored"), at: 0)
                }
                return result
            }
            if firstInvalidUTF8Offset(bytes) == nil, bytes.contains(where: { $0 >= 0x80 }) {
                return (String(decoding: bytes, as: UTF8.self), [Diagnostic(.warning, at: location,
                    "the \(declaration.kind) says '\(declaration.name)' but the file is valid UTF-8; read as UTF-8")])
            }
            return decodeNamed(bytes, charset: declaration.name, file: file,
                               why: "as declared (\(declaration.kind))", at: location)
        }
        return decodeUTF8OrDetect(bytes, file: file, offsetBase: 0)
    }

    private static func decodeUTF8OrDetect(_ bytes: [UInt8], file: String, offsetBase: Int)
        -> (text: String, diagnostics: [Diagnostic]) {
        guard let invalid = firstInvalidUTF8Offset(bytes) else {
            return (String(decoding: bytes, as: UTF8.self), [])
        }
        let location = LineIndex(bytes: bytes).location(of: invalid, file: file)
        let byteText = "0x" + String(bytes[invalid], radix: 16, uppercase: true)
        // ICU guesses from the whole file; when it cannot, Windows-1252 decodes every byte.
        let guess = Charset.detect(bytes).flatMap { isUTF8Name($0.name) ? nil : $0 }
        let charset = guess?.name ?? "windows-1252"
        let why = guess.map { "detected by ICU with confidence \($0.confidence)%" }
            ?? "ICU's detector had no guess; Windows-1252 decodes every byte"
        var result = decodeNamed(bytes, charset: charset, file: file, why: why, at: location, reportAlways: true,
                                 displayName: guess?.name)
        result.diagnostics[0].message = "file is not valid UTF-8 (first invalid byte \(byteText)); "
            + result.diagnostics[0].message + "; pass --encoding NAME if this is wrong"
        return result
    }

    /// Decodes with a named charset; the first diagnostic says which charset was used and why.
    private static func decodeNamed(_ bytes: [UInt8], charset: String, file: String, why: String,
                                    at location: SourceLocation, reportAlways: Bool = false,
                                    displayName: String? = nil)
        -> (text: String, diagnostics: [Diagnostic]) {
        let name = displayName ?? Charset.canonicalName(charset) ?? charset
        guard let converted = Charset.decode(bytes, charset: charset) else {
            let text = Charset.decode(bytes, charset: "windows-1252")?.text ?? String(decoding: bytes, as: UTF8.self)
            return (text, [Diagnostic(.warning, at: location,
                                      "unknown encoding '\(charset)'; read as Windows-1252")])
        }
        var diagnostics = [Diagnostic(reportAlways ? .warning : .note, at: location, "read as \(name) \(why)")]
        if converted.substitutions > 0 {
            diagnostics.append(Diagnostic(.warning, at: location,
                "\(converted.substitutions) byte sequence(s) have no character in \(name); shown as U+FFFD"))
        }
        return (converted.text, diagnostics)
    }

    private static func isUTF8Name(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "utf-8" || lower == "utf8"
    }

    private static func unicodeBOM(_ bytes: [UInt8]) -> (charset: String, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("UTF-32LE", 4) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("UTF-32BE", 4) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        return nil
    }

    // MARK: - NUL characters

    /// NUL characters replaced by "␀" (U+2400), with one warning naming the first one's line:col.
    private static func visibleNULs(_ text: String, file: String, diagnostics: [Diagnostic])
        -> (text: String, diagnostics: [Diagnostic]) {
        guard text.utf8.contains(0) else { return (text, diagnostics) }
        let bytes = Array(text.utf8)
        let count = bytes.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        let first = bytes.firstIndex(of: 0) ?? 0
        let location = LineIndex(bytes: bytes).location(of: first, file: file)
        var out = diagnostics
        out.append(Diagnostic(.warning, at: location,
                              "\(count) NUL character(s) in the text; kept as the visible symbol ␀ (U+2400)"))
        var replaced: [UInt8] = []
        replaced.reserveCapacity(bytes.count + 2 * count)
        for byte in bytes {
            if byte == 0 { replaced += [0xE2, 0x90, 0x80] } else { replaced.append(byte) }
        }
        return (String(decoding: replaced, as: UTF8.self), out)
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
}
