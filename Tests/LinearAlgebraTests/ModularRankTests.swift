import XCTest
@testable import LinearAlgebra

final class ModularRankTests: XCTestCase {
    /// Vandermonde V_ij = x_i^j: rank = number of distinct nodes (its determinant is Π (x_j − x_i)).
    func testVandermonde() throws {
        func vandermonde(_ nodes: [Int64], columns: Int) throws -> IntegerMatrix {
            try IntegerMatrix(nodes.map { x in (0..<columns).map { j in (0..<j).reduce(Int64(1)) { acc, _ in acc * x } } })
        }
        XCTAssertEqual(try modularRank(vandermonde([-3, -1, 0, 2, 5, 7], columns: 6)).rank, 6)
        XCTAssertEqual(try modularRank(vandermonde([1, 2, 2, 4, 4, 4, 9], columns: 7)).rank, 4)
        XCTAssertEqual(try modularRank(vandermonde([1, 2, 3], columns: 8)).rank, 3)
    }

    /// A = B·C with B (7×3) containing an identity block and C (3×9) likewise has rank exactly 3; both primes
    /// and the generic-prime path agree, and so does numpy.linalg.matrix_rank.
    func testRankDeficientProduct() throws {
        let b: [[Int64]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [2, -5, 7], [3, 3, -1], [-4, 0, 9], [6, 1, 1]]
        let c: [[Int64]] = [[1, 0, 0, 4, -2, 8, 1, 0, 3], [0, 1, 0, -7, 5, 2, 2, 9, -1], [0, 0, 1, 3, 3, -6, 0, 1, 1]]
        let product = (0..<7).map { i in (0..<9).map { j in (0..<3).reduce(Int64(0)) { $0 + b[i][$1] * c[$1][j] } } }
        let a = try IntegerMatrix(product)
        XCTAssertEqual(rankModulo(a, prime: ModularPrimes.p31), 3)
        XCTAssertEqual(rankModulo(a, prime: ModularPrimes.p61), 3)
        XCTAssertEqual(rankModulo(a, prime: 1_000_003), 3)
        let numpyRank = try NumPyOracle.run("print(int(np.linalg.matrix_rank(np.array(data, dtype=float))))", input: product)
        XCTAssertEqual(numpyRank as? Int, 3)
    }

    /// det [[1,1],[1,4]] = 3: rank 1 modulo 3 but 2 over ℚ. One unlucky prime under-counts; the second prime
    /// recovers the rank, which is why two primes are used.
    func testSmallPrimeDropsTheRank() throws {
        let a = try IntegerMatrix([[1, 1], [1, 4]])
        XCTAssertEqual(rankModulo(a, prime: 3), 1)
        let single = try modularRank(a, primes: [3])
        XCTAssertEqual(single.rank, 1)
        let two = try modularRank(a, primes: [3, ModularPrimes.p31])
        XCTAssertEqual(two.ranksModulo, [1, 2])
        XCTAssertEqual(two.rank, 2)
        // Entries ≡ 0 modulo 2³¹−1 vanish there: [[p, 0], [0, 1]] has rank 1 mod p31 and 2 mod p61.
        let multiple = try IntegerMatrix([[Int64(ModularPrimes.p31), 0], [0, 1]])
        let result = try modularRank(multiple)
        XCTAssertEqual(result.ranksModulo, [1, 2])
        XCTAssertEqual(result.primesUsed, ModularPrimes.standard)
    }

