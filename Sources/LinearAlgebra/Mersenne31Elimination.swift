/// Elimination modulo p = 2³¹ − 1 with lazy reduction, the fast path of `rankModulo`.
///
/// Basis rows are stored as UInt32 residues; the rows being reduced are UInt64 accumulators. A product of two
/// residues is below 2⁶², and one fold x ↦ (x & p) + (x >> 31) brings an accumulator below 2³⁴, so three
/// updates fit in 64 bits between folds. The inner loop is then a plain 32×32→64 multiply-add that the
/// compiler vectorizes.
func eliminationRankMersenne31(_ residues: [UInt64], rows: Int, cols: Int) -> Int {
    let field = Mersenne31()
    let p = field.modulus
    let maxRank = min(rows, cols)
    let blockRows = 16, updatesBetweenFolds = 3
    var basis = [UInt32]()
    basis.reserveCapacity(maxRank * cols)
    var pivots: [Int] = []
    var block = [UInt64](repeating: 0, count: blockRows * cols)
    var pending = [Int](repeating: 0, count: blockRows)

    @inline(__always) func canonical(_ x: UInt64) -> UInt64 {
        var y = (x & p) &+ (x >> 31)
        y = (y & p) &+ (y >> 31)
        return y >= p ? y &- p : y
    }

    var start = 0
    while start < rows && pivots.count < maxRank {
        let count = min(blockRows, rows - start)
        for k in 0..<(count * cols) { block[k] = residues[start * cols + k] }
        for r in 0..<count { pending[r] = 0 }
        block.withUnsafeMutableBufferPointer { b in
            basis.withUnsafeBufferPointer { basisRows in
                guard let blockBase = b.baseAddress, let basisBase = basisRows.baseAddress else { return }
                for (t, pivot) in pivots.enumerated() {
                    let row = basisBase + t * cols
                    for r in 0..<count {
                        let target = blockBase + r * cols
                        let factor = canonical(target[pivot])
                        if factor == 0 { continue }
                        if pending[r] == updatesBetweenFolds {
                            for j in 0..<cols { target[j] = (target[j] & p) &+ (target[j] >> 31) }
                            pending[r] = 0
                        }
                        let negated = UInt32(truncatingIfNeeded: p - factor)
                        for j in pivot..<cols { target[j] &+= UInt64(negated) &* UInt64(row[j]) }
                        pending[r] += 1
                    }
                }
            }
        }
        for k in 0..<(count * cols) { block[k] = canonical(block[k]) }
        // Within the block: each non-zero row becomes a basis row (scaled to pivot 1) and is eliminated
        // from the later rows of the block.
        for r in 0..<count {
            let base = r * cols
            guard let pivot = (0..<cols).first(where: { block[base + $0] != 0 }) else { continue }
            let scale = field.inverse(block[base + pivot])
            var newRow = [UInt32](repeating: 0, count: cols)
            for j in pivot..<cols { newRow[j] = UInt32(truncatingIfNeeded: field.multiply(block[base + j], scale)) }
            for later in (r + 1)..<max(r + 1, count) {
                let laterBase = later * cols
                let factor = block[laterBase + pivot]
                if factor == 0 { continue }
                let negated = p - factor
                for j in pivot..<cols {
                    block[laterBase + j] = field.multiplyAdd(block[laterBase + j], negated, UInt64(newRow[j]))
                }
            }
            basis += newRow
            pivots.append(pivot)
        }
        start += count
    }
    return pivots.count
}
