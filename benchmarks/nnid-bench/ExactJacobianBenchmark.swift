// `nnid-bench exact-jacobian`: the residue matrix of `nnid analyze --exact` for a det_net ladder rung, the time
// to build it from the network, nnid's modular rank of it, and (with --output) the matrix in a file that
// benchmarks/flint/flint_rank.c reads, so that FLINT ranks the identical matrix.
import Dispatch
import Foundation
import LinearAlgebra
import Models
import Networks

/// The residue file: "NNIDRES1", then rows, cols and the prime as little-endian UInt64, then rows·cols
/// little-endian UInt32 residues in [0, prime), row by row.
func writeResidueFile(_ matrix: IntegerMatrix, prime: UInt64, to path: String) throws {
    var data = Data("NNIDRES1".utf8)
    for value in [UInt64(matrix.rows), UInt64(matrix.cols), prime] {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
    data.reserveCapacity(data.count + 4 * matrix.storage.count)
    for value in matrix.storage {
        guard value >= 0, UInt64(value) < prime else { throw UsageError(description: "residue \(value) outside [0, \(prime))") }
        withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) }
    }
    guard FileManager.default.createFile(atPath: path, contents: data) else {
        throw UsageError(description: "cannot write \(path)")
    }
}

func exactJacobianBenchmark(_ options: Options) throws {
    let rung = try Rung(options, widths: "5,10,10,1", samples: 600)
    let (widths, samples, seed, activationName, activation) = (rung.widths, rung.samples, rung.seed, rung.activationName, rung.activation)
    let runs = max(1, try options.integer("runs", default: 5))
    let warmup = max(0, try options.integer("warmup", default: 1))
    // The prime `nnid analyze --exact --seed S` tries first, unless one is given.
    let certificatePrimes = ExactJacobian.certificatePrimes(seed: UInt64(seed), count: 3)
    let prime = try options.values["prime"].map { text -> UInt64 in
        guard let p = UInt64(text) else { throw UsageError(description: "--prime expects an integer, got '\(text)'") }
        return p
    } ?? certificatePrimes[0]
    let draw = try detNet(widths: widths, activation: activation, seed: UInt64(seed), samples: samples)
    let network = draw.network

    // The --exact path in its parts: certify the activation patterns, build the residues, rank them.
    var start = DispatchTime.now()
    let exact = try ExactJacobian(network: network, inputs: draw.inputs)
    let certifySeconds = seconds(since: start)
    start = DispatchTime.now()
    let residues = try exact.residues(modulo: prime)
    let residueSeconds = seconds(since: start)
    var rankTimes: [Double] = []
    var rank = -1
    for run in 0..<(warmup + runs) {
        start = DispatchTime.now()
        rank = rankModulo(residues, prime: prime)
        if run >= warmup { rankTimes.append(seconds(since: start)) }
    }
    if let path = options.values["output"] { try writeResidueFile(residues, prime: prime, to: path) }

    // The whole path `nnid analyze --exact` takes: certification, then residues and rank for each of its primes.
    start = DispatchTime.now()
    let again = try ExactJacobian(network: network, inputs: draw.inputs)
    var certificateRanks: [Int] = []
    for p in certificatePrimes { certificateRanks.append(rankModulo(try again.residues(modulo: p), prime: p)) }
    let wholePathSeconds = seconds(since: start)

    // The float rank the ladder reports (same net, same inputs, same bound P − H for ReLU).
    let bound = activation == .relu ? network.parameterCount - network.hiddenCount : nil
    let float = try fastNumericalRank(try network.batchJacobian(draw.inputs), rankAtMost: bound)
    let fields = [
        "\"benchmark\": \"exact-jacobian\"", "\"widths\": [\(widths.map(String.init).joined(separator: ", "))]",
        "\"samples\": \(samples)", "\"samples_used\": \(exact.samples.count)", "\"seed\": \(seed)",
        "\"activation\": \(jsonString(activationName))", "\"rows\": \(residues.rows)", "\"cols\": \(residues.cols)",
        "\"prime\": \(prime)", "\"rank\": \(rank)", "\"float_rank\": \(float.rank)",
        "\"certificate_primes\": [\(certificatePrimes.map(String.init).joined(separator: ", "))]",
        "\"certificate_ranks\": [\(certificateRanks.map(String.init).joined(separator: ", "))]",
        "\"certify_seconds\": \(rounded(certifySeconds))", "\"residue_seconds\": \(rounded(residueSeconds))",
        "\"rank_runs\": \(summary(rankTimes))", "\"whole_path_seconds\": \(rounded(wholePathSeconds))",
    ]
    print("{" + fields.joined(separator: ", ") + "}")
}
