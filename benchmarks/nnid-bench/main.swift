// nnid-bench: timing driver for the numerical core (issue 3, Performance). Not a test; prints JSON lines.
//   nnid-bench jacobian-rank --widths 20,50,50,10 --samples 500 [--seed 1] [--activation relu] [--svd]
//              [--runs 5 --warmup 1] [--floors [--no-dgeqp3]]   (medians over runs; --floors adds dgeqp3/dgeqrf
//              on the same J) [--phases [--qr-block B]]   (--phases: the sketch-pivoted QR of the same J with
//              the wall time of each phase, block size B, default that of fastNumericalRank: 64 from 1024 columns)
//   nnid-bench modular-rank --size 2000 [--prime 2147483647]
//   nnid-bench parse FILE [--runs 3]   (the parser alone: decode + detect + parse of one file, no database)
//   nnid-bench exact-jacobian --widths 5,10,10,1 --samples 600 [--seed 1] [--activation relu] [--prime P]
//              [--runs 5 --warmup 1] [--output FILE]   (the residue matrix of `nnid analyze --exact`: build
//              time, modular-rank runs, the whole 3-prime path, the float rank; FILE for flint_rank --file)
import CLapack
import Dispatch
import Foundation
import LinearAlgebra
import Literature
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

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// {"median": …, "min": …, "max": …, "runs": n} in seconds.
func summary(_ values: [Double]) -> String {
    "{\"median\": \(rounded(median(values))), \"min\": \(rounded(values.min() ?? .nan)), "
        + "\"max\": \(rounded(values.max() ?? .nan)), \"runs\": \(values.count)}"
}

/// OpenBLAS's thread count, looked up at run time (the CLapack shim does not declare it).
func openBLASThreads() -> Int {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_num_threads") else { return -1 }
    typealias Getter = @convention(c) () -> Int32
    return Int(unsafeBitCast(symbol, to: Getter.self)())
}

/// Times one dgeqp3 or dgeqrf of a column-major m × n copy (workspace query included).
func lapackQR(pivoted: Bool) -> ([Double], Int, Int) throws -> Double {
    { data, m, n in
        var a = data
        var rows = Int32(m), cols = Int32(n), lda = Int32(max(1, m)), info: Int32 = 0, lwork: Int32 = -1
        var pivots = [Int32](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: min(m, n))
        var query = [Double](repeating: 0, count: 1)
        let start = DispatchTime.now()
        if pivoted { dgeqp3_(&rows, &cols, &a, &lda, &pivots, &tau, &query, &lwork, &info) }
        else { dgeqrf_(&rows, &cols, &a, &lda, &tau, &query, &lwork, &info) }
        lwork = Int32(query[0])
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        if pivoted { dgeqp3_(&rows, &cols, &a, &lda, &pivots, &tau, &work, &lwork, &info) }
        else { dgeqrf_(&rows, &cols, &a, &lda, &tau, &work, &lwork, &info) }
        let elapsed = seconds(since: start)
        guard info == 0 else { throw UsageError(description: "LAPACK QR failed (info = \(info))") }
        return elapsed
    }
}

/// A ladder rung from --widths, --samples, --seed and --activation.
struct Rung {
    var widths: [Int]
    var samples: Int
    var seed: Int
    var activationName: String
    var activation: Activation

    init(_ options: Options, widths defaultWidths: String, samples defaultSamples: Int) throws {
        let widthsText = options.values["widths"] ?? defaultWidths
        widths = try widthsText.split(separator: ",").map { part -> Int in
            guard let w = Int(part) else { throw UsageError(description: "--widths expects integers, got '\(widthsText)'") }
            return w
        }
        samples = try options.integer("samples", default: defaultSamples)
        seed = try options.integer("seed", default: 1)
        activationName = options.values["activation"] ?? "relu"
        guard let activation = Activation(name: activationName) else {
            throw UsageError(description: "unknown activation '\(activationName)'")
        }
        self.activation = activation
    }
}

