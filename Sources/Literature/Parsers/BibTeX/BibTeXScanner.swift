/// One BibTeX entry as written: lower-cased type and field names, raw values (macros expanded,
/// outer delimiters removed, inner braces and LaTeX kept).
struct BibTeXEntry: Sendable {
    var type: String
    var key: String
    var fields: [(name: String, value: String)]
    /// Byte offset of the `@`.
    var offset: Int
    /// Byte offset of each field's value, by field name (for warnings about the value).
    var valueOffsets: [String: Int] = [:]

    func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}

/// A syntax problem at a byte offset; the scanner skips the entry and resumes at the next line-start `@`.
struct BibTeXSyntaxError: Error {
    var offset: Int
    var message: String
}

/// Splits BibTeX source (UTF-8 bytes) into entries, expanding @string macros as it goes.
struct BibTeXScanner {
    let bytes: [UInt8]
    private(set) var position = 0
    /// One piece of a value: a range of the source, literal bytes, or an earlier @string definition.
    private enum ValuePart {
        case source(Range<Int>)
        case text([UInt8])
        case macro(Int)
    }

    /// @string definitions in file order, kept unexpanded (a definition refers to the ones before it), with
    /// their expanded length (saturating). Expansion happens only when a field uses a macro, and only
    /// when the result fits `ParserLimits.maxFieldBytes`: doubling definitions cost nothing unless used.
    private var definitions: [(parts: [ValuePart], length: Int)] = []
    /// The current definition of each macro, by lower-cased name (month macros pre-filled: jan → "1").
    private var macroIndex: [String: Int] = [:]
    /// Warnings that do not stop the entry (duplicate fields, dropped values), as (offset, message).
    private(set) var warnings: [(offset: Int, message: String)] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        for (index, name) in months.enumerated() {
            let text = Array(String(index + 1).utf8)
            macroIndex[name] = definitions.count
            definitions.append(([.text(text)], text.count))
        }
    }

    /// The next entry, nil at the end of input. Throws for a malformed item; call `resynchronize` then.
    mutating func nextEntry() throws(BibTeXSyntaxError) -> BibTeXEntry? {
        while let at = findEntryStart(from: position) {
            position = at + 1
            let typeStart = position
            while position < bytes.count, isIdentifierByte(bytes[position]) { position += 1 }
            guard position > typeStart else { continue }
            let type = lowercasedString(typeStart..<position)
            skipBlanks()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "{") || bytes[position] == UInt8(ascii: "(")
            else { continue }   // an "@" in free text, not an entry
            let open = position
            let close = bytes[open] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
            position += 1
            currentItemOffset = at
            switch type {
            case "comment":
                skipComment(open: open, close: close)
            case "preamble":
                _ = try readValue(fieldName: "@preamble")   // never expanded: nothing uses it
                try expectClose(close, open: open, name: "@preamble")
            case "string":
                try readStringDefinitions(open: open, close: close)
            default:
                return try readEntry(type: type, at: at, open: open, close: close)
            }
        }
        position = bytes.count
        return nil
    }

    /// The next `@` outside a `%` comment: between entries, `%` comments out the rest of its line, as
    /// biber reads it (so `%@article{…}` and a commented-out multi-line entry are both ignored).
    private func findEntryStart(from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "@"): return index
            case UInt8(ascii: "%"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            default: index += 1
            }
        }
        return nil
    }

    /// After an error at `offset`: continue from the first `@` that starts a line at or after it.
    mutating func resynchronize(after error: BibTeXSyntaxError) {
        var index = max(error.offset, currentItemOffset + 1)
        while let at = findEntryStart(from: index) {
            if startsLine(at) { position = at; return }
            index = at + 1
        }
        position = bytes.count
    }

    /// Offset of the `@` of the item being read when the last error was thrown.
    private(set) var currentItemOffset = 0

    // MARK: - Items

    private mutating func readEntry(type: String, at: Int, open: Int, close: UInt8)
        throws(BibTeXSyntaxError) -> BibTeXEntry {
        skipWhitespaceAndComments()
        let keyStart = position
        while position < bytes.count, isKeyByte(bytes[position], close: close) { position += 1 }
        let key = String(decoding: bytes[keyStart..<position], as: UTF8.self)
        skipWhitespaceAndComments()
        let next = position < bytes.count ? bytes[position] : 0
        if key.isEmpty || next == UInt8(ascii: "=") {
            throw BibTeXSyntaxError(offset: keyStart, message: "missing entry key after '@\(type)\(Character(Unicode.Scalar(bytes[open])))'")
        }
        var entry = BibTeXEntry(type: type, key: key, fields: [], offset: at)
        if next == close { position += 1; return entry }
        guard next == UInt8(ascii: ",") else {
            throw unclosedOr(open: open, key: key, BibTeXSyntaxError(offset: position, message: "expected ',' after entry key '\(key)'"))
        }
        position += 1
        while true {
            skipWhitespaceAndComments()
            guard position < bytes.count else { throw unclosed(open: open, key: key) }
            if bytes[position] == close { position += 1; return entry }
            let nameStart = position
            while position < bytes.count, isFieldNameByte(bytes[position]) { position += 1 }
            guard position > nameStart else {
                throw unclosedOr(open: open, key: key, BibTeXSyntaxError(offset: position, message: "expected a field name in entry '\(key)'"))
            }
            let name = lowercasedString(nameStart..<position)
            skipWhitespaceAndComments()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw unclosedOr(open: open, key: key, BibTeXSyntaxError(offset: position, message: "expected '=' after field name '\(name)' in entry '\(key)'"))
            }
            position += 1
            skipWhitespaceAndComments()
            let valueStart = position
            let value = try readValue(fieldName: name)
            if entry.fields.contains(where: { $0.name == name }) {
                warnings.append((nameStart, "duplicate field '\(name)' in entry '\(key)'; keeping the first"))
            } else if let value = materialize(value, field: name, key: key, at: valueStart) {
                entry.fields.append((name, value))
                entry.valueOffsets[name] = valueStart
            }
            skipWhitespaceAndComments()
            guard position < bytes.count else { throw unclosed(open: open, key: key) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == close { position += 1; return entry }
            let closeText = Character(Unicode.Scalar(close))
            throw unclosedOr(open: open, key: key, BibTeXSyntaxError(offset: position, message: "expected ',' or '\(closeText)' after the value of field '\(name)' in entry '\(key)'"))
        }
    }

    private mutating func readStringDefinitions(open: Int, close: UInt8) throws(BibTeXSyntaxError) {
        while true {
            skipWhitespaceAndComments()
            guard position < bytes.count else { throw unclosed(open: open, key: "@string") }
            if bytes[position] == close { position += 1; return }
            let nameStart = position
            while position < bytes.count, isFieldNameByte(bytes[position]) { position += 1 }
            guard position > nameStart else {
                throw BibTeXSyntaxError(offset: position, message: "expected a macro name in @string")
            }
            let name = lowercasedString(nameStart..<position)
            skipWhitespaceAndComments()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw BibTeXSyntaxError(offset: position, message: "expected '=' after macro name '\(name)' in @string")
            }
            position += 1
            let value = try readValue(fieldName: name)
            macroIndex[name] = definitions.count
            definitions.append(value)
            skipWhitespaceAndComments()
            if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
        }
    }

    private mutating func expectClose(_ close: UInt8, open: Int, name: String) throws(BibTeXSyntaxError) {
        skipWhitespaceAndComments()
        guard position < bytes.count, bytes[position] == close else { throw unclosed(open: open, key: name) }
        position += 1
    }

    /// Skips a balanced @comment body; an unbalanced one is ignored like free text.
    private mutating func skipComment(open: Int, close: UInt8) {
        var depth = 1
        var index = open + 1
        let opener = bytes[open]
        while index < bytes.count {
            if bytes[index] == opener { depth += 1 }
            else if bytes[index] == close { depth -= 1; if depth == 0 { position = index + 1; return } }
            index += 1
        }
        position = open + 1
    }

    // MARK: - Values

    /// A value: parts (`{...}`, `"..."`, a number, a macro name) joined by `#`, not yet expanded.
    private mutating func readValue(fieldName: String) throws(BibTeXSyntaxError) -> (parts: [ValuePart], length: Int) {
        var parts: [ValuePart] = []
        var length = 0
        while true {
            skipWhitespaceAndComments()
            guard position < bytes.count else {
                throw BibTeXSyntaxError(offset: position, message: "expected a value for field '\(fieldName)' before the end of the file")
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "\"") {
                let range = byte == UInt8(ascii: "{") ? try braced() : try quoted()
                parts.append(.source(range))
                length = Self.saturatingAdd(length, range.count)
            } else if isDigit(byte) {
                let start = position
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
                parts.append(.source(start..<position))
                length = Self.saturatingAdd(length, position - start)
            } else if isFieldNameByte(byte), !isDigit(byte) {
                let start = position
                while position < bytes.count, isFieldNameByte(bytes[position]) { position += 1 }
                let name = lowercasedString(start..<position)
                if let definition = macroIndex[name] {
                    parts.append(.macro(definition))
                    length = Self.saturatingAdd(length, definitions[definition].length)
                } else if let journal = Self.standardJournals[name] {
                    parts.append(.text(Array(journal.utf8)))
                    length = Self.saturatingAdd(length, journal.utf8.count)
                } else {
                    // As BibTeX does, an undefined macro is a warning, not a lost entry; its name is kept.
                    warnings.append((start, "undefined macro '\(String(decoding: bytes[start..<position], as: UTF8.self))' in field '\(fieldName)'; kept its name as the value"))
                    parts.append(.source(start..<position))
                    length = Self.saturatingAdd(length, position - start)
                }
            } else {
                throw BibTeXSyntaxError(offset: position, message: "expected a value for field '\(fieldName)': '{', '\"', a number or a macro name")
            }
            skipWhitespaceAndComments()
            if position < bytes.count, bytes[position] == UInt8(ascii: "#") { position += 1; continue }
            return (parts, length)
        }
    }

    /// The text of a value, or nil (with a warning) when it is longer than `ParserLimits.maxFieldBytes`.
    /// Macros are expanded with an explicit stack: no recursion, and the length is known beforehand.
    private mutating func materialize(_ value: (parts: [ValuePart], length: Int), field: String, key: String,
                                      at offset: Int) -> String? {
        guard value.length <= ParserLimits.maxFieldBytes else {
            let size = value.length == Int.max ? "more than \(Int.max) bytes" : "\(value.length) bytes"
            warnings.append((offset, "field '\(field)' in entry '\(key)' is \(size) long (after @string expansion), "
                             + "over the limit of \(ParserLimits.maxFieldBytes) bytes (ParserLimits.maxFieldBytes); dropped"))
            return nil
        }
        if value.parts.count == 1, case .source(let range) = value.parts[0] {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(value.length)
        var stack = Array(value.parts.reversed())
        while let part = stack.popLast() {
            switch part {
            case .source(let range): buffer.append(contentsOf: bytes[range])
            case .text(let text): buffer.append(contentsOf: text)
            case .macro(let index): stack.append(contentsOf: definitions[index].parts.reversed())
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The journal macros that BibTeX's standard styles (plain.bst and its relatives) define.
    static let standardJournals: [String: String] = [
        "acmcs": "ACM Computing Surveys", "acta": "Acta Informatica", "cacm": "Communications of the ACM",
        "ibmjrd": "IBM Journal of Research and Development", "ibmsj": "IBM Systems Journal",
        "ieeese": "IEEE Transactions on Software Engineering", "ieeetc": "IEEE Transactions on Computers",
        "ieeetcad": "IEEE Transactions on Computer-Aided Design of Integrated Circuits",
        "ipl": "Information Processing Letters", "jacm": "Journal of the ACM",
        "jcss": "Journal of Computer and System Sciences", "scp": "Science of Computer Programming",
        "sicomp": "SIAM Journal on Computing", "tocs": "ACM Transactions on Computer Systems",
        "tods": "ACM Transactions on Database Systems", "tog": "ACM Transactions on Graphics",
        "toms": "ACM Transactions on Mathematical Software", "toois": "ACM Transactions on Office Information Systems",
        "toplas": "ACM Transactions on Programming Languages and Systems", "tcs": "Theoretical Computer Science",
    ]

    private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    /// A `{...}` group with nested braces; returns the inner range. A line-start `@` inside means the
    /// group was never closed.
    private mutating func braced() throws(BibTeXSyntaxError) -> Range<Int> {
        let open = position
        var depth = 0
        var index = position
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { position = index + 1; return (open + 1)..<index }
            case UInt8(ascii: "@") where startsLine(index):
                throw BibTeXSyntaxError(offset: open, message: "unbalanced braces: this '{' is not closed before the next entry")
            default: break
            }
            index += 1
        }
        throw BibTeXSyntaxError(offset: open, message: "unbalanced braces: this '{' is not closed before the end of the file")
    }

    /// A `"..."` value; a `"` inside braces does not end it.
    private mutating func quoted() throws(BibTeXSyntaxError) -> Range<Int> {
        let open = position
        var depth = 0
        var index = position + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                if depth == 0 { throw BibTeXSyntaxError(offset: index, message: "unbalanced braces: unexpected '}' in a quoted value") }
                depth -= 1
            case UInt8(ascii: "\"") where depth == 0:
                position = index + 1
                return (open + 1)..<index
            case UInt8(ascii: "@") where startsLine(index):
                throw BibTeXSyntaxError(offset: open, message: depth > 0
                    ? "unbalanced braces in a quoted value not closed before the next entry"
                    : "unterminated quoted value: this '\"' is not closed before the next entry")
            default: break
            }
            index += 1
        }
        throw BibTeXSyntaxError(offset: open, message: "unterminated quoted value: this '\"' is not closed before the end of the file")
    }

    // MARK: - Errors and bytes

    private func unclosed(open: Int, key: String) -> BibTeXSyntaxError {
        BibTeXSyntaxError(offset: open, message: "entry '\(key)' is not closed: no '\(bytes[open] == UInt8(ascii: "{") ? "}" : ")")' matches this '\(Character(Unicode.Scalar(bytes[open])))'")
    }

    /// At a line-start `@` or the end of input the real problem is the missing close of the entry.
    private func unclosedOr(open: Int, key: String, _ error: BibTeXSyntaxError) -> BibTeXSyntaxError {
        if position >= bytes.count || (bytes[position] == UInt8(ascii: "@") && startsLine(position)) {
            return unclosed(open: open, key: key)
        }
        return error
    }

    private mutating func skipBlanks() {
        while position < bytes.count, isSpace(bytes[position]) { position += 1 }
    }

    /// Skips white space and `%` comments (to end of line) between tokens.
    private mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            let byte = bytes[position]
            if isSpace(byte) { position += 1 }
            else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            } else { return }
        }
    }

    /// True when only spaces or tabs precede `offset` on its line.
    func startsLine(_ offset: Int) -> Bool {
        var index = offset - 1
        while index >= 0 {
            let byte = bytes[index]
            if byte == 0x0A { return true }
            if byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
            index -= 1
        }
        return true
    }

    private func findByte(_ target: UInt8, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == target { return index }
            index += 1
        }
        return nil
    }

    private func lowercasedString(_ range: Range<Int>) -> String {
        if !bytes[range].contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        return String(decoding: bytes[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    /// Field and macro names: anything printable except BibTeX punctuation.
    private func isFieldNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"),
             UInt8(ascii: "@"), UInt8(ascii: "'"), UInt8(ascii: "~"), UInt8(ascii: "\\"):
            return false
        default: return true
        }
    }

    private func isKeyByte(_ byte: UInt8, close: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "="),
             UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "@"): return false
        default: return byte != close
        }
    }
}
