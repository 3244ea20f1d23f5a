// nnid-bench: timing driver for the numerical core (issue 3, Performance). Not a test; prints JSON lines.
//   nnid-bench jacobian-rank --widths 20,50,50,10 --samples 500 [--seed 1] [--activation relu] [--svd]
//   nnid-bench modular-rank --size 2000 [--prime 2147483647]
import CLapack
import Dispatch
import Foundation
import LinearAlgebra
import Networks

struct UsageError: Error, CustomStringConvertible {
    var description: String
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("nnid-bench: error: \(message)\n".utf8))
    exit(2)
}

/// Options of the form `--name value` or `--flag`.
struct Options {
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ arguments: ArraySlice<String>, flags known: Set<String>) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard argument.hasPrefix("--") else { throw UsageError(description: "unexpected argument '\(argument)'") }
            let name = String(argument.dropFirst(2))
            if known.contains(name) {
                flags.insert(name)
            } else if let value = iterator.next() {
                values[name] = value
            } else {
                throw UsageError(description: "option --\(name) needs a value")
            }
        }
    }

    func integer(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw UsageError(description: "--\(name) expects an integer, got '\(text)'") }
        return value
    }
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func rounded(_ x: Double) -> String { String(format: "%.4f", x) }

func jsonString(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }

func blasKernel() -> String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
}

func jacobianRank(_ options: Options) throws {
    let widthsText = options.values["widths"] ?? "20,50,50,10"
    let widths = try widthsText.split(separator: ",").map { part -> Int in
        guard let w = Int(part) else { throw UsageError(description: "--widths expects integers, got '\(widthsText)'") }
        return w
    }
    let samples = try options.integer("samples", default: 500)
    let seed = try options.integer("seed", default: 1)
    let activationName = options.values["activation"] ?? "relu"
    guard let activation = Activation(name: activationName) else {
        throw UsageError(description: "unknown activation '\(activationName)'")
    }
    let draw = try detNet(widths: widths, activation: activation, seed: UInt64(seed), samples: samples)

    var start = DispatchTime.now()
    let jacobian = try draw.network.batchJacobian(draw.inputs)
    let jacobianSeconds = seconds(since: start)

    start = DispatchTime.now()
    let estimate = options.flags.contains("svd") ? try numericalRank(jacobian) : try fastNumericalRank(jacobian)
    let rankSeconds = seconds(since: start)
    let checksum = jacobian.storage.reduce(0) { $0 + abs($1) }
    let fields = [
        "\"implementation\": \"swift\"", "\"openblas_kernel\": \(jsonString(blasKernel()))",
        "\"widths\": [\(widths.map(String.init).joined(separator: ", "))]", "\"samples\": \(samples)",
        "\"seed\": \(seed)", "\"activation\": \(jsonString(activationName))",
        "\"rows\": \(jacobian.rows)", "\"cols\": \(jacobian.cols)", "\"rank\": \(estimate.rank)",
        "\"method\": \(jsonString(estimate.method.rawValue))", "\"tolerance\": \(estimate.tolerance)",
        "\"sigma_last\": \(estimate.sigmaLast)", "\"sigma_next\": \(estimate.sigmaNext)",
        "\"gap\": \(estimate.gap.isFinite ? String(estimate.gap) : "null")",
        "\"jacobian_seconds\": \(rounded(jacobianSeconds))", "\"rank_seconds\": \(rounded(rankSeconds))",
        "\"total_seconds\": \(rounded(jacobianSeconds + rankSeconds))", "\"checksum\": \(checksum)",
    ]
    print("{" + fields.joined(separator: ", ") + "}")
}

/// Rank of a random size × size integer matrix of known rank size − 1 (last row = sum of the others).
func modularRankBenchmark(_ options: Options) throws {
    let size = try options.integer("size", default: 2000)
    let prime = UInt64(try options.integer("prime", default: Int(ModularPrimes.p31)))
    guard size >= 2 else { throw UsageError(description: "--size must be at least 2") }
    var state: UInt64 = 7
    var matrix = IntegerMatrix(rows: size, cols: size)
    for i in 0..<(size - 1) {
        for j in 0..<size {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Int64(state >> 40) - (1 << 23)
            matrix[i, j] = value
            matrix[size - 1, j] += value
        }
    }
    let start = DispatchTime.now()
    let result = try modularRank(matrix, primes: [prime])
    let elapsed = seconds(since: start)
    print("{\"benchmark\": \"modular-rank\", \"size\": \(size), \"prime\": \(prime), \"rank\": \(result.rank), "
        + "\"expected_rank\": \(size - 1), \"seconds\": \(rounded(elapsed))}")
}

let arguments = CommandLine.arguments
do {
    guard arguments.count >= 2 else {
        throw UsageError(description: "usage: nnid-bench jacobian-rank|modular-rank [options]")
    }
    switch arguments[1] {
    case "jacobian-rank": try jacobianRank(Options(arguments.dropFirst(2), flags: ["svd"]))
    case "modular-rank": try modularRankBenchmark(Options(arguments.dropFirst(2), flags: []))
    default: throw UsageError(description: "unknown benchmark '\(arguments[1])' (jacobian-rank, modular-rank)")
    }
} catch let error as UsageError {
    fail(error.description)
} catch {
    fail("\(error)")
}
