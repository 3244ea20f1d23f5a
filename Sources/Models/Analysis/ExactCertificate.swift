import Foundation
import LinearAlgebra
import Networks

/// The batch-Jacobian rank computed exactly modulo random primes (no tolerance). Every float32/float64 value is
/// a dyadic rational m·2^−e, and for ReLU-type or polynomial activations every Jacobian entry is a polynomial in
/// the weights, biases and inputs (ReLU: once the activation pattern is known), so its image in F_p is exact.
public struct ExactRankReport: Sendable, Equatable, Codable {
    public var primes: [UInt64]
    public var ranksModulo: [Int]
    /// max of `ranksModulo`: the rational rank is at least this.
    public var rank: Int
    /// The proven upper bound (max_rank); rank = bound certifies the rank with no tolerance.
    public var upperBound: Int
    public var certified: Bool
    /// When not certified: an upper bound on the probability that the rational rank exceeds `rank`
    /// although every prime drawn gave `rank` (0 when certified).
    public var probabilityBound: Double
    public var statement: String
    /// Samples whose activation pattern could not be certified from the floating-point forward pass.
    public var uncertifiedSamples: [Int]
}

enum ExactCertificate {
    static func compute(network: MLP, inputs: Matrix, upperBound: Int, seed: UInt64, primeCount: Int = 3) throws -> ExactRankReport {
        let jacobian = try ExactJacobian(network: network, inputs: inputs)
        let primes = ExactJacobian.certificatePrimes(seed: seed, count: primeCount)
        let ranks = try primes.map { p in rankModulo(try jacobian.residues(modulo: p), prime: p) }
        let keep = jacobian.samples, rows = keep.count * network.outputWidth
        let rank = ranks.max() ?? 0
        let certified = rank == upperBound
        var probability = 0.0
        var statement: String
        if certified {
            statement = "rank \(rank) modulo a prime equals the proven upper bound \(upperBound): the rational rank is exactly \(rank)"
        } else {
            // A larger rational rank needs a non-zero (rank+1)-minor divisible by every prime drawn; the minor of
            // the row-scaled integer matrix is at most the Hadamard bound B, so at most log2(B)/30 primes ≥ 2^30
            // divide it, out of 50,697,537 primes in [2^30, 2^31).
            let log2Bound = hadamardLog2(network, inputs: inputs, keep: keep, minorSize: min(rank + 1, rows))
            let perPrime = min(1, (log2Bound / 30) / 50_697_537)
            probability = pow(perPrime, Double(primes.count))
            statement = "the rational rank is at least \(rank) (below the upper bound \(upperBound)); it exceeds \(rank) with probability ≤ \(String(format: "%.3g", probability)) over the random primes"
        }
        return ExactRankReport(primes: primes, ranksModulo: ranks, rank: rank, upperBound: upperBound, certified: certified,
                               probabilityBound: probability, statement: statement, uncertifiedSamples: jacobian.uncertifiedSamples)
    }

    static func polynomialCoefficients(_ activation: Activation) -> [Double] {
        switch activation {
        case .linear: return [0, 1]
        case .square: return [0, 0, 1]
        case .cube: return [0, 0, 0, 1]
        case .polynomial(let c): return c
        default: return []
        }
    }

    static func isDyadic(_ value: Double) -> Bool {
        // Every finite double is m·2^e; only the sign of e matters for the residue map, and it is handled.
        value.isFinite
    }

    /// The activation pattern (z > 0) of every hidden unit, or nil when some |z| is within the rigorous
    /// floating-point error bound of the forward pass (the sign is then not certain).
    static func certifiedPattern(_ network: MLP, _ x: [Double]) -> [[Bool]]? {
        let u = Double.ulpOfOne / 2
        var h = x, error = [Double](repeating: 0, count: x.count)
        var pattern: [[Bool]] = []
        for l in 0..<(network.depth - 1) {
            let w = network.weights[l], b = network.biases[l]
            let n = Double(w.cols + 1)
            let gamma = n * u / (1 - n * u)
            var nextH = [Double](repeating: 0, count: w.rows), nextError = nextH
            var layer = [Bool](repeating: false, count: w.rows)
            for i in 0..<w.rows {
                var z = b[i], magnitude = abs(b[i]), propagated = 0.0
                for j in 0..<w.cols {
                    z += w[i, j] * h[j]
                    magnitude += abs(w[i, j] * h[j])
                    propagated += abs(w[i, j]) * error[j]
                }
                let bound = 1.01 * (gamma * magnitude + propagated) + Double.leastNonzeroMagnitude
                guard abs(z) > bound else { return nil }
                layer[i] = z > 0
                nextH[i] = network.activation.value(z)
                nextError[i] = bound
            }
            pattern.append(layer)
            h = nextH
            error = nextError
        }
        return pattern
    }

