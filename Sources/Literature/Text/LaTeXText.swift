import Foundation

/// Decodes the LaTeX found in bibliography fields (accents, special letters, dashes, quotes) to Unicode
/// for display; braces are dropped and whitespace collapsed.
public enum LaTeXText {
    /// The display form of a raw BibTeX value: `{\v{c}}` → "č", `--` → "–", braces removed.
    public static func decode(_ raw: String) -> String {
        guard needsDecoding(raw) else { return raw }
        var decoder = Decoder(scalars: Array(raw.unicodeScalars))
        let scalars = decoder.run(untilClosingBrace: false)
        return collapseWhitespace(String(scalars)).precomposedStringWithCanonicalMapping
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
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Combining marks of the accent commands.
    static let accents: [String: Unicode.Scalar] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}",
        "=": "\u{0304}", ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}",
        "c": "\u{0327}", "k": "\u{0328}", "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]

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

    /// A recursive-descent walk over the scalars of a raw value.
    private struct Decoder {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func run(untilClosingBrace: Bool) -> String.UnicodeScalarView {
            var out = String.UnicodeScalarView()
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "}":
                    index += 1
                    if untilClosingBrace { return out }
                case "{":
                    index += 1
                    out.append(contentsOf: run(untilClosingBrace: true))
                case "\\":
                    index += 1
                    out.append(contentsOf: command())
                case "~":
                    index += 1
                    out.append(" ")
                case "$":
                    index += 1
                case "-":
                    if peek(1) == "-" && peek(2) == "-" { out.append("—"); index += 3 }
                    else if peek(1) == "-" { out.append("–"); index += 2 }
                    else { out.append("-"); index += 1 }
                case "`":
                    if peek(1) == "`" { out.append("“"); index += 2 } else { out.append("‘"); index += 1 }
                case "'":
                    if peek(1) == "'" { out.append("”"); index += 2 } else { out.append("'"); index += 1 }
                default:
                    out.append(scalar)
                    index += 1
                }
            }
            return out
        }

        private func peek(_ ahead: Int) -> Unicode.Scalar? {
            index + ahead < scalars.count ? scalars[index + ahead] : nil
        }

        /// Reads a command name after `\`: a run of letters (eating following spaces) or one character.
        private mutating func commandName() -> String {
            guard index < scalars.count else { return "" }
            if isLetter(scalars[index]) {
                var name = String.UnicodeScalarView()
                while index < scalars.count, isLetter(scalars[index]) { name.append(scalars[index]); index += 1 }
                while index < scalars.count, scalars[index] == " " || scalars[index] == "\n" { index += 1 }
                return String(name)
            }
            index += 1
            return String(scalars[index - 1])
        }

        private mutating func command() -> String.UnicodeScalarView {
            let name = commandName()
            if let mark = LaTeXText.accents[name] {
                var base = argument()
                guard let first = base.first else { return String.UnicodeScalarView([mark]) }
                base.removeFirst()
                let letter: Unicode.Scalar = first == "ı" ? "i" : (first == "ȷ" ? "j" : first)
                var out = String.UnicodeScalarView([letter, mark])
                out.append(contentsOf: base)
                return out
            }
            if let symbol = LaTeXText.symbols[name] { return symbol.unicodeScalars }
            return String.UnicodeScalarView()   // formatting commands: their argument is decoded as text
        }

        /// The argument of an accent: a brace group, a command such as `\i`, or one character.
        private mutating func argument() -> String.UnicodeScalarView {
            while index < scalars.count, scalars[index] == " " { index += 1 }
            guard index < scalars.count else { return String.UnicodeScalarView() }
            switch scalars[index] {
            case "{":
                index += 1
                return run(untilClosingBrace: true)
            case "\\":
                index += 1
                return command()
            default:
                index += 1
                return String.UnicodeScalarView([scalars[index - 1]])
            }
        }

        private func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        }
    }
}
