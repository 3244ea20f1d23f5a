// Markup inside bibliographic strings: Crossref abstracts in JATS (`<jats:p>`), titles with CSL's rich
// text and HTML (`<i>`, `<sub>`, `<span style=…>`). Only the tags of those vocabularies are removed (so
// "a < b" and a literal "</graph>" stay), and character references are decoded only in a string that
// had such tags (elsewhere "&amp;" is literal text).

public enum MarkupText {
    /// `text` without XML/HTML tags, with character references decoded and white space collapsed; and
    /// whether anything was removed.
    public static func strip(_ text: String) -> (text: String, changed: Bool) {
        guard text.contains("<") || text.contains("&") else { return (text, false) }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var changed = false
        let hasMarkup = text.contains("<jats:") || inlineTags.contains { text.contains("<\($0)>") || text.contains("<\($0) ") }
            || blockTags.contains { text.contains("<\($0)>") }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", let end = tagEnd(scalars, from: index) {
                let name = tagName(scalars, from: index)
                if name.hasPrefix("jats:") || mathMLOrJATS.contains(name) || inlineTags.contains(name) || blockTags.contains(name) {
                    // Block-level tags separate words; inline ones (<i>, <sub>) do not.
                    if blockTags.contains(name) || name.hasPrefix("jats:p") || name == "jats:title" { out.append(" ") }
                    index = end + 1
                    changed = true
                    continue
                }
            }
            if scalar == "&", hasMarkup, let (decoded, end) = reference(scalars, from: index) {
                out.append(contentsOf: decoded.unicodeScalars)
                index = end + 1
                changed = true
                continue
            }
            out.append(scalar)
            index += 1
        }
        guard changed else { return (text, false) }
        return (LaTeXText.collapseWhitespace(String(out)), true)
    }

    private static let blockTags: Set<String> = ["p", "br", "div", "sec", "li", "ul", "ol"]
    /// CSL rich text (i, b, sup, sub, span with small caps) and common inline HTML.
    private static let inlineTags: Set<String> = ["i", "b", "em", "strong", "sup", "sub", "span", "sc", "u", "tt", "a"]
    private static let mathMLOrJATS: Set<String> = ["mml:math", "mml:mi", "mml:mo", "mml:mn", "mml:msub", "mml:msup", "mml:mrow"]

    /// The index of the `>` closing a tag that starts at `start`, when the run looks like a tag.
    private static func tagEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        if index < scalars.count, scalars[index] == "/" { index += 1 }
        guard index < scalars.count, scalars[index].properties.isAlphabetic, scalars[index].isASCII else { return nil }
        var inQuote: Unicode.Scalar?
        while index < scalars.count, index - start < 2000 {
            let scalar = scalars[index]
            if let quote = inQuote { if scalar == quote { inQuote = nil } }
            else if scalar == "\"" || scalar == "'" { inQuote = scalar }
            else if scalar == ">" { return index }
            else if scalar == "<" || scalar == "\n" && index - start > 200 { return nil }
            index += 1
        }
        return nil
    }

    private static func tagName(_ scalars: [Unicode.Scalar], from start: Int) -> String {
        var index = start + 1
        if index < scalars.count, scalars[index] == "/" { index += 1 }
        var name = ""
        while index < scalars.count, scalars[index].properties.isAlphabetic || scalars[index] == ":" || scalars[index] == "-"
            || ("0"..."9").contains(scalars[index]) {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        return name.lowercased()
    }

    /// A character reference (`&amp;`, `&#233;`, `&#xE9;`) at `start`: its text and the index of the `;`.
    private static func reference(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var index = start + 1
        var body = ""
        while index < scalars.count, index - start <= 10, scalars[index] != ";" {
            body.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count, scalars[index] == ";", !body.isEmpty else { return nil }
        if body.hasPrefix("#x") || body.hasPrefix("#X"), let value = UInt32(body.dropFirst(2), radix: 16),
           let scalar = Unicode.Scalar(value) {
            return (String(Character(scalar)), index)
        }
        if body.hasPrefix("#"), let value = UInt32(body.dropFirst()), let scalar = Unicode.Scalar(value) {
            return (String(Character(scalar)), index)
        }
        guard let named = namedReferences[body] else { return nil }
        return (named, index)
    }

    private static let namedReferences: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "times": "×", "minus": "−",
    ]
}