func jacobianRank(_ options: Options) throws {
    let rung = try Rung(options, widths: "20,50,50,10", samples: 500)
    let (widths, samples, seed, activationName, activation) = (rung.widths, rung.samples, rung.seed, rung.activationName, rung.activation)
    let draw = try detNet(widths: widths, activation: activation, seed: UInt64(seed), samples: samples)

    let runs = max(1, try options.integer("runs", default: 1))
    let warmup = max(0, try options.integer("warmup", default: 0))
    let useSVD = options.flags.contains("svd")
    // As `nnid analyze` does: a ReLU network's Jacobian has rank ≤ P − H (positive rescaling of each hidden
    // unit), so the full-rank Gram certificate is not tried; the rank does not depend on this.
    let rankBound = activation == .relu ? draw.network.parameterCount - draw.network.hiddenCount : nil
    var jacobianTimes: [Double] = [], rankTimes: [Double] = [], totalTimes: [Double] = []
    var jacobian = Matrix(rows: 0, cols: 0)
    var estimate: RankEstimate?
    for run in 0..<(warmup + runs) {
        var start = DispatchTime.now()
        jacobian = try draw.network.batchJacobian(draw.inputs)
        let jacobianSeconds = seconds(since: start)
        start = DispatchTime.now()
        estimate = useSVD ? try numericalRank(jacobian) : try fastNumericalRank(jacobian, rankAtMost: rankBound)
        let rankSeconds = seconds(since: start)
        if run >= warmup {
            jacobianTimes.append(jacobianSeconds)
            rankTimes.append(rankSeconds)
            totalTimes.append(jacobianSeconds + rankSeconds)
        }
    }
    guard let estimate else { throw UsageError(description: "no run") }
    var floorFields: [String] = []
    if options.flags.contains("floors") {
        // The LAPACK floors on the same J, tall orientation, workspace query included (as a caller pays it).
        let tall = jacobian.rows >= jacobian.cols ? jacobian.transposed.storage : jacobian.storage
        let (m, n) = (max(jacobian.rows, jacobian.cols), min(jacobian.rows, jacobian.cols))
        // --no-dgeqp3: the BLAS-2-bound floor takes many minutes on the largest rungs.
        let floors = [("dgeqp3", lapackQR(pivoted: true)), ("dgeqrf", lapackQR(pivoted: false))]
            .filter { $0.0 != "dgeqp3" || !options.flags.contains("no-dgeqp3") }
        for (name, routine) in floors {
            var times: [Double] = []
            for run in 0..<(warmup + runs) {
                let t = try routine(tall, m, n)
                if run >= warmup { times.append(t) }
            }
            floorFields.append("\"\(name)_seconds\": \(summary(times))")
        }
    }
    if options.flags.contains("phases") { floorFields.append(try sketchQRPhaseField(jacobian, options, warmup: warmup, runs: runs)) }
    let checksum = jacobian.storage.reduce(0) { $0 + abs($1) }
    let fields = [
        "\"implementation\": \"swift\"", "\"openblas_kernel\": \(jsonString(blasKernel()))",
        "\"openblas_threads\": \(openBLASThreads())",
        "\"widths\": [\(widths.map(String.init).joined(separator: ", "))]", "\"samples\": \(samples)",
        "\"seed\": \(seed)", "\"activation\": \(jsonString(activationName))",
        "\"rows\": \(jacobian.rows)", "\"cols\": \(jacobian.cols)", "\"rank\": \(estimate.rank)",
        "\"method\": \(jsonString(estimate.method.rawValue))", "\"tolerance\": \(estimate.tolerance)",
        "\"sigma_last\": \(estimate.sigmaLast)", "\"sigma_next\": \(estimate.sigmaNext)",
        "\"gap\": \(estimate.gap.isFinite ? String(estimate.gap) : "null")",
        "\"jacobian_seconds\": \(rounded(median(jacobianTimes)))", "\"rank_seconds\": \(rounded(median(rankTimes)))",
        "\"total_seconds\": \(rounded(median(totalTimes)))", "\"total_runs\": \(summary(totalTimes))",
        "\"rank_runs\": \(summary(rankTimes))", "\"checksum\": \(checksum)",
    ] + floorFields
    print("{" + fields.joined(separator: ", ") + "}")
}

