// Exact non-negative integers in decimal, for group orders such as 30!·30! that overflow 64 bits.

import Foundation

struct Decimal: CustomStringConvertible {
    /// Base-10⁹ limbs, least significant first.
    private var limbs: [UInt64] = [1]
    private static let base: UInt64 = 1_000_000_000

    static let one = Decimal()

    mutating func multiply(by factor: Int) {
        guard factor >= 0 else { return }
        var carry: UInt64 = 0
        for i in limbs.indices {
            let product = limbs[i] * UInt64(factor) + carry
            limbs[i] = product % Self.base
            carry = product / Self.base
        }
        while carry > 0 {
            limbs.append(carry % Self.base)
            carry /= Self.base
        }
        if factor == 0 { limbs = [0] }
    }

    mutating func multiply(byFactorial n: Int) {
        if n >= 2 { for k in 2...n { multiply(by: k) } }
    }

    var description: String {
        guard let last = limbs.last else { return "0" }
        var text = String(last)
        for limb in limbs.dropLast().reversed() {
            let digits = String(limb)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }
}
