// Swift face of ICU's charset detector and converters (through the CCharset C wrapper). A library
// rather than our own byte statistics: ICU's detector knows dozens of charsets and reports a confidence.
import CCharset

enum Charset {
    /// ICU's best guess for `bytes` and its confidence (0–100), or nil when it has none.
    static func detect(_ bytes: [UInt8]) -> (name: String, confidence: Int)? {
        var name = [CChar](repeating: 0, count: 64)
        var confidence: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                nnid_detect_charset(chars.baseAddress, chars.count, &name, name.count, &confidence)
            }
        }
        guard status == 0 else { return nil }
        return (String(cString: name), Int(confidence))
    }

    /// ICU's canonical name for `name` (after mapping Emacs/Vim spellings), or nil when ICU has no such charset.
    static func canonicalName(_ name: String) -> String? {
        var out = [CChar](repeating: 0, count: 64)
        guard nnid_canonical_charset(icuSpelling(of: name), &out, out.count) == 0 else { return nil }
        return String(cString: out)
    }

    /// `bytes` converted from `charset` to a string and the number of bytes that had no mapping, or nil
    /// when ICU does not know `charset`.
    static func decode(_ bytes: [UInt8], charset: String) -> (text: String, substitutions: Int)? {
        var length = 0
        var substitutions = 0
        let source = bytes.isEmpty ? [0] : bytes   // a valid pointer even for an empty file
        let converted = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                nnid_convert_to_utf8(chars.baseAddress, bytes.count, icuSpelling(of: charset), &length,
                                     &substitutions)
            }
        }
        guard let converted else { return nil }
        defer { nnid_free(converted) }
        let text = converted.withMemoryRebound(to: UInt8.self, capacity: length) { pointer in
            String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }
        return (text, substitutions)
    }

    /// The code point of every byte of a single-byte charset (0xFFFD where it has none), or nil.
    static func singleByteTable(_ charset: String) -> [UInt32]? {
        var table = [UInt32](repeating: 0xFFFD, count: 256)
        guard nnid_single_byte_table(charset, &table) == 0 else { return nil }
        return table
    }

    /// Maps the names editors write (Emacs `latin-9`, `iso-latin-1-unix`, `chinese-gbk`, Vim `utf8`)
    /// to names ICU's alias table knows.
    static func icuSpelling(of name: String) -> String {
        var lower = name.lowercased()
        for suffix in ["-unix", "-dos", "-mac", "-with-signature"] where lower.hasSuffix(suffix) {
            lower.removeLast(suffix.count)
        }
        if lower.hasPrefix("iso-latin-") { lower = "latin" + lower.dropFirst("iso-latin-".count) }
        if lower.hasPrefix("latin-") { lower = "latin" + lower.dropFirst("latin-".count) }
        let editorNames: [String: String] = [
            "latin0": "iso-8859-15", "latin9": "iso-8859-15", "chinese-gbk": "gbk", "chinese-gb18030": "gb18030",
            "cp936": "gbk", "japanese-shift-jis": "shift_jis", "sjis": "shift_jis", "japanese-iso-8bit": "euc-jp",
            "korean-iso-8bit": "euc-kr", "chinese-big5": "big5", "cyrillic-koi8": "koi8-r", "utf8": "utf-8",
            "prefer-utf-8": "utf-8", "mule-utf-8": "utf-8", "ansi": "windows-1252", "mac-roman": "macintosh",
        ]
        return editorNames[lower] ?? lower
    }
}
