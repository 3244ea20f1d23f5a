import LinearAlgebra
import Networks

/// The batch Jacobian of a ReLU-type or polynomial network as exact residues modulo primes: the input of
/// `nnid analyze --exact`'s ranks (public so that the benchmarks can time and export the same matrix).
public struct ExactJacobian {
    public let network: MLP
    public let inputs: Matrix
    /// The samples used, in order: every sample whose activation pattern is certified (all, for polynomials).
    public let samples: [Int]
    /// Samples whose activation pattern could not be certified from the floating-point forward pass.
    public let uncertifiedSamples: [Int]
    private let patterns: [[[Bool]]]
    private let leak: Double?
    private let coefficients: [Double]

    /// Checks that the activation has an exact image modulo a prime and certifies each sample's pattern.
    public init(network: MLP, inputs: Matrix) throws {
        switch network.activation {
        case .relu: leak = 0
        case .leakyReLU(let alpha): leak = alpha
        default:
            guard network.activation.polynomialDegree != nil else {
                throw ModelError("--exact needs a ReLU-type or polynomial activation: \(network.activation) maps rationals to irrationals, so its Jacobian has no exact image modulo a prime")
            }
            leak = nil
        }
        coefficients = ExactCertificate.polynomialCoefficients(network.activation)
        for value in coefficients + (leak.map { [$0] } ?? []) + network.parameters + inputs.storage
        where !ExactCertificate.isDyadic(value) {
            throw ModelError("--exact: \(value) is not exactly representable as a dyadic rational")
        }
        var keep: [Int] = [], uncertified: [Int] = [], patterns: [[[Bool]]] = []
        for s in 0..<inputs.rows {
            if leak != nil {
                guard let pattern = ExactCertificate.certifiedPattern(network, inputs.row(s)) else {
                    uncertified.append(s)
                    continue
                }
                patterns.append(pattern)
            }
            keep.append(s)
        }
        guard !keep.isEmpty else { throw ModelError("--exact: no sample has a certified activation pattern") }
        self.network = network
        self.inputs = inputs
        samples = keep
        uncertifiedSamples = uncertified
        self.patterns = patterns
    }

    /// The primes `nnid analyze --exact --seed S` draws: distinct random primes in [2³⁰, 2³¹).
    public static func certificatePrimes(seed: UInt64, count: Int) -> [UInt64] {
        var rng = SplitMix64(seed: seed ^ 0x5eed_e8ac_7000_0001)
        var primes: [UInt64] = []
        while primes.count < count {
            let candidate = (UInt64(1) << 30) + rng.next() % (UInt64(1) << 30) | 1
            if isPrime(candidate) && !primes.contains(candidate) { primes.append(candidate) }
        }
        return primes
    }

    /// The Jacobian (rows: samples × outputs, columns: parameters) reduced modulo an odd prime p < 2³², entries in [0, p).
    public func residues(modulo p: UInt64) throws -> IntegerMatrix {
        guard p > 2, p < 1 << 32, isPrime(p) else { throw ModelError("--exact: \(p) is not an odd prime below 2^32") }
        let field = ModularArithmetic(p: p)
        // The parameters' residues once, not once per sample.
        let w = network.weights.map { $0.storage.map(field.residue) }
        let b = network.biases.map { $0.map(field.residue) }
        let slope = leak.map(field.residue), polynomial = coefficients.map(field.residue)
        let outputs = network.outputWidth, cols = network.parameterCount
        var storage = [Int64](repeating: 0, count: samples.count * outputs * cols)
        for (k, s) in samples.enumerated() {
            let block = ExactCertificate.jacobianRows(network, weights: w, biases: b, input: inputs.row(s),
                                                      pattern: leak == nil ? nil : patterns[k], leak: slope,
                                                      coefficients: polynomial, field: field)
            for (r, row) in block.enumerated() {
                let base = (k * outputs + r) * cols
                for c in 0..<cols { storage[base + c] = Int64(row[c]) }
            }
        }
        return try IntegerMatrix(rows: samples.count * outputs, cols: cols, storage: storage)
    }
}
