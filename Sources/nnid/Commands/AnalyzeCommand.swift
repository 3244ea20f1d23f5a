import ArgumentParser
import Foundation
import LinearAlgebra
import Models
import Networks

/// `nnid analyze`: a user's trained network on a sample — units, symmetries, rank, verdict, claims.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze a trained network on a sample: local identifiability, symmetries, dead and twin units.",
        discussion: HelpText.reflow("""
            NETWORK is JSON ({"activation": "relu", "layers": [{"weight": [[...]], "bias": [...]}]}, weight rows =
            output neurons), safetensors (a PyTorch nn.Sequential state_dict: 0.weight, 0.bias, 2.weight, …),
            NumPy .npz (W1, b1, W2, … or weight_0, bias_0, …) or ONNX (Gemm or MatMul+Add layers and one
            activation node between them). The format follows the extension unless --format-in names it.
            safetensors and npz do not always name the activation: pass --activation.

            The sample is --sample FILE (CSV, one input per row, optional header; or a 2-D .npy array) or
            --samples N --seed S (inputs in [−2, 2) drawn as det_net does).

            JSON (--format json) keys: architecture, activation, parameters, hidden_neurons, symmetry,
            group_order (exact integer as a string), samples, samples_used, excluded_samples, min_preactivation,
            dead_units, always_active_units, zero_incoming_units, zero_outgoing_units, twin_units, jacobian_rows,
            rank, sigma_r, sigma_r_plus_1, gap (null when infinite), tolerance, rank_method, max_rank,
            max_rank_reason, r_a, verdict (identifiable | not_identifiable | undecided), reason,
            more_samples_needed, applicable_claims, applicable_claims_source, exact_rank (with --exact), comparison
            (with --compare), run_id and started_at (the recorded run; null when not recorded).

            Recording: each analysis is recorded in the
            history (`nnid history --origin analyze`, `nnid run ID`) when the database at --db (default
            $NNID_DB, else ./nnid.sqlite) already exists as a writable nnid database: status passed when the
            verdict is decided (identifiable or not_identifiable), inconclusive when undecided; parameters name
            the files with their SHA-256. No database is created for it, and another program's, a damaged,
            a newer or a read-only file is left untouched (one note on stderr, same exit status). --no-record
            skips it.

            Exit status: 0 the analysis ran (whatever the verdict), 2 a usage error or an unreadable input
            (nothing is written then).

            Examples:
              nnid analyze model.safetensors --activation relu --sample data.csv
              nnid analyze model.onnx --samples 200 --seed 1 --exact --plot spectrum.svg
              nnid analyze a.json --sample x.npy --compare b.npz --emit-aligned b-aligned.npz
            """))

    @Argument(help: "The network file (.json, .safetensors, .npz, .onnx).")
    var network: String

    @Option(name: .customLong("format-in"), help: "Force the network file's format: json, safetensors, npz or onnx.")
    var formatIn: String?

    @Option(name: .long, help: "Activation of the hidden layers when the file does not name it (overrides the file).")
    var activation: String?

    @Option(name: .long, help: "Sample file: CSV or a 2-D .npy array.")
    var sample: String?

    @Option(name: .long, help: "Draw this many inputs instead of reading --sample.")
    var samples: Int?

    @Option(name: .long, help: "Seed for --samples and for the primes of --exact (default 0).")
    var seed: UInt64 = 0

    @Flag(name: .long, help: "Also compute the Jacobian rank exactly modulo random primes.")
    var exact = false

    @Option(name: .long, help: "Write the singular-value spectrum as an SVG plot to this file.")
    var plot: String?

    @Option(name: .long, help: "Compare with another network file modulo symmetries.")
    var compare: String?

    @Option(name: .customLong("emit-aligned"), help: "With --compare: write the other network aligned to this one, in this one's format.")
    var emitAligned: String?

    @Option(name: .customLong("max-memory"), help: "Memory budget such as 4G, 512M or a byte count (default 4G).")
    var maxMemory: String?

    @Option(name: .long, help: "Output format: text or json (text on a terminal, json otherwise).")
    var format: String?

    @Flag(name: .customLong("no-record"), help: "Do not record this analysis in the database's run history.")
    var noRecord = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if sample == nil && samples == nil { throw ValidationError("give --sample FILE or --samples N") }
        if sample != nil && samples != nil { throw ValidationError("give either --sample or --samples, not both") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if emitAligned != nil && compare == nil { throw ValidationError("--emit-aligned needs --compare") }
        if let format, format != "text" && format != "json" { throw ValidationError("--format must be text or json") }
        if let formatIn, ModelFormat(rawValue: formatIn) == nil {
            throw ValidationError("--format-in must be one of json, safetensors, npz, onnx")
        }
        if let maxMemory, Self.bytes(maxMemory) == nil { throw ValidationError("--max-memory must look like 4G, 512M or 1000000") }
    }

    func run() throws {
        do {
            try analyze()
        } catch let error as ModelError {
            Terminal.error("nnid analyze: error: \(error)")
            throw ExitCode(ExitStatus.usage)
        } catch let error as NetworkError {
            Terminal.error("nnid analyze: error: \(error)")
            throw ExitCode(ExitStatus.usage)
        } catch let error as SymmetryError {
            Terminal.error("nnid analyze: error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    private func analyze() throws {
        let started = Date()
        var override: Activation?
        if let activation {
            guard let parsed = Activation(name: activation) else {
                throw ModelError("unknown activation '\(activation)'; valid: " + Activation.canonicalNames.joined(separator: ", "))
            }
            override = parsed
        }
        let net = try ModelLoading.load(network, formatIn: formatIn, activation: override)
        let inputs: Matrix
        if let sample {
            let data = try ModelLoading.read(sample)
            do { inputs = try SampleReader.read(data, fileName: sample) } catch let e as ModelError { throw e.inFile(sample) }
            guard inputs.cols == net.mlp.inputWidth else {
                throw ModelError("the sample has \(inputs.cols) columns but the network's input width is \(net.mlp.inputWidth)", file: sample)
            }
        } else {
            inputs = try detNet(widths: net.mlp.widths, activation: net.mlp.activation, seed: seed, samples: samples ?? 1).inputs
        }
        var options = AnalysisOptions()
        options.exact = exact
        options.fullSpectrum = plot != nil
        options.seed = seed
        if let maxMemory, let budget = Self.bytes(maxMemory) { options.memoryBudget = budget }
        let provider: ApplicableClaimsProvider = DeducedClaims(databasePath: database.path)
        let (claims, source) = provider.applicableClaims(to: net.mlp, samples: inputs.rows)
        let report = try NetworkAnalysis.run(network: net.mlp, inputs: inputs, options: options, claims: claims, claimsSource: source)

        var comparison: ComparisonReport?
        var aligned: MLP?
        if let compare {
            let other = try ModelLoading.load(compare, formatIn: nil, activation: override ?? net.mlp.activation)
            (comparison, aligned) = try Alignment.compare(net.mlp, other.mlp, sample: inputs)
        }
        // Everything is computed: only now write files (atomically), so a failure leaves nothing behind.
        var outputs: [(String, Data)] = []
        if let plot {
            outputs.append((plot, Data(SpectrumPlot.svg(report: report, title: "Jacobian spectrum of \((network as NSString).lastPathComponent)").utf8)))
        }
        if let emitAligned, let aligned {
            let format = ModelFormat(fileName: emitAligned) ?? net.format
            outputs.append((emitAligned, try ModelWriter.data(aligned, format: format)))
        }
        for (path, data) in outputs {
            do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw ModelError("cannot write: \(error.localizedDescription)", file: path)
            }
        }
        let durationMs = Date().timeIntervalSince(started) * 1000
        let startedAt = ISO8601DateFormatter().string(from: started)
        var runID: Int64?
        if !noRecord {
            let inputs = AnalysisRecorder.Inputs(network: network, format: net.format, sampleFile: sample,
                                                 drawnSamples: sample == nil ? samples : nil, seed: seed,
                                                 exact: exact, compare: compare)
            runID = AnalysisRecorder(database: database)
                .record(report, inputs: inputs, startedAt: startedAt, durationMs: durationMs)
        }
        let json = format == "json" || (format == nil && isatty(STDOUT_FILENO) == 0)
        if json {
            print(try Self.json(report, comparison: comparison, runID: runID, startedAt: runID == nil ? nil : startedAt))
        } else {
            var text = AnalyzeRendering.text(report, file: network)
            if let comparison, let compare { text += "\n" + AnalyzeRendering.comparison(comparison, other: compare) }
            print(text)
        }
    }

    /// The report's keys, `comparison` (with --compare), and `run_id` / `started_at` (always present;
    /// null when the run was not recorded).
    static func json(_ report: AnalysisReport, comparison: ComparisonReport?, runID: Int64?, startedAt: String?)
        throws -> String
    {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Combined: Encodable {
            let report: AnalysisReport
            let comparison: ComparisonReport?
            let runID: Int64?
            let startedAt: String?
            func encode(to encoder: Encoder) throws {
                try report.encode(to: encoder)
                var container = encoder.container(keyedBy: DynamicKey.self)
                if let comparison { try container.encode(comparison, forKey: DynamicKey("comparison")) }
                try container.encode(runID, forKey: DynamicKey("run_id"))
                try container.encode(startedAt, forKey: DynamicKey("started_at"))
            }
        }
        let combined = Combined(report: report, comparison: comparison, runID: runID, startedAt: startedAt)
        return String(decoding: try encoder.encode(combined), as: UTF8.self)
    }

    /// "4G" → 4·2^30, "512M", "100K", or a plain byte count.
    static func bytes(_ text: String) -> Int? {
        let upper = text.uppercased().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "IB", with: "").replacingOccurrences(of: "B", with: "")
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        if let last = upper.last, let unit = units[last] {
            guard let value = Double(upper.dropLast()), value > 0 else { return nil }
            return Int(value * Double(unit))
        }
        return Int(upper).flatMap { $0 > 0 ? $0 : nil }
    }
}