    /// The Jacobian rows of one sample (one per output) in F_p, by the backward pass of science.md §0.3.
    static func jacobianRows(_ network: MLP, weights w: [[UInt64]], biases b: [[UInt64]], input: [Double], pattern: [[Bool]]?,
                             leak: UInt64?, coefficients: [UInt64], field: ModularArithmetic) -> [[UInt64]] {
        let depth = network.depth
        var post = [input.map(field.residue)]
        var slopes: [[UInt64]] = []
        for l in 1...depth {
            let (rows, cols) = (network.widths[l], network.widths[l - 1])
            var z = b[l - 1]
            for i in 0..<rows {
                for j in 0..<cols { z[i] = field.add(z[i], field.mul(w[l - 1][i * cols + j], post[l - 1][j])) }
            }
            if l == depth { break }
            if let pattern, let leak {
                let slope = pattern[l - 1].map { $0 ? 1 : leak }
                slopes.append(slope)
                post.append(zip(z, slope).map { field.mul($0, $1) })
            } else {
                slopes.append(z.map { field.polynomialDerivative(coefficients, at: $0) })
                post.append(z.map { field.polynomial(coefficients, at: $0) })
            }
        }
        var result: [[UInt64]] = []
        for k in 0..<network.outputWidth {
            var row = [UInt64](repeating: 0, count: network.parameterCount)
            var delta = [UInt64](repeating: 0, count: network.outputWidth)
            delta[k] = 1
            for l in stride(from: depth, through: 1, by: -1) {
                let offset = network.weightOffset(layer: l)
                let (rows, cols) = (network.widths[l], network.widths[l - 1])
                for i in 0..<rows {
                    for j in 0..<cols { row[offset + i * cols + j] = field.mul(delta[i], post[l - 1][j]) }
                    row[offset + rows * cols + i] = delta[i]
                }
                guard l > 1 else { break }
                var previous = [UInt64](repeating: 0, count: cols)
                for j in 0..<cols {
                    for i in 0..<rows { previous[j] = field.add(previous[j], field.mul(w[l - 1][i * cols + j], delta[i])) }
                    previous[j] = field.mul(previous[j], slopes[l - 2][j])
                }
                delta = previous
            }
            result.append(row)
        }
        return result
    }

    /// log2 of the Hadamard bound on a (minorSize)-minor of the Jacobian with each row scaled to integers:
    /// the sum of the `minorSize` largest log2(‖row‖₂ · 2^(row's largest fractional exponent)) (+1 bit of slack).
    static func hadamardLog2(_ network: MLP, inputs: Matrix, keep: [Int], minorSize: Int) -> Double {
        var logs: [Double] = []
        for s in keep {
            let x = Matrix(rows: 1, cols: inputs.cols, storage: inputs.row(s))
            guard let j = try? network.batchJacobian(x) else { continue }
            for r in 0..<j.rows {
                let row = j.row(r)
                let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let exponent = row.map(fractionalExponent).max() ?? 0
                logs.append(norm > 0 ? log2(norm) + Double(exponent) + 1 : 0)
            }
        }
        return logs.sorted(by: >).prefix(minorSize).reduce(0, +) + 1
    }

    /// The e ≥ 0 with value = m·2^−e, m an integer (0 for integers).
    static func fractionalExponent(_ value: Double) -> Int {
        guard value != 0, value.isFinite else { return 0 }
        let e = Int(value.exponent) - Int(value.significandWidth)
        return max(0, -e)
    }
}

/// Arithmetic modulo an odd prime p < 2^32.
struct ModularArithmetic {
    let p: UInt64

    func add(_ a: UInt64, _ b: UInt64) -> UInt64 { let s = a + b; return s >= p ? s - p : s }
    func mul(_ a: UInt64, _ b: UInt64) -> UInt64 { a * b % p }

    func power(_ base: UInt64, _ exponent: Int) -> UInt64 {
        var result: UInt64 = 1, b = base % p, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = mul(result, b) }
            b = mul(b, b)
            e >>= 1
        }
        return result
    }

    /// The image of the dyadic rational `value` (= m·2^−e exactly) in F_p.
    func residue(_ value: Double) -> UInt64 {
        guard value != 0 else { return 0 }
        let e = Int(value.exponent) - Int(value.significandWidth)
        // value = significand integer · 2^e, the integer odd (or 1) and below 2^53.
        let integer = UInt64(abs(value).significand * Double(sign: .plus, exponent: Int(value.significandWidth), significand: 1))
        var r = integer % p
        if e >= 0 { r = mul(r, power(2, e)) } else { r = mul(r, power((p + 1) / 2, -e)) }
        return value < 0 ? (r == 0 ? 0 : p - r) : r
    }

    func polynomial(_ c: [UInt64], at t: UInt64) -> UInt64 { c.reversed().reduce(0) { add(mul($0, t), $1) } }

    func polynomialDerivative(_ c: [UInt64], at t: UInt64) -> UInt64 {
        guard c.count > 1 else { return 0 }
        return c.enumerated().dropFirst().reversed().reduce(0) { add(mul($0, t), mul(UInt64($1.offset) % p, $1.element)) }
    }
}