    /// The 2-D "flip" network of science.md §6.4 in its exact form: W1 = [[1,0],[0,1],[−1,−1]], biases in ℤ + ½,
    /// c = (1,1,1), integer inputs, so 2·J is an integer matrix. Its rank is P − H = 13 − 3 = 10, the upper
    /// bound for ReLU, so the modular rank is a certificate; NumPy agrees.
    func testFlipExampleCertificate() throws {
        let w: [[Double]] = [[1, 0], [0, 1], [-1, -1]], b = [0.5, -0.5, 0.5], c = [1.0, 1, 1]
        var rows: [[Double]] = []
        for x1 in -2...2 {
            for x2 in -2...2 {
                let x = [Double(x1), Double(x2)]
                let z = (0..<3).map { w[$0][0] * x[0] + w[$0][1] * x[1] + b[$0] }
                var row: [Double] = []
                for i in 0..<3 { row += [c[i] * (z[i] > 0 ? 1 : 0) * x[0], c[i] * (z[i] > 0 ? 1 : 0) * x[1]] }
                row += (0..<3).map { c[$0] * (z[$0] > 0 ? 1 : 0) }  // ∂/∂b1
                row += z.map { max($0, 0) }  // ∂/∂c
                row.append(1)  // ∂/∂c0
                rows.append(row)
            }
        }
        let jacobian = try RationalMatrix(exactly: Matrix(rows), denominator: 2)
        let result = try modularRank(jacobian, knownUpperBound: 10)
        XCTAssertEqual(result.rank, 10)
        XCTAssertTrue(result.isCertificate)
        XCTAssertEqual(result.primesUsed, [ModularPrimes.p31], "the bound was reached with the first prime")
        let numpyRank = try NumPyOracle.run("print(int(np.linalg.matrix_rank(np.array(data))))", input: rows)
        XCTAssertEqual(numpyRank as? Int, 10)
        let loose = try modularRank(jacobian, knownUpperBound: 11)
        XCTAssertFalse(loose.isCertificate)
        XCTAssertEqual(loose.primesUsed.count, 2)
        let wrong = try modularRank(jacobian, knownUpperBound: 9)
        XCTAssertTrue(wrong.contradictsUpperBound)
        XCTAssertFalse(wrong.isCertificate)
    }

