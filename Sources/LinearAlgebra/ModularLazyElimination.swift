/// Elimination modulo a prime p < 2³¹ with lazy reduction, the fast path of `rankModulo`.
///
/// Basis rows are stored as UInt32 residues; the rows being reduced are UInt64 accumulators. A product of two
/// residues is below 2⁶², and a fold brings an accumulator below 2³⁵, so four updates fit in 64 bits between
/// folds. The inner loop is then a plain 32×32→64 multiply-add that the compiler vectorizes.
func lazyEliminationRank<R: LazyReducer>(_ residues: [UInt64], rows: Int, cols: Int, reducer: R) -> Int {
    let maxRank = min(rows, cols)
    let blockRows = 16
    var basis = [UInt32]()
    basis.reserveCapacity(maxRank * cols)
    var pivots: [Int] = []
    var block = [UInt64](repeating: 0, count: blockRows * cols)
    var start = 0
    while start < rows && pivots.count < maxRank {
        let count = min(blockRows, rows - start)
        for k in 0..<(count * cols) { block[k] = residues[start * cols + k] }
        let known = pivots.count
        block.withUnsafeMutableBufferPointer { b in
            reduce(b.baseAddress!, count: count, cols: cols, by: basis, pivots: pivots, from: 0, reducer: reducer)
        }
        // Within the block: each row is reduced by the basis rows the earlier rows of the block became, and
        // becomes one itself (scaled to pivot 1) if anything is left.
        for r in 0..<count {
            let base = r * cols
            block.withUnsafeMutableBufferPointer { b in
                reduce(b.baseAddress! + base, count: 1, cols: cols, by: basis, pivots: pivots, from: known, reducer: reducer)
            }
            for j in 0..<cols { block[base + j] = reducer.canonical(block[base + j]) }
            guard let pivot = (0..<cols).first(where: { block[base + $0] != 0 }) else { continue }
            let scale = reducer.inverse(block[base + pivot])
            var newRow = [UInt32](repeating: 0, count: cols)
            for j in pivot..<cols { newRow[j] = UInt32(truncatingIfNeeded: reducer.multiply(block[base + j], scale)) }
            basis += newRow
            pivots.append(pivot)
        }
        start += count
    }
    return pivots.count
}

/// Each target row −= its pivot entry · basis row t, for the basis rows t ≥ `from` in this order, without
/// reducing more often than the 64-bit accumulators need. Basis rows are the outer loop, so each is streamed
/// once for all targets. On entry and on return every entry of every target is below 2³⁵.
///
/// Between folds a target takes four updates: (p − 1)² < 2⁶² − 2³³ + 4, so 2³⁵ + 4·(p − 1)² < 2⁶⁴.
@inline(__always)
private func reduce<R: LazyReducer>(_ targets: UnsafeMutablePointer<UInt64>, count: Int, cols: Int, by basis: [UInt32],
                                    pivots: [Int], from: Int, reducer: R) {
    let updatesBetweenFolds = 4
    let p = reducer.modulus
    // A fold only needs the columns updated since the last one (from the smallest pivot among those updates:
    // the others are still below 2³⁵), and of those only the ones this or a later update touches (from the
    // smallest pivot of rows t, t+1, …: the others get no more products here and are folded on return).
    var laterPivotMinimum = [Int](repeating: cols, count: max(0, pivots.count - from))
    var smallest = cols
    for t in stride(from: pivots.count - 1, through: from, by: -1) {
        smallest = min(smallest, pivots[t])
        laterPivotMinimum[t - from] = smallest
    }
    var pending = [Int](repeating: 0, count: count)
    var updatedFrom = [Int](repeating: cols, count: count)
    basis.withUnsafeBufferPointer { basisRows in
        guard let basisBase = basisRows.baseAddress else { return }
        for t in from..<pivots.count {
            let pivot = pivots[t]
            let row = basisBase + t * cols
            for r in 0..<count {
                let target = targets + r * cols
                if target[pivot] == 0 { continue }
                if pending[r] == updatesBetweenFolds {
                    for j in max(updatedFrom[r], laterPivotMinimum[t - from])..<cols { target[j] = reducer.fold(target[j]) }
                    pending[r] = 0
                    updatedFrom[r] = cols
                }
                let factor = reducer.canonical(target[pivot])
                if factor == 0 { continue }
                let negated = UInt64(UInt32(truncatingIfNeeded: p - factor))
                for j in pivot..<cols { target[j] &+= negated &* UInt64(row[j]) }
                pending[r] += 1
                updatedFrom[r] = min(updatedFrom[r], pivot)
            }
        }
    }
    for r in 0..<count where pending[r] > 0 {
        let target = targets + r * cols
        for j in 0..<cols { target[j] = reducer.fold(target[j]) }
    }
}

