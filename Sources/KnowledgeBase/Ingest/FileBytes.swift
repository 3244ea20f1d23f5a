// Reads a whole input file straight into the byte array the parsers take. Going through Foundation's
// `Data` first and copying it into `[UInt8]` held the file twice (issue 10: ingest memory ≤ 3× the input).
#if canImport(Glibc)
import Glibc
#endif

enum FileBytes {
    /// The bytes of the file at `path`, or nil when it cannot be opened or read (or is a directory).
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        // The size fstat reports is read in place; anything beyond it (a file still growing, or one that
        // reports no size) is read in chunks and appended.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                readSome(descriptor, into: buffer.baseAddress! + filled, count: buffer.count - filled)
            }
            guard let count else { return nil }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readSome(descriptor, into: $0.baseAddress!, count: $0.count) }
            guard let count else { return nil }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// One read(2), retried when a signal interrupts it; nil on an error.
    private static func readSome(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Int? {
        while true {
            let result = Glibc.read(descriptor, buffer, count)
            if result >= 0 { return result }
            if errno != EINTR { return nil }
        }
    }
}
