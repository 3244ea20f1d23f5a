// Repairs text that was UTF-8 but was decoded upstream with a single-byte code page: Windows-1252 or
// Latin-1 ("Ã©" → "é", "â€™" → "’"), or the DOS code pages 437, 850 and 852 ("Fran├ºois",
// "Fran├žois" → "François"). A run is rewritten only when every one of its characters maps back to a
// byte of one code page and the bytes form one complete UTF-8 character, so ordinary accented text is
// left alone. Windows-1252 comes from ICU, the DOS code pages from glibc's iconv (ICU's ibm-852 lacks
// 0xAA "¬" and its ibm-437 reads 0xE6 as Greek mu, where iconv and Python agree with the code pages as
// DOS shipped them). This is the one repairer of the code base: whole files (BibTeX, RIS, CSL-JSON, …),
// page-dump lines and HTML meta tags all go through it.

#if canImport(Glibc)
import Glibc
#endif

/// One repaired run inside a text.
public struct MojibakeRepairNote: Sendable, Hashable {
    /// 1-based line and column (in Unicode scalars) of the run in the original text.
    public var line: Int
    public var column: Int
    public var original: String
    public var repaired: String
    /// The code page the text had been read with ("Windows-1252", "CP437", "CP850", "CP852").
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
            if let (fixed, lineNotes) = repairLine(text[lineStart..<lineEnd], number: lineNumber) {
                repairedLines.append((lineStart..<lineEnd, fixed))
                notes += lineNotes
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

    /// `line` with its mojibake runs repaired and one note per run (columns count scalars from the line's
    /// start, `number` is the line), or nil when nothing in it needed a repair.
    static func repairLine<Line: StringProtocol>(_ line: Line, number: Int) -> (String, [MojibakeRepairNote])? {
        guard mayContainMojibake(line) else { return nil }
        let scalars = Array(line.unicodeScalars)
        var output: [UInt8] = []
        output.reserveCapacity(line.utf8.count)
        var notes: [MojibakeRepairNote] = []
        var lastRunEnd = -1   // scalar index just past the last repaired run: adjacent runs ("Ã©Ã¨") join
        var index = 0
        while index < scalars.count {
            if isLead(scalars[index].value), let (decoded, length, page) = decodeRun(scalars, at: index) {
                let original = String(String.UnicodeScalarView(scalars[index..<index + length]))
                if let last = notes.last, last.codePage == page, lastRunEnd == index {
                    notes[notes.count - 1].original += original
                    notes[notes.count - 1].repaired.unicodeScalars.append(decoded)
                } else {
                    notes.append(MojibakeRepairNote(line: number, column: index + 1, original: original,
                                                    repaired: String(decoded), codePage: page))
                }
                append(decoded, to: &output)
                index += length
                lastRunEnd = index
                continue
            }
            append(scalars[index], to: &output)
            index += 1
        }
        return notes.isEmpty ? nil : (String(decoding: output, as: UTF8.self), notes)
    }

    /// The cheap byte-level test run before any repair: a run needs a character some code page maps to a
    /// UTF-8 lead byte, directly followed by another non-ASCII character (every code page maps the
    /// continuation bytes 0x80–0xBF to non-ASCII characters). Pure-ASCII text and ordinary accented words
    /// ("résumé") fail it after one pass over their bytes.
    static func mayContainMojibake<Text: StringProtocol>(_ text: Text) -> Bool {
        var iterator = text.unicodeScalars.makeIterator()
        var previousIsLead = false
        // Fast skip over ASCII bytes first: most lines have none above 0x7F.
        guard text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: { $0 >= 0xC2 }) }) ?? text.utf8.contains(where: { $0 >= 0xC2 }) else { return false }
        while let scalar = iterator.next() {
            if scalar.value < 0x80 {
                previousIsLead = false
                continue
            }
            if previousIsLead { return true }
            previousIsLead = isLead(scalar.value)
        }
        return false
    }

    /// A short human-readable line for a note ("repaired mojibake 'Ã©' → 'é' (UTF-8 read as Windows-1252)").
    public static func describe(_ note: MojibakeRepairNote) -> String {
        "repaired mojibake '\(note.original)' → '\(note.repaired)' (UTF-8 read as \(note.codePage))"
    }

    /// The character Windows-1252 gives `byte` (Latin-1 for the five bytes it leaves undefined).
    static func windows1252Scalar(for byte: UInt8) -> Unicode.Scalar {
        windows1252Scalars[Int(byte)]
    }

    private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        if scalar.value < 0x80 {
            bytes.append(UInt8(scalar.value))
        } else {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
    }

    /// The UTF-8 character spelled by the scalars at `start` when read back through one code page.
    private static func decodeRun(_ scalars: [Unicode.Scalar], at start: Int)
        -> (Unicode.Scalar, Int, String)? {
        for page in codePages {
            guard let lead = page.byteFor[scalars[start].value], (0xC2...0xF4).contains(lead) else { continue }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard start + length <= scalars.count else { continue }
            // The bytes go through the UTF-8 decoder (it refuses overlong and surrogate forms); at most
            // four, kept in a fixed buffer rather than an array per run.
            var bytes: (UInt8, UInt8, UInt8, UInt8) = (lead, 0, 0, 0)
            var count = 1
            while count < length, let next = page.byteFor[scalars[start + count].value], (0x80...0xBF).contains(next) {
                withUnsafeMutableBytes(of: &bytes) { $0[count] = next }
                count += 1
            }
            guard count == length else { continue }
            let decoded = withUnsafeBytes(of: &bytes) { raw -> Unicode.Scalar? in
                var iterator = raw.prefix(length).makeIterator()
                var decoder = UTF8()
                if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
                return nil
            }
            if let scalar = decoded, scalar.value >= 0x80 { return (scalar, length, page.name) }
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
        if let table = Charset.singleByteTable("windows-1252") {
            var byteFor: [UInt32: UInt8] = [:]
            for byte in 0x80...0xFF {
                let scalar = table[byte] == 0xFFFD ? UInt32(byte) : table[byte]
                byteFor[scalar] = UInt8(byte)
            }
            // Latin-1 reading: C1 controls and the Latin-1 letters that Windows-1252 moved.
            for byte in 0x80...0x9F where byteFor[UInt32(byte)] == nil { byteFor[UInt32(byte)] = UInt8(byte) }
            pages.append(CodePage(name: "Windows-1252", byteFor: byteFor))
        }
        for name in ["CP437", "CP850", "CP852"] {
            if let table = iconvTable(name) { pages.append(CodePage(name: name, byteFor: table)) }
        }
        return pages
    }()

    /// Code point → byte for the high half of a DOS code page, from iconv; nil when iconv lacks it.
    private static func iconvTable(_ name: String) -> [UInt32: UInt8]? {
        let converter = iconv_open("UTF-32LE", name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var table: [UInt32: UInt8] = [:]
        for byte in 0x80...0xFF {
            var input: [CChar] = [CChar(bitPattern: UInt8(byte))]
            var output = [UInt8](repeating: 0, count: 8)
            var inputLeft = 1
            var outputLeft = output.count
            let status = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    var inPointer = inBuffer.baseAddress
                    var outPointer = outBuffer.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                    return iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft)
                }
            }
            guard status != -1, outputLeft == 4 else { continue }
            let scalar = UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16 | UInt32(output[3]) << 24
            table[scalar] = UInt8(byte)
        }
        return table.isEmpty ? nil : table
    }

    /// True for every scalar that some code page maps to a UTF-8 lead byte (a quick filter, asked for each
    /// non-ASCII scalar of a line: a flat table instead of a hashed set).
    private static func isLead(_ value: UInt32) -> Bool {
        Int(value) < leadScalars.count && leadScalars[Int(value)]
    }

    private static let leadScalars: [Bool] = {
        var leads: [UInt32] = []
        for page in codePages {
            for (scalar, byte) in page.byteFor where (0xC2...0xF4).contains(byte) { leads.append(scalar) }
        }
        var table = [Bool](repeating: false, count: Int(leads.max() ?? 0) + 1)
        for scalar in leads { table[Int(scalar)] = true }
        return table
    }()

    /// Windows-1252's character for each byte; Latin-1's where Windows-1252 has none.
    private static let windows1252Scalars: [Unicode.Scalar] = {
        let table = Charset.singleByteTable("windows-1252")
        return (0...255).map { byte in
            guard let value = table?[byte], value != 0xFFFD, let scalar = Unicode.Scalar(value) else {
                return Unicode.Scalar(UInt8(byte))
            }
            return scalar
        }
    }()
}
