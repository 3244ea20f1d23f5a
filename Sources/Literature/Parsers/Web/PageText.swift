// Small text helpers shared by the web-page and page-dump parsers: whitespace, sentences, identifiers,
// years and personal names as they appear on web pages (not BibTeX name lists).

import Foundation

/// One line of a page dump, numbered from 1, after mojibake repair.
struct PageLine: Sendable, Hashable {
    var number: Int
    var text: String {
        didSet {
            trimmed = PageText.trim(text)
            normal = nil
            verdict = nil
        }
    }
    /// The line without surrounding whitespace (non-breaking spaces included), computed once: parsers ask
    /// for it many times, and on a 10 MB line each recomputation was a full copy.
    private(set) var trimmed: String
    /// `trimmed` collapsed and lower-cased, once `normalize()` has run on a short line. About forty line
    /// rules need these forms and each recomputed them, twice per page (detection, then parsing).
    private(set) var normal: PageText.Normal?
    /// What `PageBoilerplate.strip` makes of the line by itself, once `normalize()` has run on a non-empty
    /// line: detection and parsing strip the same lines.
    private(set) var verdict: PageBoilerplate.Verdict?

    init(number: Int, text: String) {
        self.number = number
        self.text = text
        trimmed = PageText.trim(text)
    }

    /// Computes `normal` when the line is short enough for the line rules (PageLimits.maximumShortLineBytes);
    /// a longer line is content, and the rules reject it before normalizing.
    mutating func normalize() {
        if normal == nil, trimmed.utf8.count <= PageLimits.maximumShortLineBytes { normal = PageText.Normal(trimmed) }
        if verdict == nil, !trimmed.isEmpty { verdict = PageBoilerplate.verdict(trimmed, normal: normal) }
    }

    // Equality and hashing by what the line is, not by whether its cache is filled.
    static func == (left: PageLine, right: PageLine) -> Bool { left.number == right.number && left.text == right.text }
    func hash(into hasher: inout Hasher) {
        hasher.combine(number)
        hasher.combine(text)
    }
}

enum PageText {
    /// A line's text as the line rules compare it: `collapse(text)` and `lower(collapse(text))`.
    struct Normal: Sendable, Hashable {
        let collapsed: String
        let lower: String

        init(_ text: String) {
            collapsed = PageText.collapse(text)
            lower = PageText.lower(collapsed)
        }
    }

    /// True when `text` contains `needle`, compared byte for byte. Foundation's `contains` goes through
    /// UTF-16 and was the slowest step on long lines; UTF-8 byte equality is the same test for strings.
    static func containsBytes(_ text: String, _ needle: String) -> Bool {
        UTF8Scan.contains(text, bytesOf: needle)
    }

