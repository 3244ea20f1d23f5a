import Foundation
import LinearAlgebra

/// A dense array read from a file, converted to Double, in C (row-major) order.
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Double]

    public init(shape: [Int], values: [Double]) {
        self.shape = shape
        self.values = values
    }

    /// The tensor as a matrix: 2-D as it is, 1-D as one row; nil for other ranks.
    public var matrix: Matrix? {
        switch shape.count {
        case 2: return Matrix(rows: shape[0], cols: shape[1], storage: values)
        case 1: return Matrix(rows: 1, cols: shape[0], storage: values)
        default: return nil
        }
    }

    /// "3×4" (or "scalar").
    public var shapeDescription: String { shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×") }
}

/// Element types of the binary formats, with their little-endian decoders.
enum ElementType: Sendable, Equatable {
    case float64, float32, float16, bfloat16
    case int64, int32, int16, int8, uint8, uint16, uint32, uint64, bool

    var size: Int {
        switch self {
        case .float64, .int64, .uint64: return 8
        case .float32, .int32, .uint32: return 4
        case .float16, .bfloat16, .int16, .uint16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    /// Decodes `count` values from `bytes` starting at `offset`; `bigEndian` swaps every element.
    func decode(_ bytes: UnsafeRawBufferPointer, offset: Int, count: Int, bigEndian: Bool = false) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        func load<T: FixedWidthInteger>(_: T.Type, _ i: Int) -> T {
            let raw = bytes.loadUnaligned(fromByteOffset: offset + i * MemoryLayout<T>.size, as: T.self)
            return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
        }
        for i in 0..<count {
            switch self {
            case .float64: out[i] = Double(bitPattern: load(UInt64.self, i))
            case .float32: out[i] = Double(Float(bitPattern: load(UInt32.self, i)))
            case .float16: out[i] = halfToDouble(load(UInt16.self, i))
            case .bfloat16: out[i] = Double(Float(bitPattern: UInt32(load(UInt16.self, i)) << 16))
            case .int64: out[i] = Double(Int64(bitPattern: load(UInt64.self, i)))
            case .int32: out[i] = Double(Int32(bitPattern: load(UInt32.self, i)))
            case .int16: out[i] = Double(Int16(bitPattern: load(UInt16.self, i)))
            case .int8: out[i] = Double(Int8(bitPattern: bytes[offset + i]))
            case .uint8, .bool: out[i] = Double(bytes[offset + i])
            case .uint16: out[i] = Double(load(UInt16.self, i))
            case .uint32: out[i] = Double(load(UInt32.self, i))
            case .uint64: out[i] = Double(load(UInt64.self, i))
            }
        }
        return out
    }
}

/// IEEE binary16 → Double (exact: every half is a double).
func halfToDouble(_ bits: UInt16) -> Double {
    let sign: Double = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Double(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 0x1F: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}

/// Product of the dimensions, nil on overflow or a negative dimension.
func elementCount(_ shape: [Int]) -> Int? {
    var total = 1
    for d in shape {
        guard d >= 0 else { return nil }
        let (product, overflow) = total.multipliedReportingOverflow(by: d)
        if overflow { return nil }
        total = product
    }
    return total
}
