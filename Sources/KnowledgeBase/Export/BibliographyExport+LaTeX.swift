// Unicode → LaTeX for BibTeX fields: accented Latin letters become accent macros ("é" → "{\'e}"),
// a few special letters become their commands ("ß" → "{\ss}"), LaTeX's special characters are escaped,
// and anything without a macro (emoji, CJK, Greek) stays UTF-8, which biber and bibtexu accept.
import Foundation

extension BibliographyExport {
    /// Combining marks and the accent command that writes them.
    private static let accents: [UnicodeScalar: String] = [
        "\u{0300}": "`", "\u{0301}": "'", "\u{0302}": "^", "\u{0303}": "~", "\u{0304}": "=", "\u{0306}": "u",
        "\u{0307}": ".", "\u{0308}": "\"", "\u{030A}": "r", "\u{030B}": "H", "\u{030C}": "v", "\u{0323}": "d",
        "\u{0327}": "c", "\u{0328}": "k",
    ]

    /// Letters that are commands of their own.
    private static let letters: [Character: String] = [
        "ß": "\\ss", "æ": "\\ae", "Æ": "\\AE", "œ": "\\oe", "Œ": "\\OE", "ø": "\\o", "Ø": "\\O", "ł": "\\l",
        "Ł": "\\L", "ı": "\\i", "ȷ": "\\j", "å": "\\aa", "Å": "\\AA",
    ]

    /// ASCII characters LaTeX treats specially, escaped.
    private static let specials: [Character: String] = [
        "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "#": "\\#", "$": "\\$", "%": "\\%", "&": "\\&",
        "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}",
    ]

    /// `text` as LaTeX (see the file comment). Newlines and tabs become spaces.
    static func latex(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isASCII {
                if let escaped = specials[character] {
                    out += escaped
                } else if character == "\n" || character == "\r\n" || character == "\r" || character == "\t" {
                    out += " "
                } else {
                    out.append(character)
                }
            } else if let command = letters[character] {
                out += "{" + command + "}"
            } else if let accented = accentMacro(character) {
                out += accented
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// "é" → "{\'e}", "ǘ" → "{\'{\"u}}", "í" → "{\'\i}"; nil when the character is not a Latin letter
    /// with known combining accents.
    private static func accentMacro(_ character: Character) -> String? {
        let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let base = scalars.first, base.isASCII, base.properties.isAlphabetic, scalars.count > 1 else {
            return nil
        }
        var macros: [String] = []
        for mark in scalars.dropFirst() {
            guard let command = accents[mark] else { return nil }
            macros.append(command)
        }
        // The dotless i/j carry accents without their dot.
        var inner = base == "i" ? "\\i" : base == "j" ? "\\j" : String(base)
        for (position, command) in macros.enumerated() {
            let isLetterCommand = command.first?.isLetter ?? false
            let argument = position == 0 && !inner.hasPrefix("\\") && !isLetterCommand ? inner : "{" + inner + "}"
            inner = "\\" + command + argument
        }
        return "{" + inner + "}"
    }

    /// A title with its capitalisation protected: each word with an upper-case letter after its first
    /// character, or a capital anywhere but the title's first word, is wrapped in braces ("{ReLU}").
    static func protectedTitle(_ title: String) -> String {
        var words: [String] = []
        for (index, word) in title.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let encoded = latex(String(word))
            let hasInnerCapital = word.dropFirst().contains { $0.isUppercase }
            let startsCapital = word.first?.isUppercase ?? false
            words.append(hasInnerCapital || (startsCapital && index > 0) ? "{" + encoded + "}" : encoded)
        }
        return words.joined(separator: " ")
    }
}
