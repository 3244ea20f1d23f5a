/// Arithmetic modulo a prime on residues in [0, p).
protocol PrimeField {
    var modulus: UInt64 { get }
    /// (acc + a·b) mod p for residues acc, a, b.
    func multiplyAdd(_ acc: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64
}

extension PrimeField {
    func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 { multiplyAdd(0, a, b) }

    func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
        var result: UInt64 = 1 % modulus, b = base % modulus, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, b) }
            b = multiply(b, b)
            e >>= 1
        }
        return result
    }

    /// a⁻¹ by Fermat's little theorem (a ≠ 0).
    func inverse(_ a: UInt64) -> UInt64 { power(a, modulus - 2) }
}

/// p = 2⁶¹ − 1: the 122-bit product (multipliedFullWidth) reduces with shifts.
struct Mersenne61: PrimeField {
    let modulus: UInt64 = (1 << 61) - 1

    @inline(__always)
    func multiplyAdd(_ acc: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        var x = (low & modulus) &+ ((low >> 61) | (high << 3)) &+ acc  // < 3·2^61
        x = (x & modulus) &+ (x >> 61)
        return x >= modulus ? x &- modulus : x
    }
}

/// Any prime below 2⁶³: full-width product, then dividingFullWidth for the remainder.
struct GenericPrimeField: PrimeField {
    let modulus: UInt64

    func multiplyAdd(_ acc: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        var (high, low) = a.multipliedFullWidth(by: b)
        let (sum, carry) = low.addingReportingOverflow(acc)
        low = sum
        if carry { high += 1 }
        return modulus.dividingFullWidth((high, low)).remainder  // high < p since a·b + acc < p·2^64
    }
}

/// Rows reduced against the basis in blocks, so each basis row is streamed from memory once per block.
private let blockRows = 16

/// Rank of a residue matrix by left-looking elimination: every row is reduced by the echelon basis found so
/// far (each basis row is zero before its pivot and at earlier pivots), and becomes a basis row if non-zero.
func eliminationRank<F: PrimeField>(_ residues: [UInt64], rows: Int, cols: Int, field: F) -> Int {
    let p = field.modulus
    var basis: [UInt64] = []  // basis rows, each `cols` long, already scaled to pivot 1
    var pivots: [Int] = []
    let maxRank = min(rows, cols)
    basis.reserveCapacity(maxRank * cols)
    var block = [UInt64](repeating: 0, count: blockRows * cols)
    var start = 0
    while start < rows && pivots.count < maxRank {
        let count = min(blockRows, rows - start)
        block.withUnsafeMutableBufferPointer { dst in
            residues.withUnsafeBufferPointer { src in
                for k in 0..<(count * cols) { dst[k] = src[start * cols + k] }
            }
        }
        block.withUnsafeMutableBufferPointer { b in
            basis.withUnsafeBufferPointer { basisRows in
                for (t, pivot) in pivots.enumerated() {
                    let row = basisRows.baseAddress! + t * cols
                    for r in 0..<count {
                        let target = b.baseAddress! + r * cols
                        let factor = target[pivot]
                        if factor == 0 { continue }
                        let negated = p - factor
                        for j in pivot..<cols { target[j] = field.multiplyAdd(target[j], negated, row[j]) }
                    }
                }
            }
        }
        // Within the block: each non-zero row becomes a basis row and is eliminated from the rows after it.
        for r in 0..<count {
            let base = r * cols
            guard let pivot = (0..<cols).first(where: { block[base + $0] != 0 }) else { continue }
            let scale = field.inverse(block[base + pivot])
            var newRow = [UInt64](repeating: 0, count: cols)
            for j in pivot..<cols { newRow[j] = field.multiply(block[base + j], scale) }
            block.withUnsafeMutableBufferPointer { b in
                for later in (r + 1)..<max(r + 1, count) {
                    let target = b.baseAddress! + later * cols
                    let factor = target[pivot]
                    if factor == 0 { continue }
                    let negated = p - factor
                    for j in pivot..<cols { target[j] = field.multiplyAdd(target[j], negated, newRow[j]) }
                }
            }
            basis += newRow
            pivots.append(pivot)
        }
        start += count
    }
    return pivots.count
}
