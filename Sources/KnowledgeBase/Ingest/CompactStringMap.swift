// A String → Int64 map for the ingest's dedup index that keeps its keys as UTF-8 bytes in one shared
// buffer instead of one heap-allocated String per entry (issue 10: ingest memory ≤ 3× the input).
// A `[String: Int64]` costs ~100 bytes per entry beyond the text; this costs ~40.
// Lookups are exact: the table is bucketed by the key's Swift hash (consistent with String `==`, which
// compares canonical equivalents equal), and a bucket hit is confirmed against the stored key.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct CompactStringMap {
    /// Every key ever stored, back to back; entry `i` is `text[starts[i] ..< starts[i + 1]]`.
    private var text: [UInt8] = []
    private var starts: [UInt32] = [0]
    /// The value of each entry, `absent` once removed (the entry stays and is reused if the key returns).
    private var values: [Int64] = []
    /// The next entry with the same hash, or -1.
    private var nextInBucket: [Int32] = []
    /// First entry per hash.
    private var buckets: [Int: Int32] = [:]

    private static let absent = Int64.min

    subscript(key: String) -> Int64? {
        get {
            guard let entry = find(key) else { return nil }
            let value = values[entry]
            return value == Self.absent ? nil : value
        }
        set {
            let value = newValue ?? Self.absent
            if let entry = find(key) {
                values[entry] = value
            } else if newValue != nil {
                add(key, value: value)
            }
        }
    }

    private func find(_ key: String) -> Int? {
        guard var entry = buckets[key.hashValue].map(Int.init) else { return nil }
        while entry >= 0 {
            if matches(entry, key) { return entry }
            entry = Int(nextInBucket[entry])
        }
        return nil
    }

    /// Whether entry `entry` holds `key`: byte-equal, or (rarely, on a shared hash) equal as Strings.
    private func matches(_ entry: Int, _ key: String) -> Bool {
        let range = Int(starts[entry]) ..< Int(starts[entry + 1])
        var key = key
        let sameBytes = key.withUTF8 { utf8 in
            utf8.count == range.count && text.withUnsafeBufferPointer { stored in
                utf8.isEmpty || memcmp(stored.baseAddress! + range.lowerBound, utf8.baseAddress!, utf8.count) == 0
            }
        }
        return sameBytes || String(decoding: text[range], as: UTF8.self) == key
    }

    private mutating func add(_ key: String, value: Int64) {
        let entry = values.count
        text.append(contentsOf: key.utf8)
        precondition(text.count <= Int(UInt32.max), "ingest dedup index beyond 4 GiB of keys")
        starts.append(UInt32(text.count))
        values.append(value)
        let hash = key.hashValue
        nextInBucket.append(buckets[hash] ?? -1)
        buckets[hash] = Int32(entry)
    }
}