/// Reduction of 64-bit accumulators modulo a prime p < 2³¹ for the lazy elimination.
protocol LazyReducer {
    var modulus: UInt64 { get }
    /// A value below 2³⁵ congruent to x, cheap enough to apply to whole rows.
    func fold(_ x: UInt64) -> UInt64
    /// x mod p.
    func canonical(_ x: UInt64) -> UInt64
}

extension LazyReducer {
    func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 { canonical(a &* b) }

    /// a⁻¹ by Fermat's little theorem (a ≠ 0).
    func inverse(_ a: UInt64) -> UInt64 {
        var result: UInt64 = 1, base = canonical(a), e = modulus - 2
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base) }
            base = multiply(base, base)
            e >>= 1
        }
        return result
    }
}

/// p = 2³¹ − 1: x ≡ (x & p) + (x >> 31) since 2³¹ ≡ 1.
struct Mersenne31Reducer: LazyReducer {
    let modulus: UInt64 = (1 << 31) - 1

    @inline(__always) func fold(_ x: UInt64) -> UInt64 { (x & modulus) &+ (x >> 31) }

    @inline(__always) func canonical(_ x: UInt64) -> UInt64 {
        var y = (x & modulus) &+ (x >> 31)
        y = (y & modulus) &+ (y >> 31)
        return y >= modulus ? y &- modulus : y
    }
}

/// Any odd prime p < 2³¹ (the random primes of `nnid analyze --exact`). The fold writes x = hi·2³² + lo and
/// replaces hi·2³² by hi·c mod p (c = 2³² mod p, up to one extra p) with Shoup's precomputed quotient
/// ⌊c·2³²/p⌋: three 32×32→64-bit products, which SSE2 vectorizes. `canonical` is a Barrett reduction with the
/// precomputed ⌊(2⁶⁴ − 1)/p⌋.
struct ShoupReducer: LazyReducer {
    let modulus: UInt64
    private let shift: UInt64
    private let shiftQuotient: UInt64
    private let barrett: UInt64

    init(modulus p: UInt64) {
        precondition(p & 1 == 1 && p > 2 && p < 1 << 31, "ShoupReducer needs an odd prime below 2^31")
        modulus = p
        shift = (UInt64(1) << 32) % p
        shiftQuotient = (shift << 32) / p
        barrett = UInt64.max / p
    }

    @inline(__always) func fold(_ x: UInt64) -> UInt64 {
        // hi·c − q·p lies in [0, 2p) for hi < 2³² (Shoup), so the result is below 2³² + 2p < 2³³, and ≡ x (c = 1).
        let high = x >> 32, low = x & 0xffff_ffff
        let quotient = (high &* shiftQuotient) >> 32
        return low &+ (high &* shift &- quotient &* modulus)
    }

    @inline(__always) func canonical(_ x: UInt64) -> UInt64 {
        // The estimated quotient is at most 2 below the true one.
        let quotient = x.multipliedFullWidth(by: barrett).high
        var r = x &- quotient &* modulus
        if r >= modulus { r &-= modulus }
        if r >= modulus { r &-= modulus }
        return r
    }
}