    /// Random integer matrices with negative and huge entries: both Mersenne fast paths agree with the
    /// generic full-width arithmetic, and with NumPy for moderate entries.
    func testFastPathsAgreeWithGenericArithmetic() throws {
        var state: UInt64 = 3
        func next() -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64(bitPattern: state)
        }
        let huge = try IntegerMatrix(rows: 40, cols: 37, storage: (0..<(40 * 37)).map { _ in next() })
        XCTAssertEqual(rankModulo(huge, prime: ModularPrimes.p31), eliminationRank(residues(huge, ModularPrimes.p31),
            rows: 40, cols: 37, field: GenericPrimeField(modulus: ModularPrimes.p31)))
        XCTAssertEqual(rankModulo(huge, prime: ModularPrimes.p61), eliminationRank(residues(huge, ModularPrimes.p61),
            rows: 40, cols: 37, field: GenericPrimeField(modulus: ModularPrimes.p61)))
        // Three rows that are combinations of the others: rank 30 over ℚ.
        var small = (0..<30).map { _ in (0..<33).map { _ in next() % 7 } }
        for k in 0..<3 { small.append((0..<33).map { j in small[k][j] - 2 * small[k + 5][j] + small[29 - k][j] }) }
        XCTAssertEqual(try modularRank(IntegerMatrix(small)).rank, 30)
        let numpyRank = try NumPyOracle.run("print(int(np.linalg.matrix_rank(np.array(data, dtype=float))))", input: small)
        XCTAssertEqual(numpyRank as? Int, 30)
        XCTAssertEqual(Mersenne31Reducer().inverse(2), 1 << 30)  // 2 · 2³⁰ = 2³¹ ≡ 1
        XCTAssertEqual(Mersenne61().multiply(1 << 60, 4), 2)  // 2⁶² = 2 · 2⁶¹ ≡ 2
    }

    /// L·U with L (m×r) and U (r×n) unit-triangular in their leading r×r blocks has rank exactly r over every
    /// field; rows and columns shuffled. The lazy elimination for random primes below 2³¹ (Shoup folds) and for
    /// 2³¹ − 1 must find r, as the textbook elimination with full reduction after every product does.
    func testLazyEliminationFindsTheRankOfUnitTriangularProducts() throws {
        var state: UInt64 = 17
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        let cases: [(p: UInt64, m: Int, n: Int, r: Int)] = [
            (1_849_315_031, 70, 50, 31), (2_147_483_629, 40, 90, 40), (1_073_741_827, 65, 65, 64),
            (ModularPrimes.p31, 80, 45, 30), (1_000_003, 33, 20, 20), (3, 30, 30, 12),
        ]
        for (p, m, n, r) in cases {
            // L: unit lower triangular in its first r rows, random below; U: unit upper triangular.
            var l = [[UInt64]](repeating: [UInt64](repeating: 0, count: r), count: m)
            for i in 0..<m {
                for k in 0..<r where i >= r || k <= i { l[i][k] = (i == k) ? 1 : next() % p }
            }
            var u = [[UInt64]](repeating: [UInt64](repeating: 0, count: n), count: r)
            for k in 0..<r {
                for j in k..<n { u[k][j] = (j == k) ? 1 : next() % p }
            }
            var product = [UInt64](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var sum: UInt64 = 0
                    for k in 0..<r { sum = (sum + l[i][k] * u[k][j] % p) % p }
                    product[i * n + j] = sum
                }
            }
            var generator = FixedGenerator(state: p)
            let rowOrder = (0..<m).shuffled(using: &generator), colOrder = (0..<n).shuffled(using: &generator)
            let shuffled = rowOrder.flatMap { i in colOrder.map { j in Int64(product[i * n + j]) } }
            let matrix = try IntegerMatrix(rows: m, cols: n, storage: shuffled)
            XCTAssertEqual(rankModulo(matrix, prime: p), r, "p = \(p), \(m)×\(n)")
            XCTAssertEqual(eliminationRank(residues(matrix, p), rows: m, cols: n, field: GenericPrimeField(modulus: p)), r)
        }
    }

    /// Entries p − 1 everywhere push every accumulator to its bound (four products of (p − 1)² between folds):
    /// the all-(p − 1) matrix has rank 1, and with the identity added (rank n) nothing may overflow either.
    func testLazyEliminationAtTheAccumulatorBound() throws {
        for p in [UInt64(2_147_483_629), ModularPrimes.p31, 1_073_741_827] {
            let n = 48
            let constant = try IntegerMatrix(rows: n, cols: n, storage: Array(repeating: Int64(p - 1), count: n * n))
            XCTAssertEqual(rankModulo(constant, prime: p), 1)
            // (p − 1)·J + 2I ≡ 2I − J: its eigenvalues are 2 (n − 1 times) and 2 − n, non-zero mod p, so rank n.
            var storage = constant.storage
            for i in 0..<n { storage[i * n + i] = Int64(p + 1) }
            XCTAssertEqual(rankModulo(try IntegerMatrix(rows: n, cols: n, storage: storage), prime: p), n)
        }
    }

    /// The reducers' arithmetic against plain remainders: folds stay congruent and below 2³⁵, `canonical` is x mod p.
    func testReducersAgreeWithRemainders() {
        var state: UInt64 = 23
        for p in [UInt64(3), 1_000_003, 1_073_741_827, 1_849_315_031, 2_147_483_629] {
            let reducer = ShoupReducer(modulus: p)
            for k in 0..<20_000 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let x = k < 8 ? UInt64.max - UInt64(k) : (k % 3 == 0 ? state >> UInt64(k % 40) : state)
                XCTAssertEqual(reducer.canonical(x), x % p)
                let folded = reducer.fold(x)
                XCTAssertEqual(folded % p, x % p)
                XCTAssertLessThan(folded, 1 << 35)
            }
        }
        let mersenne = Mersenne31Reducer()
        let p31 = ModularPrimes.p31
        let samples: [UInt64] = [UInt64.max, 1 << 62, p31, 12345]
        for x in samples {
            XCTAssertEqual(mersenne.canonical(x), x % p31)
            XCTAssertEqual(mersenne.fold(x) % p31, x % p31)
        }
    }

    func testErrorsAreTyped() {
        XCTAssertThrowsError(try IntegerMatrix([[1, 2], [3]])) { error in
            guard case LinearAlgebraError.dimensionMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try modularRank(IntegerMatrix(rows: 2, cols: 2), primes: [1_000_001])) { error in
            guard case LinearAlgebraError.invalidArgument = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try modularRank(IntegerMatrix(rows: 2, cols: 2), primes: []))
        XCTAssertThrowsError(try RationalMatrix(numerators: IntegerMatrix(rows: 1, cols: 1), denominator: 0))
        XCTAssertThrowsError(try RationalMatrix(exactly: Matrix([[0.3]]), denominator: 2))
        XCTAssertThrowsError(try RationalMatrix(exactly: Matrix([[.nan]]), denominator: 2))
        XCTAssertTrue(isPrime(ModularPrimes.p31) && isPrime(ModularPrimes.p61) && isPrime(1_000_003))
        XCTAssertFalse(isPrime(1_000_001) || isPrime(1) || isPrime(3_215_031_751))  // 3215031751 is a strong pseudoprime to bases 2, 3, 5, 7
        XCTAssertEqual(try modularRank(IntegerMatrix(rows: 0, cols: 4)).rank, 0)
    }

    private func residues(_ m: IntegerMatrix, _ p: UInt64) -> [UInt64] {
        m.storage.map { UInt64(($0 % Int64(p) + Int64(p)) % Int64(p)) }
    }
}

/// A seeded generator so that the shuffles are the same on every run.
private struct FixedGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
