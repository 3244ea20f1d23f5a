import Foundation

/// Reads one NumPy `.npy` array (format versions 1.0, 2.0 and 3.0): the magic `\x93NUMPY`, a version,
/// a little-endian header length, a Python dict literal with `descr`, `fortran_order` and `shape`, then the
/// raw data. Floating and integer dtypes of either byte order; C or Fortran order.
public enum NPYReader {
    public static func read(_ data: Data, name: String = "array") throws -> Tensor {
        let bytes = [UInt8](data)
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw ModelError("\(name): not a .npy array (the magic \\x93NUMPY is missing at byte offset 0)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw ModelError("\(name): truncated .npy header (byte offset 8)") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw ModelError("\(name): .npy format version \(major).\(bytes[7]) at byte offset 6 is not supported (1.0, 2.0, 3.0 are)")
        }
        guard headerStart + headerLength <= bytes.count else {
            throw ModelError("\(name): truncated: the .npy header claims \(headerLength) bytes from byte offset \(headerStart) but the array has \(bytes.count) bytes")
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let (type, bigEndian, fortran, shape) = try parseHeader(header, name: name)
        guard let count = elementCount(shape) else { throw ModelError("\(name): shape \(shape) is too large") }
        let dataStart = headerStart + headerLength
        let needed = count.multipliedReportingOverflow(by: type.size)
        // Compared as "needed ≤ what remains" so that no sum can overflow (a fuzzed header trapped here).
        guard !needed.overflow, needed.partialValue <= bytes.count - dataStart else {
            let size = needed.overflow ? "more than \(Int.max)" : "\(needed.partialValue)"
            throw ModelError("truncated: \(name) has shape \(shape) of \(type.size)-byte elements, needing \(size) bytes from byte offset \(dataStart), but only \(bytes.count - dataStart) remain")
        }
        var values = bytes.withUnsafeBytes { type.decode($0, offset: dataStart, count: count, bigEndian: bigEndian) }
        if fortran && shape.count > 1 { values = fortranToC(values, shape: shape) }
        return Tensor(shape: shape, values: values)
    }

    /// (element type, big-endian, fortran_order, shape) from the dict literal.
    static func parseHeader(_ header: String, name: String) throws -> (ElementType, Bool, Bool, [Int]) {
        func capture(_ pattern: String) -> String? {
            guard let range = header.range(of: pattern, options: .regularExpression) else { return nil }
            let match = String(header[range])
            guard let colon = match.firstIndex(of: ":") else { return nil }
            return match[match.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let descrValue = capture(#"['"]descr['"]\s*:\s*['"][^'"]*['"]"#) else {
            throw ModelError("\(name): the .npy header has no simple 'descr' (structured dtypes are not supported): \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let descr = descrValue.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        guard let fortranValue = capture(#"['"]fortran_order['"]\s*:\s*(True|False)"#) else {
            throw ModelError("\(name): the .npy header has no 'fortran_order'")
        }
        guard let shapeValue = capture(#"['"]shape['"]\s*:\s*\([^)]*\)"#) else {
            throw ModelError("\(name): the .npy header has no 'shape' tuple")
        }
        let inner = shapeValue.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
        let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = parts.compactMap { Int($0) }
        guard shape.count == parts.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw ModelError("\(name): the .npy shape \(shapeValue) is not a tuple of non-negative integers")
        }
        guard let order = descr.first, "<>|=".contains(order), let type = elementType(String(descr.dropFirst())) else {
            throw ModelError("\(name): dtype '\(descr)' is not supported (floating and integer dtypes such as <f8, <f4, >f8, <f2, <i8 are)")
        }
        return (type, order == ">", fortranValue == "True", shape)
    }

    static func elementType(_ code: String) -> ElementType? {
        switch code {
        case "f8": return .float64
        case "f4": return .float32
        case "f2": return .float16
        case "i8": return .int64
        case "i4": return .int32
        case "i2": return .int16
        case "i1": return .int8
        case "u1": return .uint8
        case "u2": return .uint16
        case "u4": return .uint32
        case "u8": return .uint64
        case "b1": return .bool
        default: return nil
        }
    }

    /// Column-major values of `shape` rearranged into row-major order.
    static func fortranToC(_ values: [Double], shape: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var fortranStrides = [Int](repeating: 1, count: shape.count)
        for k in 1..<shape.count { fortranStrides[k] = fortranStrides[k - 1] * shape[k - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        for c in 0..<values.count {
            out[c] = values[zip(index, fortranStrides).reduce(0) { $0 + $1.0 * $1.1 }]
            for k in stride(from: shape.count - 1, through: 0, by: -1) {
                index[k] += 1
                if index[k] < shape[k] { break }
                index[k] = 0
            }
        }
        return out
    }
}
