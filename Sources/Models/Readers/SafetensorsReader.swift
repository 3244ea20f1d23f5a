import Foundation
import Networks

/// Reads the safetensors format as its specification describes it: an unsigned 64-bit little-endian header
/// length N, N bytes of UTF-8 JSON (`name → {dtype, shape, data_offsets: [begin, end]}` plus an optional
/// `__metadata__` string map), then the raw little-endian data, whose offsets count from the end of the
/// header. We parse it ourselves: the format is small, and its validation rules (header cap, offsets inside
/// the buffer, no overlaps or holes, sizes matching dtype × shape) are exactly what we must report on.
public enum SafetensorsReader {
    /// The specification's cap on the header size.
    public static let maximumHeaderSize = 100_000_000

    public static func read(_ data: Data) throws -> LoadedModel {
        let (tensors, metadata) = try tensors(data)
        let layers = try LayerNaming.layers(from: tensors)
        var activation: Activation?
        if var name = metadata["activation"] {
            if let alpha = metadata["alpha"], !name.contains(":") { name += ":\(alpha)" }
            guard let parsed = Activation(name: name) else {
                throw ModelError("__metadata__.activation: unknown activation \"\(name)\"; valid: "
                    + Activation.canonicalNames.joined(separator: ", "))
            }
            activation = parsed
        }
        return LoadedModel(layers: layers, activation: activation, format: .safetensors)
    }

    /// Every tensor in file order of its data, and the metadata map.
    public static func tensors(_ data: Data) throws -> ([(name: String, tensor: Tensor)], [String: String]) {
        guard data.count >= 8 else {
            throw ModelError("truncated: \(data.count) bytes, but the 8-byte header length alone needs 8 (byte offset 0)")
        }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
        guard headerLength <= UInt64(maximumHeaderSize) else {
            throw ModelError("the header length \(headerLength) at byte offset 0 exceeds the 100 MB cap of the format")
        }
        let n = Int(headerLength)
        guard 8 + n <= data.count else {
            throw ModelError("truncated: the header claims \(n) bytes (byte offsets 8…\(8 + n)) but the file has \(data.count) bytes")
        }
        let headerBytes = data.subdata(in: (data.startIndex + 8)..<(data.startIndex + 8 + n))
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw ModelError("the header at byte offset 8 does not start with '{'")
        }
        guard let header = (try? JSONSerialization.jsonObject(with: headerBytes)) as? [String: Any] else {
            throw ModelError("the JSON header (byte offsets 8…\(8 + n)) is malformed")
        }
        let bufferStart = 8 + n
        let bufferSize = data.count - bufferStart
        var metadata: [String: String] = [:]
        var entries: [(name: String, shape: [Int], type: ElementType, begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else { throw ModelError("__metadata__ is not an object") }
                for (key, item) in map {
                    guard let text = item as? String else { throw ModelError("__metadata__.\(key) is not a string") }
                    metadata[key] = text
                }
                continue
            }
            guard let info = value as? [String: Any] else { throw ModelError("header field \"\(name)\" is not an object") }
            guard let dtypeName = info["dtype"] as? String else { throw ModelError("\(name).dtype is missing") }
            guard let type = elementType(dtypeName) else {
                throw ModelError("\(name).dtype \"\(dtypeName)\" is not supported (F64, F32, F16, BF16 and integer types are)")
            }
            guard let shapeValues = info["shape"] as? [Any], let shape = integers(shapeValues), shape.allSatisfy({ $0 >= 0 }) else {
                throw ModelError("\(name).shape is missing or not a list of non-negative integers")
            }
            guard let offsetValues = info["data_offsets"] as? [Any], let offsets = integers(offsetValues), offsets.count == 2 else {
                throw ModelError("\(name).data_offsets is missing or not two integers")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end else {
                throw ModelError("\(name).data_offsets [\(begin), \(end)] is not an increasing pair")
            }
            guard end <= bufferSize else {
                throw ModelError("truncated: \(name).data_offsets end \(end) (byte offset \(bufferStart + end)) is past the end of the file (\(data.count) bytes)")
            }
            guard let count = elementCount(shape), count.multipliedReportingOverflow(by: type.size).partialValue == end - begin,
                  !count.multipliedReportingOverflow(by: type.size).overflow else {
                throw ModelError("\(name): shape \(shape) of \(dtypeName) needs \(elementCount(shape).map { String($0 * type.size) } ?? "too many") bytes but data_offsets [\(begin), \(end)] give \(end - begin)")
            }
            entries.append((name, shape, type, begin, end))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for entry in entries {
            if entry.begin < covered {
                throw ModelError("tensor \"\(entry.name)\" (data_offsets [\(entry.begin), \(entry.end)]) overlaps the previous tensor")
            }
            if entry.begin > covered {
                throw ModelError("the data buffer has a hole at byte offsets \(bufferStart + covered)…\(bufferStart + entry.begin) not covered by any tensor")
            }
            covered = entry.end
        }
        if covered != bufferSize {
            throw ModelError("the data buffer has \(bufferSize - covered) trailing bytes after the last tensor (byte offset \(bufferStart + covered))")
        }
        let tensors = data.withUnsafeBytes { raw in
            entries.map { entry in
                (name: entry.name, tensor: Tensor(shape: entry.shape, values: entry.type.decode(
                    raw, offset: bufferStart + entry.begin, count: (entry.end - entry.begin) / entry.type.size)))
            }
        }
        return (tensors, metadata)
    }

    static func elementType(_ name: String) -> ElementType? {
        switch name {
        case "F64": return .float64
        case "F32": return .float32
        case "F16": return .float16
        case "BF16": return .bfloat16
        case "I64": return .int64
        case "I32": return .int32
        case "I16": return .int16
        case "I8": return .int8
        case "U8": return .uint8
        case "U16": return .uint16
        case "U32": return .uint32
        case "U64": return .uint64
        case "BOOL": return .bool
        default: return nil
        }
    }

    /// JSON numbers that are exact integers (NSNumber), nil otherwise.
    static func integers(_ values: [Any]) -> [Int]? {
        var out: [Int] = []
        for value in values {
            guard let n = value as? NSNumber, !(value is String) else { return nil }
            let d = n.doubleValue
            guard d == d.rounded(), abs(d) < 0x1p62 else { return nil }
            out.append(n.intValue)
        }
        return out
    }
}
