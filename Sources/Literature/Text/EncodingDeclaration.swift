// Encodings that a file states about itself. All these declarations are ASCII, so they are found in the
// raw bytes before anything is decoded.

/// An encoding a file names for itself, and where.
public struct EncodingDeclaration: Sendable, Hashable {
    /// The name as written ("latin-9", "GBK", "windows-1252").
    public var name: String
    /// What kind of declaration it is ("Emacs coding line", "XML declaration", ...).
    public var kind: String
    /// Byte offset of the name.
    public var offset: Int

    /// The first declaration in `bytes`: an Emacs or Vim coding line in the first two lines, JabRef's
    /// `% Encoding:` header or `@comment{jabref-meta: encoding:…}`, an XML declaration, or an HTML
    /// `<meta charset>` / `http-equiv` tag in the first 4 KiB.
    public static func find(in bytes: [UInt8]) -> EncodingDeclaration? {
        let head = Array(bytes.prefix(4096))
        let text = String(decoding: head.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        let lower = text.lowercased()
        let firstLines = lower.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).prefix(2)
        var lineStart = 0
        for line in firstLines {
            let line = String(line)
            if line.contains("-*-"), let found = value(after: ["coding:", "coding ="], in: line) {
                return EncodingDeclaration(name: found.value, kind: "Emacs coding line", offset: lineStart + found.offset)
            }
            if line.contains("vim:") || line.contains("vi:") || line.contains("ex:"),
               let found = value(after: ["fileencoding=", "fenc="], in: line) {
                return EncodingDeclaration(name: found.value, kind: "Vim modeline", offset: lineStart + found.offset)
            }
            if line.hasPrefix("% encoding:"), let found = value(after: ["% encoding:"], in: line) {
                return EncodingDeclaration(name: found.value, kind: "JabRef encoding header", offset: lineStart + found.offset)
            }
            lineStart += line.utf8.count + 1
        }
        if lower.hasPrefix("<?xml"), let end = lower.range(of: "?>"),
           let found = value(after: ["encoding=\"", "encoding='"], in: String(lower[..<end.lowerBound])) {
            return EncodingDeclaration(name: found.value, kind: "XML declaration", offset: found.offset)
        }
        if let meta = htmlMetaCharset(lower) { return meta }
        if let found = jabRefMeta(bytes) { return found }
        return nil
    }

    /// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
    private static func htmlMetaCharset(_ lower: String) -> EncodingDeclaration? {
        var searchStart = lower.startIndex
        while let tag = lower.range(of: "<meta", range: searchStart..<lower.endIndex) {
            let tagEnd = lower[tag.upperBound...].firstIndex(of: ">") ?? lower.endIndex
            let body = String(lower[tag.upperBound..<tagEnd])
            if let found = value(after: ["charset=\"", "charset='", "charset="], in: body) {
                let offset = lower.utf8.distance(from: lower.startIndex, to: tag.upperBound) + found.offset
                return EncodingDeclaration(name: found.value, kind: "HTML meta charset", offset: offset)
            }
            searchStart = tagEnd
        }
        return nil
    }

    /// JabRef writes `@comment{jabref-meta: encoding:NAME}` near the end of the file it saves.
    private static func jabRefMeta(_ bytes: [UInt8]) -> EncodingDeclaration? {
        let marker = Array("jabref-meta: encoding:".utf8)
        guard bytes.count >= marker.count else { return nil }
        var index = 0
        while index <= bytes.count - marker.count {
            if bytes[index] == marker[0], bytes[index + 1] == marker[1], bytes[(index + 2)..<(index + marker.count)].elementsEqual(marker[2...]) {
                var end = index + marker.count
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self)
                if !name.isEmpty {
                    return EncodingDeclaration(name: name, kind: "JabRef encoding comment", offset: index + marker.count)
                }
            }
            index += 1
        }
        return nil
    }

    /// The charset name right after the first of `prefixes` in `text`, with its UTF-8 offset.
    private static func value(after prefixes: [String], in text: String) -> (value: String, offset: Int)? {
        for prefix in prefixes {
            guard let range = text.range(of: prefix) else { continue }
            let rest = text.utf8[range.upperBound...]
            let leading = rest.prefix { $0 == 0x20 || $0 == 0x09 }.count
            let name = rest.dropFirst(leading).prefix { isNameByte($0) }
            guard !name.isEmpty else { continue }
            let offset = text.utf8.distance(from: text.startIndex, to: range.upperBound) + leading
            return (String(decoding: name, as: UTF8.self), offset)
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