    /// `text.hasPrefix(prefix)`, decided on UTF-8 bytes when they decide it. `hasPrefix` walks Characters as
    /// soon as the text is not ASCII (most lines with one accented word), and line rules test many prefixes.
    /// The bytes decide while the text is ASCII where the prefix is: ASCII has no other canonically equal
    /// spelling, and a match ends on a Character boundary unless a combining mark (a scalar from U+0300
    /// on, see `collapse`) or the LF of a CRLF follows; in those cases `hasPrefix` decides.
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        // Different ASCII first bytes decide at once (most calls): a Character that starts with an ASCII
        // scalar is canonically equal only to one starting with the same scalar.
        if let wanted = prefix.utf8.first, wanted < 0x80 {
            guard let first = text.utf8.first else { return false }
            if first < 0x80 && first != wanted { return false }
        }
        let decided = UTF8Scan.withBytes(text) { bytes in
            UTF8Scan.withBytes(prefix) { expected -> Bool? in
                guard bytes.count >= expected.count else {
                    // Too short in bytes is too short in Characters, once the bytes there are ASCII.
                    return bytes.allSatisfy { $0 < 0x80 } && expected.allSatisfy { $0 < 0x80 } ? false : nil
                }
                var last: UInt8 = 0
                for index in 0..<expected.count {
                    let byte = bytes[index], wanted = expected[index]
                    guard wanted < 0x80, byte < 0x80 else { return nil }   // e.g. U+212A KELVIN SIGN equals "K"
                    if byte != wanted { return false }
                    last = byte
                }
                guard expected.count < bytes.count else { return true }
                let next = bytes[expected.count]
                return next >= 0xCC || (last == 0x0D && next == 0x0A) ? nil : true
            }
        }
        return decided ?? text.hasPrefix(prefix)
    }

    /// `text.hasSuffix(suffix)`, decided on UTF-8 bytes when they decide it (see `hasPrefix`): while the
    /// bytes compared are ASCII, and the byte before the match is ASCII and not a CR before an LF (a scalar
    /// before the match that is not ASCII may be a prepended mark that joins it into one Character).
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        let decided = UTF8Scan.withBytes(text) { bytes in
            UTF8Scan.withBytes(suffix) { expected -> Bool? in
                guard bytes.count >= expected.count else {
                    return bytes.allSatisfy { $0 < 0x80 } && expected.allSatisfy { $0 < 0x80 } ? false : nil
                }
                let start = bytes.count - expected.count
                for index in 0..<expected.count {
                    let byte = bytes[start + index], wanted = expected[index]
                    guard wanted < 0x80, byte < 0x80 else { return nil }
                    if byte != wanted { return false }
                }
                guard start > 0, let first = expected.first else { return true }
                let before = bytes[start - 1]
                return before >= 0x80 || (before == 0x0D && first == 0x0A) ? nil : true
            }
        }
        return decided ?? text.hasSuffix(suffix)
    }

    /// The number of space bytes in `text`, counting no further than `limit + 1`: a cheap word-count gate
    /// for rules that only fit short lines (splitting every line into words was a large cost).
    static func spaces(in text: String, upTo limit: Int) -> Int {
        count(of: 0x20, in: text, upTo: limit + 1)
    }

    /// The number of `byte`s in `text`, counting no further than `limit`.
    static func count(of byte: UInt8, in text: String, upTo limit: Int) -> Int {
        UTF8Scan.withBytes(text) { bytes in
            var count = 0
            for each in bytes where each == byte {
                count += 1
                if count == limit { break }
            }
            return count
        }
    }

    /// `text.count <= limit` without walking Characters when the bytes decide: a Character is at least one
    /// byte, and in ASCII text without CR every byte is one Character.
    static func hasAtMost(_ limit: Int, charactersIn text: String) -> Bool {
        let bytes = text.utf8.count
        if bytes <= limit { return true }
        if !UTF8Scan.contains(text, where: { $0 >= 0x80 || $0 == 0x0D }) { return false }
        return text.count <= limit
    }

    /// The number of words of `text` separated by ASCII whitespace, counting no further than `limit + 1`;
    /// 0 when the text has a scalar from U+0300 on (a combining mark can join a space into one Character).
    /// Never more than the pieces `split(separator: " ")` makes of the lower-cased `collapse(text)`.
    static func asciiWords(in text: String, upTo limit: Int) -> Int {
        UTF8Scan.withBytes(text) { bytes in
            guard !bytes.contains(where: { $0 >= 0xCC }) else { return 0 }
            var count = 0
            var inWord = false
            for byte in bytes {
                let isSpace = byte == 0x20 || (0x09...0x0D).contains(byte)
                if !isSpace && !inWord {
                    count += 1
                    if count > limit { break }
                }
                inWord = !isSpace
            }
            return count
        }
    }

    /// Calls `body` with each piece of `text` that `text.split(separator: " ")` gives, in order, until it
    /// returns false; without building the array. The text is split at its space bytes when each is a
    /// Character of its own (see `collapse`: no scalar from U+0300 on touches it); otherwise `split`
    /// decides, where a space and a combining mark after it are one Character and no separator.
    static func forEachPiece(of text: String, _ body: (Substring) -> Bool) {
        guard spacesStandAlone(text) else {
            for piece in text.split(separator: " ") where !body(piece) { return }
            return
        }
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == 0x20 {
                if start < index, !body(text[start..<index]) { return }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { _ = body(text[start..<utf8.endIndex]) }
    }

    /// True when no scalar from U+0300 on is next to a space, so every space is a Character of its own.
    private static func spacesStandAlone(_ text: String) -> Bool {
        guard UTF8Scan.contains(text, where: { $0 >= 0xCC }) else { return true }   // U+0300 starts at 0xCC 0x80
        var previousIsWide = false
        var previousIsSpace = false
        for scalar in text.unicodeScalars {
            let isWide = scalar.value >= 0x300
            let isSpace = scalar == " "
            if (isSpace && previousIsWide) || (isWide && previousIsSpace) { return false }
            previousIsWide = isWide
            previousIsSpace = isSpace
        }
        return true
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

    /// Collapses every whitespace run into one space and trims the ends. Done on UTF-8 bytes (Character
    /// whitespace tests were the largest cost on big pages) whenever that gives the Character-level
    /// result: the only whitespace is ASCII, and no non-ASCII scalar that could join a space into one
    /// Character (a combining mark after it, a prepended mark before it) touches a space. Scalars below
    /// U+0300 never do (`PageTextTests` checks this against Swift's grapheme breaking); for the others,
    /// and for non-ASCII whitespace, the Character path decides.
    static func collapse(_ text: String) -> String {
        if isCollapsedASCII(text) { return text }   // shares the storage instead of copying
        var text = text
        var unchanged = false
        let collapsed = text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        pendingSpace = !out.isEmpty
                    } else {
                        if pendingSpace { out.append(0x20) }
                        pendingSpace = false
                        out.append(byte)
                    }
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard let scalar = scalar(in: bytes, at: index, length: length), !isSpaceScalar(scalar) else { return nil }
                if scalar.value >= 0x300 {
                    if index > 0, bytes[index - 1] == 0x20 { return nil }
                    if index + length < bytes.count, bytes[index + length] == 0x20 { return nil }
                }
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                index += length
            }
            // Most lines are collapsed already: then the text is shared, not copied and validated again.
            if out.count == bytes.count, let base = bytes.baseAddress, memcmp(out, base, out.count) == 0 {
                unchanged = true
                return ""
            }
            return String(decoding: out, as: UTF8.self)
        }
        if unchanged { return text }
        return collapsed ?? collapse(Substring(text))
    }

    /// True when `text` is ASCII that `collapse` leaves as it is: no whitespace but single inner spaces.
    private static func isCollapsedASCII(_ text: String) -> Bool {
        UTF8Scan.withBytes(text) { bytes in
            var previous: UInt8 = 0x20   // a leading space counts as a run
            for byte in bytes {
                guard byte < 0x80, !(0x09...0x0D).contains(byte), !(byte == 0x20 && previous == 0x20) else { return false }
                previous = byte
            }
            return previous != 0x20 || bytes.isEmpty
        }
    }

    /// The scalar whose UTF-8 encoding (valid, `length` bytes) starts at `index`.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Unicode.Scalar? {
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(bytes[index]) & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// A scalar that `isSpace` takes for whitespace when it is a Character of its own.
    private static func isSpaceScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{202F}"
    }

    /// `text` lower-cased as `String.lowercased()` does it (each scalar's lowercase mapping), with ASCII
    /// done byte by byte: `lowercased()` maps every scalar through the Unicode tables as soon as one
    /// character is not ASCII, which was a large share of parsing pages with accented words.
    static func lower(_ text: String) -> String {
        // ASCII: the text itself when it has no capital (no copy), else `lowercased()`'s ASCII path.
        var hasUpper = false
        guard UTF8Scan.contains(text, where: { hasUpper = hasUpper || (0x41...0x5A).contains($0); return $0 >= 0x80 }) else {
            return hasUpper ? text.lowercased() : text
        }
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if let scalar = scalar(in: bytes, at: index, length: length) {
                    if scalar.value < 0x250 {
                        out.append(contentsOf: latinLowercase[Int(scalar.value) - 0x80])
                    } else {
                        out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                    }
                }
                index += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The UTF-8 of each lowercase mapping of U+0080–U+024F (accented Latin letters), computed once from
    /// the Unicode tables: looking it up per character was most of `lower`'s time.
    private static let latinLowercase: [[UInt8]] = (UInt32(0x80)..<0x250).map { value in
        Unicode.Scalar(value).map { Array($0.properties.lowercaseMapping.utf8) } ?? []
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

    /// Lines of `text`, numbered from 1 (CRLF and CR line ends accepted; a text ending in a line end has
    /// an empty last line). Split on UTF-8 bytes: LF and CR are never part of a larger Character other
    /// than CRLF, so this is the Character-level split without walking Characters.
    static func lines(_ text: String) -> [PageLine] {
        lines(text, maximumLineBytes: Int.max).lines
    }

    /// `lines(text)`, each cut to at most `maximumLineBytes` (at a scalar boundary); `cut` lists the
    /// numbers of the lines that were cut, with their full length in bytes.
    static func lines(_ text: String, maximumLineBytes: Int) -> (lines: [PageLine], cut: [(line: Int, bytes: Int)]) {
        var text = text
        return text.withUTF8 { bytes in
            var result: [PageLine] = []
            var cut: [(line: Int, bytes: Int)] = []
            var start = 0
            func add(upTo end: Int) {
                var keptEnd = end
                if end - start > maximumLineBytes {
                    keptEnd = start + maximumLineBytes
                    while keptEnd > start, bytes[keptEnd] & 0xC0 == 0x80 { keptEnd -= 1 }   // not inside a scalar
                    cut.append((result.count + 1, end - start))
                }
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<keptEnd]), as: UTF8.self)
                result.append(PageLine(number: result.count + 1, text: line))
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else {
                    index += 1
                    continue
                }
                add(upTo: index)
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            }
            add(upTo: bytes.count)
            return (result, cut)
        }
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
