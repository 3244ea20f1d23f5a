// Small text helpers shared by the web-page and page-dump parsers: whitespace, sentences, identifiers,
// years and personal names as they appear on web pages (not BibTeX name lists).

/// One line of a page dump, numbered from 1, after mojibake repair.
struct PageLine: Sendable, Hashable {
    var number: Int
    var text: String { didSet { trimmed = PageText.trim(text) } }
    /// The line without surrounding whitespace (non-breaking spaces included), computed once: parsers ask
    /// for it many times, and on a 10 MB line each recomputation was a full copy.
    private(set) var trimmed: String

    init(number: Int, text: String) {
        self.number = number
        self.text = text
        trimmed = PageText.trim(text)
    }
}

enum PageText {
    /// True when `text` contains `needle`, compared byte for byte. Foundation's `contains` goes through
    /// UTF-16 and was the slowest step on long lines; UTF-8 byte equality is the same test for strings.
    static func containsBytes(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard haystack.count >= pattern.count else { return false }
                var index = 0
                let last = haystack.count - pattern.count
                while index <= last {
                    if haystack[index] == first {
                        var offset = 1
                        while offset < pattern.count, haystack[index + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// The number of space bytes in `text`, counting no further than `limit + 1`: a cheap word-count gate
    /// for rules that only fit short lines (splitting every line into words was a large cost).
    static func spaces(in text: String, upTo limit: Int) -> Int {
        var count = 0
        for byte in text.utf8 where byte == 0x20 {
            count += 1
            if count > limit { break }
        }
        return count
    }

    /// True for spaces, tabs, newlines and the no-break spaces web pages use for layout.
    static func isSpace(_ character: Character) -> Bool {
        character.isWhitespace || character == "\u{00A0}" || character == "\u{202F}"
    }

    /// `text` without leading and trailing whitespace; `text` itself (no copy) when it has none.
    static func trim(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, isPlainByte(first), isPlainByte(last) { return text }
        return trim(Substring(text))
    }

    /// A printable ASCII byte other than space: a line that starts and ends with one needs no trimming.
    private static func isPlainByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// `text` without leading and trailing whitespace.
    static func trim<S: StringProtocol>(_ text: S) -> String {
        guard let start = text.firstIndex(where: { !isSpace($0) }),
              let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }

    /// Collapses every whitespace run into one space and trims the ends; ASCII text is done byte by byte
    /// (Character-level whitespace tests were the largest cost on big pages).
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? collapse(Substring(text))
    }

    /// Collapses every whitespace run (no-break spaces included) into one space and trims the ends.
    static func collapse<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if isSpace(character) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    /// Lines of `text`, numbered from 1 (CRLF and CR line ends accepted).
    static func lines(_ text: String) -> [PageLine] {
        var result: [PageLine] = []
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            result.append(PageLine(number: number, text: String(line)))
        }
        return result
    }

    /// The first sentence of `text`, without its final period (a final "?" or "!" is kept).
    /// Abbreviations ("e.g.", "i.e.", "et al.") and initials ("J. Smith") do not end a sentence.
    static func firstSentence(_ text: String) -> String {
        let characters = Array(collapse(text))
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let atEnd = index + 1 == characters.count
            let followedBySpace = !atEnd && characters[index + 1] == " "
            if (character == "?" || character == "!") && (atEnd || followedBySpace) {
                return String(characters[0...index])
            }
            if character == "." && (atEnd || followedBySpace) && !endsWithAbbreviation(characters[0..<index]) {
                return String(characters[0..<index])
            }
            index += 1
        }
        return String(characters).hasSuffix(".") ? String(characters.dropLast()) : String(characters)
    }

    private static func endsWithAbbreviation(_ head: ArraySlice<Character>) -> Bool {
        let word = String(head.reversed().prefix { $0 != " " }.reversed()).lowercased()
        if word.count == 1, let first = word.first, first.isLetter { return true }   // an initial
        return ["e.g", "i.e", "al", "etc", "cf", "vs", "fig", "eq", "no", "dr", "prof", "resp"].contains(word)
    }

    /// Removes Markdown emphasis markers (`**bold**`, `*italic*`, `__x__`) that some dumps keep.
    static func strippingEmphasis(_ text: String) -> String {
        var out = text.replacing("**", with: "").replacing("__", with: "")
        if out.hasPrefix("*") { out.removeFirst() }
        if out.hasSuffix("*") { out.removeLast() }
        return out
    }

    /// The first plausible publication year (1800–2099) in `text`, as a whole 4-digit number.
    static func firstYear(in text: String) -> Int? {
        let characters = Array(text)
        var index = 0
        while index + 4 <= characters.count {
            let window = characters[index..<index + 4]
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 4 < characters.count ? characters[index + 4] : " "
            if window.allSatisfy(\.isASCII), window.allSatisfy(\.isNumber), !before.isNumber, !after.isNumber,
               let year = Int(String(window)), (1800...2099).contains(year) {
                return year
            }
            index += 1
        }
        return nil
    }
}