/// "qr_phases": the sketch-pivoted QR of J timed phase by phase (medians over the runs; phases in order).
func sketchQRPhaseField(_ jacobian: Matrix, _ options: Options, warmup: Int, runs: Int) throws -> String {
    let columns = min(jacobian.rows, jacobian.cols)
    let block = try options.integer("qr-block", default: columns >= 1024 ? 64 : 32)
    guard block >= 1 else { throw UsageError(description: "--qr-block must be at least 1") }
    var totals: [Double] = [], phaseTimes: [[Double]] = []
    var names: [String] = []
    for run in 0..<(warmup + runs) {
        let profile = try sketchPivotedQRPhaseTimes(jacobian, blockSize: block)
        guard run >= warmup else { continue }
        totals.append(profile.total)
        names = profile.phases.map(\.phase.rawValue)
        if phaseTimes.isEmpty { phaseTimes = Array(repeating: [], count: names.count) }
        for (index, entry) in profile.phases.enumerated() { phaseTimes[index].append(entry.seconds) }
    }
    let phases = zip(names, phaseTimes).map { "\(jsonString($0)): \(rounded(median($1)))" }
    return "\"qr_phases\": {\"block_size\": \(block), \"total_seconds\": \(summary(totals)), "
        + phases.joined(separator: ", ") + "}"
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

/// The parser alone on one file, as `nnid ingest` runs it before storing (`parseSource`: decoding, format
/// detection, parsing), timed in process so that neither start-up nor SQLite counts. Medians over `--runs`.
func parseBenchmark(_ arguments: ArraySlice<String>) throws {
    guard let path = arguments.first else { throw UsageError(description: "usage: nnid-bench parse FILE [--runs N]") }
    let options = try Options(arguments.dropFirst(), flags: [])
    let runs = max(1, try options.integer("runs", default: 3))
    guard let data = FileManager.default.contents(atPath: path) else { throw UsageError(description: "cannot read '\(path)'") }
    let bytes = [UInt8](data)
    var times: [Double] = []
    var result = ParseResult()
    for _ in 0..<runs {
        let start = DispatchTime.now()
        result = parseSource(path: path, bytes: bytes, format: nil)
        times.append(seconds(since: start))
    }
    let megabytes = Double(bytes.count) / 1e6
    let passages = result.documents.reduce(0) { $0 + $1.passages.count }
    print("{\"benchmark\": \"parse\", \"file\": \(jsonString(path)), \"megabytes\": \(rounded(megabytes)), "
        + "\"works\": \(result.works.count), \"documents\": \(result.documents.count), \"passages\": \(passages), "
        + "\"diagnostics\": \(result.diagnostics.count), \"seconds\": \(summary(times)), "
        + "\"megabytes_per_second\": \(rounded(megabytes / median(times)))}")
}

let arguments = CommandLine.arguments
do {
    guard arguments.count >= 2 else {
        throw UsageError(description: "usage: nnid-bench jacobian-rank|modular-rank|exact-jacobian|parse [options]")
    }
    switch arguments[1] {
    case "jacobian-rank": try jacobianRank(Options(arguments.dropFirst(2), flags: ["svd", "floors", "no-dgeqp3", "phases"]))
    case "modular-rank": try modularRankBenchmark(Options(arguments.dropFirst(2), flags: []))
    case "parse": try parseBenchmark(arguments.dropFirst(2))
    case "exact-jacobian": try exactJacobianBenchmark(Options(arguments.dropFirst(2), flags: []))
    default: throw UsageError(description: "unknown benchmark '\(arguments[1])' (jacobian-rank, modular-rank, exact-jacobian, parse)")
    }
} catch let error as UsageError {
    fail(error.description)
} catch {
    fail("\(error)")
}
