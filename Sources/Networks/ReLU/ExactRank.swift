import LinearAlgebra

/// A certified lower bound on the rank of the batch Jacobian from exact arithmetic modulo primes
/// (science.md §0.3 item 6). The rank over F_p never exceeds the rank over Q, so a modular rank equal to
/// the upper bound P − H (positive rescaling, §6.1) certifies R_Γ = P − H with no tolerance at all.
public struct ExactRankCertificate: Sendable, Equatable, Codable {
    public var primes: [UInt64]
    /// Rank of the Jacobian reduced modulo each prime, in the order of `primes`.
    public var modularRanks: [Int]
    /// max of the modular ranks: the rational rank is at least this.
    public var rankLowerBound: Int
    /// P − H.
    public var upperBound: Int
    /// True when the lower bound reaches P − H, so the rational rank is exactly P − H.
    public var certifiesMaximalRank: Bool { rankLowerBound == upperBound }
}

extension MLP {
    /// Exact Jacobian rank modulo primes, for ReLU or leaky-ReLU nets whose parameters, slope α and inputs
    /// are dyadic rationals (e.g. integer weights, biases in Z + 1/2 or Z + 1/4, integer inputs). The
    /// network is evaluated in exact rational arithmetic; a pre-activation exactly 0 is refused.
    public func exactJacobianRank(inputs: Matrix,
                                  primes: [UInt64] = [2_147_483_647, 1_000_003]) throws -> ExactRankCertificate {
        try requirePiecewiseLinear()
        try checkInputs(inputs)
        guard inputs.rows > 0 else { throw ReLUAnalysisError.emptySample }
        guard primes.allSatisfy({ $0 > 2 && $0 < (1 << 31) }) else {
            throw NetworkError.invalidArgument("primes must be odd and below 2^31")
        }
        let rows = try exactJacobianRows(inputs)
        let columns = rows.first?.count ?? 0
        let ranks = try primes.map { p in
            // Residues are already reduced below p < 2^31, so they fit the integer matrix exactly.
            let residues = rows.flatMap { row in row.map { Int64($0.residue(modulo: p)) } }
            return rankModulo(try IntegerMatrix(rows: rows.count, cols: columns, storage: residues), prime: p)
        }
        return ExactRankCertificate(primes: primes, modularRanks: ranks, rankLowerBound: ranks.max() ?? 0,
                                    upperBound: parameterCount - hiddenCount)
    }

    /// The batch Jacobian in exact dyadic arithmetic (same row and column order as `batchJacobian`).
    func exactJacobianRows(_ inputs: Matrix) throws -> [[DyadicRational]] {
        let w = try weights.map { try $0.storage.map { try DyadicRational(exactly: $0, what: "a weight") } }
        let b = try biases.map { try $0.map { try DyadicRational(exactly: $0, what: "a bias") } }
        let leak: DyadicRational
        if case .leakyReLU(let alpha) = activation {
            leak = try DyadicRational(exactly: alpha, what: "the leaky-ReLU slope")
        } else {
            leak = .zero
        }
        var result: [[DyadicRational]] = []
        for s in 0..<inputs.rows {
            let x = try inputs.row(s).map { try DyadicRational(exactly: $0, what: "input \(s)") }
            var post = [x]
            var slopes: [[DyadicRational]] = []
            for l in 1...depth {
                var z = b[l - 1]
                for i in 0..<widths[l] {
                    for j in 0..<widths[l - 1] { z[i] = try z[i] + w[l - 1][i * widths[l - 1] + j] * post[l - 1][j] }
                }
                if l == depth { break }
                for (i, value) in z.enumerated() where value.isZero {
                    throw ReLUAnalysisError.sampleOnSwitchingBoundary(
                        sample: s, neuron: HiddenNeuron(layer: l, index: i), preactivation: 0, tolerance: 0)
                }
                let slope = z.map { $0.isPositive ? DyadicRational.one : leak }
                slopes.append(slope)
                post.append(try zip(z, slope).map { try $0 * $1 })
            }
            for k in 0..<outputWidth {
                var row = [DyadicRational](repeating: .zero, count: parameterCount)
                var delta = [DyadicRational](repeating: .zero, count: outputWidth)
                delta[k] = .one
                for l in stride(from: depth, through: 1, by: -1) {
                    let offset = weightOffset(layer: l)
                    let fanIn = widths[l - 1]
                    for i in 0..<widths[l] {
                        for j in 0..<fanIn { row[offset + i * fanIn + j] = try delta[i] * post[l - 1][j] }
                        row[offset + widths[l] * fanIn + i] = delta[i]
                    }
                    guard l > 1 else { break }
                    var previous = [DyadicRational](repeating: .zero, count: fanIn)
                    for j in 0..<fanIn {
                        for i in 0..<widths[l] { previous[j] = try previous[j] + w[l - 1][i * fanIn + j] * delta[i] }
                        previous[j] = try previous[j] * slopes[l - 2][j]
                    }
                    delta = previous
                }
                result.append(row)
            }
        }
        return result
    }
}

