/// Maps UTF-8 byte offsets of a text to 1-based line and column; columns count Unicode scalars.
/// Line starts are 32-bit (files under 4 GiB; larger ones use 64-bit) and counted before they are stored,
/// so a 2-million-line file costs 8 MB here, not a doubled 64-bit array (issue 10: memory ≤ 3× the input).
struct LineIndex: Sendable {
    private let bytes: [UInt8]
    private let starts32: [UInt32]
    private let starts64: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        if bytes.count < Int(UInt32.max) {
            starts32 = Self.starts(of: bytes, count: lines) { UInt32(truncatingIfNeeded: $0) }
            starts64 = []
        } else {
            starts32 = []
            starts64 = Self.starts(of: bytes, count: lines) { $0 }
        }
    }

    private static func starts<T>(of bytes: [UInt8], count: Int, _ make: (Int) -> T) -> [T] {
        var starts: [T] = []
        starts.reserveCapacity(count)
        starts.append(make(0))
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(make(offset + 1)) }
        return starts
    }

    private var lineCount: Int { starts64.isEmpty ? starts32.count : starts64.count }

    private func lineStart(_ index: Int) -> Int { starts64.isEmpty ? Int(starts32[index]) : starts64[index] }

    /// The 1-based line holding `offset` (binary search over line starts).
    func line(of offset: Int) -> Int {
        var low = 0, high = lineCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStart(mid) <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The source location of a byte offset in `file`.
    func location(of offset: Int, file: String) -> SourceLocation {
        let line = line(of: offset)
        let start = lineStart(line - 1)
        var column = 1
        var index = start
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
