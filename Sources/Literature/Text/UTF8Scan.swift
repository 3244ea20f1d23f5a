// Byte scans over a string's UTF-8 storage. `String.UTF8View`'s iterator costs 20–60 instructions a byte
// in these loops (measured with callgrind on page dumps); a native string's bytes are contiguous, and a
// loop over the buffer is a few instructions a byte. Page dumps run dozens of such scans per line.

import Foundation

enum UTF8Scan {
    /// Calls `body` with the UTF-8 bytes of `text`: its own storage when it has one (every native string,
    /// small ones included), else a contiguous copy.
    @inline(__always)
    static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// True when some byte of `text` satisfies `predicate`.
    @inline(__always)
    static func contains(_ text: String, where predicate: (UInt8) -> Bool) -> Bool {
        withBytes(text) { bytes in bytes.contains(where: predicate) }
    }

    /// True when `text` has the byte `byte`.
    static func contains(_ text: String, byte: UInt8) -> Bool {
        withBytes(text) { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// True when `needle`'s bytes occur in `text`'s bytes (an empty needle occurs everywhere).
    static func contains(_ text: String, bytesOf needle: String) -> Bool {
        withBytes(text) { haystack in
            withBytes(needle) { pattern in
                guard !pattern.isEmpty else { return true }
                guard let base = haystack.baseAddress, haystack.count >= pattern.count,
                      let patternBase = pattern.baseAddress else { return false }
                // memchr finds each candidate for the pattern's first byte that is not a space (spaces are
                // everywhere in text, and patterns such as " > " start with one); memcmp checks the whole
                // pattern there. memmem is not exported by the Glibc module.
                let anchor = pattern.firstIndex { $0 != 0x20 } ?? 0
                let anchorByte = Int32(pattern[anchor])
                var start = anchor
                let last = haystack.count - pattern.count + anchor   // last place the anchor can be
                while start <= last, let found = memchr(base + start, anchorByte, last - start + 1) {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - anchor
                    if memcmp(base + offset, patternBase, pattern.count) == 0 { return true }
                    start = offset + anchor + 1
                }
                return false
            }
        }
    }
}
