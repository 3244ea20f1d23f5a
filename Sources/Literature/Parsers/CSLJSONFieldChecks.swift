import Foundation

// Value checks on one parsed CSL-JSON item, before it becomes a record: strings over
// `ParserLimits.maxFieldBytes` are dropped and NUL characters (which JSON's "\u0000" escape makes after
// the file was decoded) are made visible, each with a warning naming the field.

extension CSLJSONParser {
    /// How deep the checks look: the parser reads nothing deeper than item → author → name part
    /// (or issued → date-parts → part), so deeper values can never reach a record.
    static let checkedDepth = 4

    /// `item` with oversized strings removed and NULs replaced by ␀; one warning per changed value.
    static func checkedFields(_ item: [String: Any], warnings: inout [String]) -> [String: Any] {
        var out: [String: Any] = [:]
        // Sorted, so that the warnings come in the same order on every run.
        for key in item.keys.sorted() {
            if let kept = checked(item[key]!, path: key, depth: 1, warnings: &warnings) { out[key] = kept }
        }
        return out
    }

    /// The value with the checks applied, or nil when it is dropped.
    private static func checked(_ value: Any, path: String, depth: Int, warnings: inout [String]) -> Any? {
        switch value {
        case let text as String:
            let bytes = text.utf8.count
            if bytes > ParserLimits.maxFieldBytes {
                warnings.append(ParserLimits.fieldTooLong("field '\(path)'", bytes: bytes))
                return nil
            }
            guard let visible = ParserLimits.visibleNULs(text) else { return text }
            warnings.append("field '\(path)' contains NUL characters; kept as the visible symbol ␀ (U+2400)")
            return visible
        case let array as [Any] where depth < checkedDepth:
            return array.enumerated().compactMap { index, element in
                checked(element, path: "\(path)[\(index)]", depth: depth + 1, warnings: &warnings)
            }
        case let object as [String: Any] where depth < checkedDepth:
            var out: [String: Any] = [:]
            for key in object.keys.sorted() {
                if let kept = checked(object[key]!, path: "\(path).\(key)", depth: depth + 1, warnings: &warnings) {
                    out[key] = kept
                }
            }
            return out
        default:
            return value
        }
    }
}
