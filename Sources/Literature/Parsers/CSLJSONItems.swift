// Splits a CSL-JSON file into its items before any value is parsed, so that one malformed item costs only
// that item. The split is structural (strings, escapes and nesting); each item's bytes are then parsed by
// Foundation's JSONSerialization on their own. A string may not run past the end of its line (JSON
// forbids raw newlines in strings), which keeps an unterminated string from swallowing the file.

/// One top-level item: its byte range, and the key naming it when the file is an object keyed by id/DOI.
struct CSLJSONItemSlice {
    var range: Range<Int>
    var key: String?
}

enum CSLJSONItems {
    enum Shape { case array, keyedObject, singleItem }

    /// The file's shape and its item slices, plus structural errors as (offset, message).
    static func split(_ bytes: [UInt8]) -> (shape: Shape, items: [CSLJSONItemSlice], errors: [(Int, String)]) {
        var index = skipSpace(bytes, 0)
        guard index < bytes.count else { return (.array, [], [(0, "empty file: expected a JSON array or object")]) }
        switch bytes[index] {
        case UInt8(ascii: "["):
            let (items, errors) = elements(bytes, from: index + 1, close: UInt8(ascii: "]"), keyed: false)
            return (.array, items, errors)
        case UInt8(ascii: "{"):
            let (members, errors) = elements(bytes, from: index + 1, close: UInt8(ascii: "}"), keyed: true)
            // An object whose members are all objects, and none is a CSL field, is keyed by id or DOI.
            let fieldNames: Set<String> = ["id", "type", "title", "author", "issued", "DOI", "citation-key"]
            let keyed = !members.isEmpty && members.allSatisfy { member in
                bytes[skipSpace(bytes, member.range.lowerBound)] == UInt8(ascii: "{") && !fieldNames.contains(member.key ?? "")
            }
            if keyed { return (.keyedObject, members, errors) }
            index = skipSpace(bytes, index)
            return (.singleItem, [CSLJSONItemSlice(range: index..<bytes.count, key: nil)], [])
        default:
            return (.array, [], [(index, "expected a JSON array '[' or object '{' at the start of the file")])
        }
    }

    /// The comma-separated elements of a container opened just before `start` (object members with their
    /// keys when `keyed`).
    private static func elements(_ bytes: [UInt8], from start: Int, close: UInt8, keyed: Bool)
        -> ([CSLJSONItemSlice], [(Int, String)]) {
        var items: [CSLJSONItemSlice] = []
        var errors: [(Int, String)] = []
        var index = start
        while true {
            index = skipSpace(bytes, index)
            guard index < bytes.count else {
                errors.append((bytes.count, "the file ends before the closing '\(Character(Unicode.Scalar(close)))'"))
                return (items, errors)
            }
            if bytes[index] == close { return (items, errors) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }   // tolerate empty or trailing commas
            var key: String?
            if keyed {
                guard bytes[index] == UInt8(ascii: "\""), let end = stringEnd(bytes, index) else {
                    errors.append((index, "expected a quoted member name"))
                    index = nextLine(bytes, index)
                    continue
                }
                key = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                index = skipSpace(bytes, end + 1)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    errors.append((index, "expected ':' after member name \"\(key ?? "")\""))
                    continue
                }
                index += 1
            }
            let valueStart = skipSpace(bytes, index)
            let valueEnd = valueEnd(bytes, from: valueStart, close: close)
            // A stray closer of the other kind (`}` in an array, `]` in an object) ends no value: report it
            // and step over it, or the loop would stand still (found by fuzzing: it appended empty items
            // until memory ran out).
            guard valueEnd > valueStart else {
                if valueStart < bytes.count {
                    errors.append((valueStart, "unexpected '\(Character(Unicode.Scalar(bytes[valueStart])))'"))
                }
                index = valueStart + 1
                continue
            }
            items.append(CSLJSONItemSlice(range: valueStart..<valueEnd, key: key))
            index = valueEnd
        }
    }

    /// Where a value starting at `start` ends: the first depth-0 comma or closer, strings and nesting skipped.
    private static func valueEnd(_ bytes: [UInt8], from start: Int, close: UInt8) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                // An unterminated string breaks its item: the item ends with the line.
                guard let end = stringEnd(bytes, index) else { return nextLine(bytes, index) }
                index = end + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return index }
                depth -= 1
                // A closer at depth 0 after an item: the item ended.
                if depth == 0 { return index + 1 }
            case UInt8(ascii: ",") where depth == 0: return index
            default: break
            }
            index += 1
        }
        return bytes.count
    }

    /// The index of the quote closing the string that opens at `start`, or nil when the line ends first.
    static func stringEnd(_ bytes: [UInt8], _ start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2; continue
            case UInt8(ascii: "\""): return index
            case 0x0A: return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func nextLine(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return min(index + 1, bytes.count)
    }

    static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        return index
    }
}
