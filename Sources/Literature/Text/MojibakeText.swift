// Repairs text that was UTF-8 but was decoded upstream with a single-byte code page: Windows-1252 or
// Latin-1 ("Ã©" → "é", "â€™" → "’"), or the DOS code pages 437, 850 and 852 ("Fran├ºois",
// "Fran├žois" → "François"). A run is rewritten only when every one of its characters maps back to a
// byte of one code page and the bytes form one complete UTF-8 character, so ordinary accented text is
// left alone. The code-page tables come from ICU.

/// One repaired run inside a text.
public struct MojibakeRepairNote: Sendable, Hashable {
    /// 1-based line and column (in Unicode scalars) of the run in the original text.
    public var line: Int
    public var column: Int
    public var original: String
    public var repaired: String
    /// The code page the text had been read with ("windows-1252", "ibm-437", ...).
    public var codePage: String
}

public enum MojibakeText {
    /// `text` with every double-decoded run repaired, and one note per run. Works line by line and copies
    /// nothing unless a line needs a repair, so a large clean file costs one scan.
    public static func repair(_ text: String) -> (text: String, notes: [MojibakeRepairNote]) {
        guard text.utf8.contains(where: { $0 >= 0xC2 }) else { return (text, []) }
        var notes: [MojibakeRepairNote] = []
        var repairedLines: [(range: Range<String.Index>, text: String)] = []
        var lineNumber = 0
        var lineStart = text.startIndex
        let utf8 = text.utf8
        while lineStart < text.endIndex {
            lineNumber += 1
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            if line.utf8.contains(where: { $0 >= 0xC2 }), line.unicodeScalars.contains(where: { leadScalars.contains($0.value) }) {
                let (fixed, lineNotes) = repairLine(line, number: lineNumber)
                if !lineNotes.isEmpty {
                    repairedLines.append((lineStart..<lineEnd, fixed))
                    notes += lineNotes
                }
            }
            lineStart = lineEnd == text.endIndex ? lineEnd : utf8.index(after: lineEnd)
        }
        guard !repairedLines.isEmpty else { return (text, []) }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var copied = text.startIndex
        for (range, fixed) in repairedLines {
            output += text[copied..<range.lowerBound]
            output += fixed
            copied = range.upperBound
        }
        output += text[copied...]
        return (output, notes)
    }

    private static func repairLine(_ line: Substring, number: Int) -> (String, [MojibakeRepairNote]) {
        let scalars = Array(line.unicodeScalars)
        var output = String.UnicodeScalarView()
        var notes: [MojibakeRepairNote] = []
        var index = 0
        while index < scalars.count {
            if leadScalars.contains(scalars[index].value), let (decoded, length, page) = decodeRun(scalars, at: index) {
                let original = String(String.UnicodeScalarView(scalars[index..<index + length]))
                if let last = notes.last, last.codePage == page, last.column + last.original.unicodeScalars.count == index + 1 {
                    notes[notes.count - 1].original += original
                    notes[notes.count - 1].repaired += String(decoded)
                } else {
                    notes.append(MojibakeRepairNote(line: number, column: index + 1, original: original,
                                                    repaired: String(decoded), codePage: page))
                }
                output.append(decoded)
                index += length
                continue
            }
            output.append(scalars[index])
            index += 1
        }
        return (String(output), notes)
    }

    /// A short human-readable line for a note ("repaired mojibake 'Ã©' → 'é' (UTF-8 read as windows-1252)").
    public static func describe(_ note: MojibakeRepairNote) -> String {
        "repaired mojibake '\(note.original)' → '\(note.repaired)' (UTF-8 read as \(note.codePage))"
    }

    /// The UTF-8 character spelled by the scalars at `start` when read back through one code page.
    private static func decodeRun(_ scalars: [Unicode.Scalar], at start: Int)
        -> (Unicode.Scalar, Int, String)? {
        for page in codePages {
            guard let lead = page.byteFor[scalars[start].value], (0xC2...0xF4).contains(lead) else { continue }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard start + length <= scalars.count else { continue }
            var bytes: [UInt8] = [lead]
            for offset in 1..<length {
                guard let next = page.byteFor[scalars[start + offset].value], (0x80...0xBF).contains(next) else { break }
                bytes.append(next)
            }
            guard bytes.count == length else { continue }
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.value >= 0x80 {
                return (scalar, length, page.name)
            }
        }
        return nil
    }

    private struct CodePage: Sendable {
        var name: String
        /// Code point → byte, for bytes 0x80–0xFF.
        var byteFor: [UInt32: UInt8]
    }

    /// Windows-1252 first (with Latin-1's C1 controls for its five unassigned bytes), then the DOS pages.
    private static let codePages: [CodePage] = {
        var pages: [CodePage] = []
        for name in ["windows-1252", "ibm-437", "ibm-850", "ibm-852"] {
            guard let table = Charset.singleByteTable(name) else { continue }
            var byteFor: [UInt32: UInt8] = [:]
            for byte in 0x80...0xFF {
                let scalar = table[byte] == 0xFFFD && name == "windows-1252" ? UInt32(byte) : table[byte]
                if scalar != 0xFFFD { byteFor[scalar] = UInt8(byte) }
            }
            if name == "windows-1252" {
                // Latin-1 reading: C1 controls and the Latin-1 letters that Windows-1252 moved.
                for byte in 0x80...0x9F where byteFor[UInt32(byte)] == nil { byteFor[UInt32(byte)] = UInt8(byte) }
            }
            pages.append(CodePage(name: name, byteFor: byteFor))
        }
        return pages
    }()

    /// Every scalar that some code page maps to a UTF-8 lead byte (a quick filter).
    private static let leadScalars: Set<UInt32> = {
        var set = Set<UInt32>()
        for page in codePages {
            for (scalar, byte) in page.byteFor where (0xC2...0xF4).contains(byte) { set.insert(scalar) }
        }
        return set
    }()
}