/// m · 2^(−e) with e ≥ 0, in overflow-checked 64-bit arithmetic.
struct DyadicRational: Sendable, Equatable {
    var mantissa: Int64
    var exponent: Int

    static let zero = DyadicRational(mantissa: 0, exponent: 0)
    static let one = DyadicRational(mantissa: 1, exponent: 0)

    init(mantissa: Int64, exponent: Int) {
        var (m, e) = (mantissa, exponent)
        while e > 0 && m % 2 == 0 { m /= 2; e -= 1 }
        self.mantissa = m
        self.exponent = m == 0 ? 0 : e
    }

    /// The exact value of a finite double with at most 40 fractional binary digits and |m| < 2^53.
    init(exactly value: Double, what: String) throws {
        guard value.isFinite else { throw ReLUAnalysisError.notExactlyRepresentable(what) }
        var scaled = value
        var exponent = 0
        while scaled != scaled.rounded() {
            guard exponent < 40 else { throw ReLUAnalysisError.notExactlyRepresentable(what) }
            scaled *= 2
            exponent += 1
        }
        guard abs(scaled) < 0x1p53 else { throw ReLUAnalysisError.notExactlyRepresentable(what) }
        self.init(mantissa: Int64(scaled), exponent: exponent)
    }

    var isZero: Bool { mantissa == 0 }
    var isPositive: Bool { mantissa > 0 }

    static func * (a: DyadicRational, b: DyadicRational) throws -> DyadicRational {
        let (m, overflow) = a.mantissa.multipliedReportingOverflow(by: b.mantissa)
        guard !overflow else { throw ReLUAnalysisError.exactArithmeticOverflow }
        return DyadicRational(mantissa: m, exponent: a.exponent + b.exponent)
    }

    static func + (a: DyadicRational, b: DyadicRational) throws -> DyadicRational {
        let e = max(a.exponent, b.exponent)
        guard e < 62 else { throw ReLUAnalysisError.exactArithmeticOverflow }
        let (x, o1) = a.mantissa.multipliedReportingOverflow(by: Int64(1) << (e - a.exponent))
        let (y, o2) = b.mantissa.multipliedReportingOverflow(by: Int64(1) << (e - b.exponent))
        let (sum, o3) = x.addingReportingOverflow(y)
        guard !(o1 || o2 || o3) else { throw ReLUAnalysisError.exactArithmeticOverflow }
        return DyadicRational(mantissa: sum, exponent: e)
    }

    /// The image in F_p: m · (2^e)^(−1) mod p (p odd, so 2 is invertible).
    func residue(modulo p: UInt64) -> UInt64 {
        let m = UInt64(mantissa.magnitude % Int64(p).magnitude)
        let signed = mantissa < 0 ? (p - m) % p : m
        let halfInverse = (p + 1) / 2
        var result = signed
        for _ in 0..<exponent { result = result * halfInverse % p }
        return result
    }
}

