import Foundation

/// Text from the database or from input files, made safe to show on a terminal. Every human-readable
/// output (tables, text reports, errors and warnings on stderr) goes through `escape`, so an input title
/// cannot move the cursor, set the window title (OSC), ring the bell or hide text: control characters
/// become visible escapes such as `\x1B` and `\u{202E}`.
enum TerminalText {
    /// `text` with every C0 control (except newline and tab when `keepingLineBreaks`), DEL, C1 control and
    /// bidirectional override/isolate written as a visible escape. Text without them is returned as is.
    static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        func unsafe(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x0A, 0x09: return !keepingLineBreaks
            case 0x00..<0x20, 0x7F..<0xA0: return true
            case 0x202A...0x202E, 0x2066...0x2069: return true   // bidi embedding, override, isolate
            default: return false
            }
        }
        guard text.unicodeScalars.contains(where: unsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard unsafe(scalar) else {
                out.append(scalar)
                continue
            }
            let visible: String
            switch scalar.value {
            case 0x0A: visible = "\\n"
            case 0x09: visible = "\\t"
            case 0x0D: visible = "\\r"
            case ..<0x100: visible = "\\x" + hex(scalar.value, width: 2)
            default: visible = "\\u{" + hex(scalar.value, width: 4) + "}"
            }
            out.append(contentsOf: visible.unicodeScalars)
        }
        return String(out)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
