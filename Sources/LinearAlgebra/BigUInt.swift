/// A small arbitrary-precision unsigned integer, enough for exact group orders such as ∏ 2^{n_l} n_l!.
///
/// Stored as little-endian base-2^32 limbs with no trailing zero limbs (zero is the empty array), so
/// equal values have equal storage and the synthesized `Hashable` is correct.
public struct BigUInt: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// Little-endian base-2^32 digits, most significant limb non-zero.
    public private(set) var limbs: [UInt32]

    /// 0.
    public static let zero = BigUInt(UInt(0))
    /// 1.
    public static let one = BigUInt(UInt(1))

    /// The value of a machine unsigned integer.
    public init(_ value: UInt) {
        var v = UInt64(value)
        var limbs: [UInt32] = []
        while v != 0 {
            limbs.append(UInt32(truncatingIfNeeded: v))
            v >>= 32
        }
        self.limbs = limbs
    }

    /// The value of a non-negative `Int`; nil when `value` is negative.
    public init?(exactly value: Int) {
        guard value >= 0 else { return nil }
        self.init(UInt(value))
    }

    /// The value of a non-negative `Int` (a negative value is a programming error).
    public init(_ value: Int) {
        precondition(value >= 0, "BigUInt cannot represent the negative value \(value)")
        self.init(UInt(value))
    }

    /// A literal such as `48`.
    public init(integerLiteral value: UInt) { self.init(value) }

    /// Parses a string of decimal digits (no sign, no separators); nil for anything else.
    public init?(decimal text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var value = BigUInt.zero
        for digit in text.utf8 {
            value.multiplyAdd(10, UInt32(digit - 48))
        }
        self = value
    }

    private init(normalizing limbs: [UInt32]) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
    }

    /// True for 0.
    public var isZero: Bool { limbs.isEmpty }

    /// The value as a `UInt` when it fits.
    public var exactUInt: UInt? {
        guard limbs.count <= 2 else { return nil }
        var v: UInt64 = 0
        for (i, limb) in limbs.enumerated() { v |= UInt64(limb) << (32 * UInt64(i)) }
        return UInt(exactly: v)
    }

    /// n! (n ≥ 0).
    public static func factorial(_ n: Int) -> BigUInt {
        precondition(n >= 0, "factorial of a negative number")
        var result = BigUInt.one
        if n >= 2 {
            for k in 2...n { result.multiplyAdd(UInt32(k), 0) }
        }
        return result
    }

    /// 2^k (k ≥ 0).
    public static func powerOfTwo(_ k: Int) -> BigUInt {
        precondition(k >= 0, "negative exponent")
        var limbs = [UInt32](repeating: 0, count: k / 32 + 1)
        limbs[k / 32] = 1 << UInt32(k % 32)
        return BigUInt(normalizing: limbs)
    }

    /// self = self · factor + addend, in place (the workhorse of parsing and factorials).
    private mutating func multiplyAdd(_ factor: UInt32, _ addend: UInt32) {
        var carry = UInt64(addend)
        for i in limbs.indices {
            let t = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: t)
            carry = t >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        while limbs.last == 0 { limbs.removeLast() }
    }

    /// Divides in place by a small divisor and returns the remainder.
    private mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let t = (remainder << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(t / UInt64(divisor))
            remainder = t % UInt64(divisor)
        }
        while limbs.last == 0 { limbs.removeLast() }
        return UInt32(remainder)
    }

    /// Sum.
    public static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        let count = max(lhs.limbs.count, rhs.limbs.count)
        var out = [UInt32](repeating: 0, count: count + 1)
        var carry: UInt64 = 0
        for i in 0..<count {
            let a = i < lhs.limbs.count ? UInt64(lhs.limbs[i]) : 0
            let b = i < rhs.limbs.count ? UInt64(rhs.limbs[i]) : 0
            let t = a + b + carry
            out[i] = UInt32(truncatingIfNeeded: t)
            carry = t >> 32
        }
        out[count] = UInt32(carry)
        return BigUInt(normalizing: out)
    }

    /// Schoolbook product; the sizes here (a few hundred limbs at most) do not need anything faster.
    public static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        if lhs.isZero || rhs.isZero { return .zero }
        var out = [UInt32](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, a) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in rhs.limbs.enumerated() {
                let t = UInt64(a) * UInt64(b) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            out[i + rhs.limbs.count] = UInt32(carry)
        }
        return BigUInt(normalizing: out)
    }

    /// In-place sum.
    public static func += (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs + rhs }
    /// In-place product.
    public static func *= (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs * rhs }

    /// Numeric order.
    public static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for i in lhs.limbs.indices.reversed() where lhs.limbs[i] != rhs.limbs[i] {
            return lhs.limbs[i] < rhs.limbs[i]
        }
        return false
    }

    /// The value in decimal, without separators.
    public var description: String {
        if isZero { return "0" }
        // Peel off base-10^9 chunks, least significant first.
        var rest = self
        var chunks: [UInt32] = []
        while !rest.isZero { chunks.append(rest.divide(by: 1_000_000_000)) }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }

    /// Encoded as a JSON string of decimal digits (numbers this large do not survive JSON doubles).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes a string of decimal digits; anything else is a `DecodingError`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = BigUInt(decimal: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a string of decimal digits, got \"\(text)\"")
        }
        self = value
    }
}
