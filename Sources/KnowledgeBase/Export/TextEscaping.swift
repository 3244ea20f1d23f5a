// Escaping of text fields for each export format, written byte by byte into an ExportOutput.
// All of them work on UTF-8 bytes: ASCII specials are rewritten, other bytes pass through unchanged
// (non-ASCII text stays UTF-8 in every format), so no intermediate strings are built.

extension ExportOutput {
    /// XML 1.0 character data or attribute value: `& < > "` as entities, tab/newline/CR as character
    /// references (so attribute values keep them), and characters illegal in XML 1.0 (C0 controls,
    /// U+FFFE, U+FFFF) dropped.
    func writeXML(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): writeASCII("&amp;")
                case UInt8(ascii: "<"): writeASCII("&lt;")
                case UInt8(ascii: ">"): writeASCII("&gt;")
                case UInt8(ascii: "\""): writeASCII("&quot;")
                case 0x09: writeASCII("&#9;")
                case 0x0A: writeASCII("&#10;")
                case 0x0D: writeASCII("&#13;")
                case 0x00..<0x20: break
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF
                    && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    index += 2  // U+FFFE or U+FFFF: not XML characters
                default: write(byte: byte)
                }
                index += 1
            }
        }
    }

    /// The inside of a JSON string (RFC 8259): `"` and `\` escaped, control characters as escapes.
    func writeJSONString(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): writeASCII("\\\"")
                case UInt8(ascii: "\\"): writeASCII("\\\\")
                case 0x0A: writeASCII("\\n")
                case 0x0D: writeASCII("\\r")
                case 0x09: writeASCII("\\t")
                case 0x00..<0x20:
                    writeASCII("\\u00")
                    write(byte: Self.hexDigit(byte >> 4))
                    write(byte: Self.hexDigit(byte & 0x0F))
                default: write(byte: byte)
                }
            }
        }
    }

    /// A quoted JSON string.
    func writeJSON(_ text: String) {
        write(byte: UInt8(ascii: "\""))
        writeJSONString(text)
        write(byte: UInt8(ascii: "\""))
    }

    /// The inside of a DOT double-quoted string: `"` and `\` escaped, a newline as Graphviz's `\n`,
    /// other control characters dropped.
    func writeDOTString(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): writeASCII("\\\"")
                case UInt8(ascii: "\\"): writeASCII("\\\\")
                case 0x0A: writeASCII("\\n")
                case 0x00..<0x20: break
                default: write(byte: byte)
                }
            }
        }
    }

    /// A CSV field (RFC 4180): quoted, with `"` doubled, when it holds a comma, quote, CR or LF; a cell a
    /// spreadsheet would run as a formula gets a leading apostrophe and quotes (CSVFormula).
    func writeCSVField(_ text: String) {
        var text = CSVFormula.neutralized(text)
        let needsQuotes = text.utf8.first == UInt8(ascii: "'")
            || text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            write(text)
            return
        }
        write(byte: UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { write(byte: byte) }
                write(byte: byte)
            }
        }
        write(byte: UInt8(ascii: "\""))
    }

    /// ASCII text known to need no escaping (markup, numbers).
    @inline(__always) func writeASCII(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
