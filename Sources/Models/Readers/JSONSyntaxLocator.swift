/// Finds where a JSON text first breaks the grammar, so that an error can say line:column. Foundation's
/// parsers only say that the data is invalid; this scanner does no decoding, only the position.
struct JSONSyntaxLocator {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Deepest nesting of arrays and objects accepted: a model file needs 4 levels; the limit keeps this
    /// recursive scanner (and Foundation's decoder after it) far from the stack's end.
    static let maxDepth = 64

    /// "line L, column C: what was expected", or nil when the text is valid JSON.
    static func firstError(in bytes: [UInt8]) -> String? {
        var scanner = JSONSyntaxLocator(bytes: bytes)
        do {
            try scanner.value()
            scanner.skipSpace()
            if scanner.index < bytes.count { throw Failure(expected: "the end of the text") }
            return nil
        } catch let failure as Failure {
            let prefix = bytes[..<min(scanner.index, bytes.count)]
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = scanner.index - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            let found = scanner.index < bytes.count ? "'\(Character(Unicode.Scalar(bytes[scanner.index])))'" : "the end of the file"
            return "line \(line), column \(column) (byte offset \(scanner.index)): expected \(failure.expected), found \(found)"
        } catch {
            return nil
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private struct Failure: Error { let expected: String }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ c: Character, _ what: String) throws {
        skipSpace()
        guard index < bytes.count, bytes[index] == c.asciiValue else { throw Failure(expected: what) }
        index += 1
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func value() throws {
        skipSpace()
        guard let c = peek() else { throw Failure(expected: "a value") }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            guard depth < Self.maxDepth else { throw Failure(expected: "at most \(Self.maxDepth) levels of nesting") }
            depth += 1
        }
        defer { if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth -= 1 } }
        switch c {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if peek() == UInt8(ascii: "}") { index += 1; return }
            repeat {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw Failure(expected: "a quoted key") }
                try string()
                try expect(":", "':'")
                try value()
                skipSpace()
            } while try separator(close: "}")
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if peek() == UInt8(ascii: "]") { index += 1; return }
            repeat { try value(); skipSpace() } while try separator(close: "]")
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    /// After an element: true at ',', false at the closing bracket (consumed).
    private mutating func separator(close: Character) throws -> Bool {
        guard let c = peek() else { throw Failure(expected: "',' or '\(close)'") }
        index += 1
        if c == UInt8(ascii: ",") { return true }
        if c == close.asciiValue { return false }
        index -= 1
        throw Failure(expected: "',' or '\(close)'")
    }

    private mutating func string() throws {
        index += 1
        while let c = peek() {
            index += 1
            if c == UInt8(ascii: "\\") { index += 1 } else if c == UInt8(ascii: "\"") { return }
        }
        throw Failure(expected: "a closing '\"'")
    }

    private mutating func literal(_ word: String) throws {
        for c in word.utf8 {
            guard peek() == c else { throw Failure(expected: "'\(word)'") }
            index += 1
        }
    }

    private mutating func number() throws {
        let start = index
        while let c = peek(), "+-0123456789.eE".utf8.contains(c) { index += 1 }
        guard index > start, Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil else {
            index = start
            throw Failure(expected: "a value")
        }
    }
}
