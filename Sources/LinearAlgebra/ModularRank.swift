/// The exact rank of an integer (or rational) matrix bounded from below by ranks modulo primes.
public struct ModularRank: Sendable, Equatable, Codable {
    /// The largest rank modulo the primes tried: a lower bound for the rational rank, equal to it unless every
    /// prime divides all maximal non-vanishing minors.
    public var rank: Int
    /// The primes actually used, in order (later ones are skipped once the rank can no longer grow).
    public var primesUsed: [UInt64]
    /// rank modulo each prime in `primesUsed`.
    public var ranksModulo: [Int]
    /// The known upper bound that was supplied, if any.
    public var knownUpperBound: Int?
    /// True when `rank` equals `knownUpperBound`: then it is the exact rational rank (science.md §0.3 item 6).
    public var isCertificate: Bool
    /// True when `rank` exceeds `knownUpperBound`, which proves that bound wrong.
    public var contradictsUpperBound: Bool { knownUpperBound.map { rank > $0 } ?? false }
}

/// Primes for modular ranks.
public enum ModularPrimes {
    /// 2³¹ − 1 (Mersenne).
    public static let p31: UInt64 = 2_147_483_647
    /// 2⁶¹ − 1 (Mersenne).
    public static let p61: UInt64 = 2_305_843_009_213_693_951
    /// The default pair.
    public static let standard: [UInt64] = [p31, p61]
}

/// Rank of an integer matrix modulo each prime in turn (default 2³¹−1, then 2⁶¹−1), stopping once the rank
/// reaches min(rows, cols) or `knownUpperBound`. Primes must be below 2⁶³.
public func modularRank(_ matrix: IntegerMatrix, primes: [UInt64] = ModularPrimes.standard,
                        knownUpperBound: Int? = nil) throws -> ModularRank {
    guard !primes.isEmpty else { throw LinearAlgebraError.invalidArgument("modular rank needs at least one prime") }
    for p in primes where !isPrime(p) || p >= 1 << 63 {
        throw LinearAlgebraError.invalidArgument("\(p) is not a prime below 2^63")
    }
    if let bound = knownUpperBound, bound < 0 {
        throw LinearAlgebraError.invalidArgument("the known upper bound must be non-negative, got \(bound)")
    }
    let ceiling = min(matrix.rows, matrix.cols, knownUpperBound ?? Int.max)
    var used: [UInt64] = []
    var ranks: [Int] = []
    for p in primes {
        used.append(p)
        ranks.append(rankModulo(matrix, prime: p))
        if ranks.max() ?? 0 >= ceiling { break }
    }
    let rank = ranks.max() ?? 0
    return ModularRank(rank: rank, primesUsed: used, ranksModulo: ranks, knownUpperBound: knownUpperBound,
                       isCertificate: knownUpperBound == rank)
}

/// Rank of a rational matrix N / d (the rank of N, since d ≠ 0) modulo primes, as `modularRank`.
public func modularRank(_ matrix: RationalMatrix, primes: [UInt64] = ModularPrimes.standard,
                        knownUpperBound: Int? = nil) throws -> ModularRank {
    try modularRank(matrix.numerators, primes: primes, knownUpperBound: knownUpperBound)
}

/// Rank of an integer matrix modulo one prime p < 2⁶³ by Gaussian elimination (p is not checked here).
public func rankModulo(_ matrix: IntegerMatrix, prime p: UInt64) -> Int {
    if matrix.rows == 0 || matrix.cols == 0 { return 0 }
    let residues = matrix.storage.map { value -> UInt64 in
        let r = value % Int64(p)
        return UInt64(r < 0 ? r + Int64(p) : r)
    }
    switch p {
    case ModularPrimes.p31: return lazyEliminationRank(residues, rows: matrix.rows, cols: matrix.cols, reducer: Mersenne31Reducer())
    case 3..<(1 << 31) where p & 1 == 1:
        return lazyEliminationRank(residues, rows: matrix.rows, cols: matrix.cols, reducer: ShoupReducer(modulus: p))
    case ModularPrimes.p61: return eliminationRank(residues, rows: matrix.rows, cols: matrix.cols, field: Mersenne61())
    default: return eliminationRank(residues, rows: matrix.rows, cols: matrix.cols, field: GenericPrimeField(modulus: p))
    }
}

/// Deterministic Miller–Rabin for 64-bit integers (these twelve bases suffice below 3.3·10²⁴).
public func isPrime(_ n: UInt64) -> Bool {
    if n < 2 { return false }
    let bases: [UInt64] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    for b in bases where n % b == 0 { return n == b }
    let field = GenericPrimeField(modulus: n)
    var d = n - 1, s = 0
    while d & 1 == 0 { d >>= 1; s += 1 }
    witnessLoop: for a in bases {
        var x = field.power(a, d)
        if x == 1 || x == n - 1 { continue }
        for _ in 1..<max(1, s) {
            x = field.multiply(x, x)
            if x == n - 1 { continue witnessLoop }
        }
        return false
    }
    return true
}
