import Foundation

/// Decodes the LaTeX found in bibliography fields (accents, special letters, dashes, quotes) to Unicode
/// for display; braces are dropped and whitespace collapsed.
public enum LaTeXText {
    /// The display form of a raw BibTeX value: `{\v{c}}` → "č", `--` → "–", braces removed.
    public static func decode(_ raw: String) -> String {
        guard needsDecoding(raw) else { return raw }
        var decoder = Decoder(bytes: Array(raw.utf8))
        decoder.run(untilClosingBrace: false)
        let text = String(decoding: decoder.out, as: UTF8.self)
        // Composing is costly; only accents add combining marks.
        return decoder.addedCombiningMark ? text.precomposedStringWithCanonicalMapping : text
    }

    /// True when `raw` holds anything `decode` would change (fast path for plain values).
    static func needsDecoding(_ raw: String) -> Bool {
        var previous: UInt8 = 0
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "$"),
                 UInt8(ascii: "`"), 0x0A, 0x0D, 0x09:
                return true
            case UInt8(ascii: "-"), UInt8(ascii: "'"), UInt8(ascii: " "):
                if previous == byte { return true }
            default: break
            }
            previous = byte
        }
        if let first = raw.utf8.first, first == 0x20 { return true }
        if let last = raw.utf8.last, last == 0x20 { return true }
        return false
    }

    /// Trims and turns every run of white space (including no-break space) into one space.
    static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// White space as found in bibliographic text (ASCII blanks, no-break space, Unicode spaces).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// Trims ASCII blanks at both ends (Foundation's trimming is slow on Linux).
    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        let utf8 = Substring(text).utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isBlank($0) }),
              let last = utf8.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(Substring(text)[first...last])
    }

    /// Case-sensitive prefix test on UTF-8 bytes (no Unicode normalization).
    static func hasBytePrefix(_ text: String, _ prefix: String) -> Bool {
        text.utf8.starts(with: prefix.utf8)
    }

    /// Combining marks of the accent commands.
    static let accents: [String: Unicode.Scalar] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}",
        "=": "\u{0304}", ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}",
        "c": "\u{0327}", "k": "\u{0328}", "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]

    /// Precomposed letters for an ASCII letter plus an accent mark ("c" + caron → "č"), computed once, so
    /// that the common case needs no Unicode normalization pass.
    /// Keyed by `compositionKey(letter, mark)`.
    static let compositions: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        let letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars
        for mark in accents.values {
            for letter in letters {
                let composed = String(String.UnicodeScalarView([letter, mark])).precomposedStringWithCanonicalMapping
                if composed.unicodeScalars.count == 1 {
                    table[compositionKey(UInt8(letter.value), mark)] = Array(composed.utf8)
                }
            }
        }
        return table
    }()

    /// One integer for an ASCII letter and a combining mark (cheaper to hash than a string).
    static func compositionKey(_ letter: UInt8, _ mark: Unicode.Scalar) -> UInt32 {
        UInt32(letter) << 24 | mark.value
    }

    /// Commands that stand for a character or a short string.
    static let symbols: [String: String] = [
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ",
        "OE": "Œ", "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
        "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
        "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", "\\": " ", " ": " ",
        ",": " ", ";": " ", ":": " ", "!": "", "-": "", "/": "", "@": "", "quad": " ", "qquad": " ",
        "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
        "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
        "S": "§", "P": "¶", "copyright": "©", "textregistered": "®", "texttrademark": "™", "pounds": "£",
        "euro": "€", "textbackslash": "\\", "textasciitilde": "~", "textdegree": "°", "times": "×",
        "pm": "±", "infty": "∞", "cdot": "·", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠",
        "to": "→", "rightarrow": "→", "in": "∈", "ell": "ℓ", "partial": "∂", "nabla": "∇",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
        "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
        "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
        "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ",
        "Omega": "Ω",
    ]

    /// One left-to-right pass over the UTF-8 bytes of a raw value (all LaTeX syntax is ASCII), writing
    /// UTF-8 with white space already collapsed. No recursion: brace groups are a depth counter and an
    /// accent waits on a stack until the first character of its argument has been written, so no input
    /// (100k nested braces or accents) can overflow the stack.
    private struct Decoder {
        let bytes: [UInt8]
        var index = 0
        var out: [UInt8] = []
        var pendingSpace = false
        var addedCombiningMark = false
        var depth = 0
        /// Accents whose argument has not produced a character yet: the mark, where its base starts in
        /// `out`, and the brace depth of its argument (it is dropped when that group closes empty).
        var pendingAccents: [(mark: Unicode.Scalar, start: Int, depth: Int)] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            out.reserveCapacity(bytes.count)
        }

        mutating func emit(_ byte: UInt8) {
            if pendingSpace { if !out.isEmpty { out.append(0x20) }; pendingSpace = false }
            out.append(byte)
            if !pendingAccents.isEmpty { resolveAccents() }
        }

        mutating func emit(_ text: String) {
            for byte in text.utf8 { if byte == 0x20 { pendingSpace = true } else { emit(byte) } }
        }

        mutating func run(untilClosingBrace: Bool) {
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "}"):
                    index += 1
                    if depth > 0 { depth -= 1 }
                    while let last = pendingAccents.last, last.depth > depth { pendingAccents.removeLast() }
                case UInt8(ascii: "{"):
                    index += 1
                    depth += 1
                case UInt8(ascii: "\\"):
                    index += 1
                    command()
                case UInt8(ascii: "~"), 0x20, 0x09, 0x0A, 0x0D:
                    index += 1
                    pendingSpace = true
                case UInt8(ascii: "$"):
                    index += 1
                case UInt8(ascii: "-"):
                    if peek(1) == UInt8(ascii: "-") && peek(2) == UInt8(ascii: "-") { emit("—"); index += 3 }
                    else if peek(1) == UInt8(ascii: "-") { emit("–"); index += 2 }
                    else { emit(byte); index += 1 }
                case UInt8(ascii: "`"):
                    if peek(1) == UInt8(ascii: "`") { emit("“"); index += 2 } else { emit("‘"); index += 1 }
                case UInt8(ascii: "'"):
                    if peek(1) == UInt8(ascii: "'") { emit("”"); index += 2 } else { emit(byte); index += 1 }
                default:
                    emit(byte)
                    index += 1
                }
            }
        }

        private func peek(_ ahead: Int) -> UInt8? {
            index + ahead < bytes.count ? bytes[index + ahead] : nil
        }

        /// Reads a command name after `\`: a run of letters (eating following spaces) or one character.
        private mutating func commandName() -> String {
            guard index < bytes.count else { return "" }
            let start = index
            if isLetter(bytes[index]) {
                while index < bytes.count, isLetter(bytes[index]) { index += 1 }
                let name = String(decoding: bytes[start..<index], as: UTF8.self)
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
                return name
            }
            index += 1
            // One character, which may be several UTF-8 bytes.
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private mutating func command() {
            let name = commandName()
            if let mark = LaTeXText.accents[name] {
                startAccent(mark)
            } else if let symbol = LaTeXText.symbols[name] {
                emit(symbol)
            }
            // Other commands (\emph, \textbf, ...) vanish; their argument is decoded as ordinary text.
        }

        /// Registers an accent; its argument (a brace group, a command such as `\i`, or one character)
        /// is read by the main loop, and the mark goes after the argument's first character.
        private mutating func startAccent(_ mark: Unicode.Scalar) {
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            var argumentDepth = depth
            if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                index += 1
                depth += 1
                argumentDepth = depth
            }
            pendingAccents.append((mark, out.count, argumentDepth))
        }

        /// Applies waiting accents (innermost first) once a whole character follows their start.
        private mutating func resolveAccents() {
            while let accent = pendingAccents.last, accent.start < out.count {
                let lead = out[accent.start]
                let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                guard accent.start + length <= out.count else { return }
                pendingAccents.removeLast()
                apply(accent.mark, start: accent.start, baseEnd: accent.start + length)
            }
        }

        private mutating func apply(_ mark: Unicode.Scalar, start: Int, baseEnd initialEnd: Int) {
            var baseEnd = initialEnd
            // A dotless i or j under an accent is the ordinary letter (ı is C4 B1, ȷ is C8 B7 in UTF-8).
            if baseEnd == start + 2 {
                let pair = (out[start], out[start + 1])
                if pair == (0xC4, 0xB1) || pair == (0xC8, 0xB7) {
                    out.replaceSubrange(start..<baseEnd, with: [pair.0 == 0xC4 ? UInt8(ascii: "i") : UInt8(ascii: "j")])
                    baseEnd = start + 1
                }
            }
            if baseEnd == start + 1,
               let composed = LaTeXText.compositions[LaTeXText.compositionKey(out[start], mark)] {
                out.replaceSubrange(start..<baseEnd, with: composed)
            } else {
                addedCombiningMark = true
                out.insert(contentsOf: Array(String(mark).utf8), at: baseEnd)
            }
        }

        private func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        }
    }
}
