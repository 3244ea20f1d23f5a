import Foundation
import KnowledgeBase
import Models

/// Records one `nnid analyze` run (origin `analyze`, the built-in check `network-analysis`, no claim) in
/// the database at `--db`, but only when that file is already an nnid database nnid may write: the
/// analysis is the command's work, the record a side effect, so it never creates a database and never
/// touches another program's, a damaged, a newer or a read-only file (one note on stderr instead).
struct AnalysisRecorder {
    /// What was analyzed, as the run's parameters will name it.
    struct Inputs {
        var network: String
        var format: ModelFormat
        /// A sample file, or nil when the inputs were drawn (`--samples N --seed S`).
        var sampleFile: String?
        var drawnSamples: Int?
        var seed: UInt64
        var exact: Bool
        var compare: String?
    }

    let database: DatabaseOptions

    /// The analysis outcome as a run status: a decided verdict (identifiable or not) is `passed` — the
    /// analysis reached an answer, whichever it is — and `undecided` is `inconclusive`, the status the
    /// checks use when the numbers cannot decide. There is no `failed`: no claim is being tested.
    static func status(verdict: String) -> RunStatus {
        verdict == "undecided" ? .inconclusive : .passed
    }

    /// Stores the run and returns its id, or nil (after at most one note) when it is not recorded.
    func record(_ report: AnalysisReport, inputs: Inputs, startedAt: String, durationMs: Double) -> Int64? {
        let path = database.path
        guard FileManager.default.fileExists(atPath: path) else {
            // No database is the usual case for a user who only analyzes: say so only when one was named.
            if database.isExplicit { note("there is no database at \(path) (nnid creates none for analyze)") }
            return nil
        }
        let run: VerificationRun
        do {
            run = VerificationRun(
                claimID: nil, checkID: KnowledgeBase.networkAnalysisCheckID,
                parametersJSON: try JSONOutput.compact(try Self.parameters(inputs, report: report)),
                status: Self.status(verdict: report.verdict),
                metricsJSON: try JSONOutput.compact(Self.metrics(report)),
                controlsJSON: "[]", nnidVersion: NNIDVersion.string, startedAt: startedAt,
                durationMilliseconds: Int(durationMs.rounded()), origin: .analyze,
                assertionsJSON: "[]", notesJSON: try JSONOutput.compact(Self.notes(report)))
        } catch {
            note("its inputs could not be described (\(error))")
            return nil
        }
        do {
            return try database.openForRecording().recordRun(run)
        } catch {
            note(Self.reason(error, path: path))
            return nil
        }
    }

    private func note(_ why: String) {
        Terminal.error("nnid analyze: note: the run is not recorded: \(why)")
    }

    /// A short reason for each refusal; the analysis itself succeeded, so no advice on fixing the file.
    static func reason(_ error: KnowledgeBaseError, path: String) -> String {
        switch error {
        case .foreignDatabase: return "\(path) is another program's SQLite file"
        case .corruptDatabase: return "\(path) is damaged or not an SQLite database"
        case .newerSchema: return "\(path) was written by a newer nnid"
        case .readOnlyDatabase: return "\(path) is not writable"
        case .emptyDatabase: return "\(path) holds no nnid database (nnid creates none for analyze)"
        case .locked: return "\(path) stayed locked by another process"
        default: return "\(error)"
        }
    }

    /// The files by absolute path and SHA-256, the options that change the result.
    static func parameters(_ inputs: Inputs, report: AnalysisReport) throws -> [String: JSONValue] {
        var out: [String: JSONValue] = [
            "network": .string(absolute(inputs.network)),
            "network_sha256": .string(try SHA256.hex(ofFileAt: inputs.network)),
            "format": .string(inputs.format.rawValue),
            "activation": .string(report.activation),
            "architecture": .array(report.architecture.map { .number(Double($0)) }),
            // A seed above 2^53 would lose digits as a JSON number.
            "seed": inputs.seed <= 1 << 53 ? .number(Double(inputs.seed)) : .string(String(inputs.seed)),
            "exact": .bool(inputs.exact),
            "sample": .null, "sample_sha256": .null, "samples": .null, "compare": .null, "compare_sha256": .null,
        ]
        if let file = inputs.sampleFile {
            out["sample"] = .string(absolute(file))
            out["sample_sha256"] = .string(try SHA256.hex(ofFileAt: file))
        } else if let drawn = inputs.drawnSamples {
            out["samples"] = .number(Double(drawn))
        }
        if let compare = inputs.compare {
            out["compare"] = .string(absolute(compare))
            out["compare_sha256"] = .string(try SHA256.hex(ofFileAt: compare))
        }
        return out
    }

    /// The key numbers of the report (the full report is `analyze --format json`).
    static func metrics(_ r: AnalysisReport) -> [String: JSONValue] {
        var out: [String: JSONValue] = [
            "verdict": .string(r.verdict),
            "rank": .number(Double(r.rank)),
            "max_rank": .number(Double(r.maxRank)),
            "gap": number(r.gap),
            "sigma_r": number(r.sigmaR),
            "sigma_r_plus_1": number(r.sigmaRPlus1),
            "tolerance": number(r.tolerance),
            "rank_method": .string(r.rankMethod),
            "group_order": .string(r.groupOrder),
            "symmetry": .string(r.symmetry),
            "parameters": .number(Double(r.parameters)),
            "hidden_neurons": .number(Double(r.hiddenNeurons)),
            "samples_used": .number(Double(r.samplesUsed)),
            "jacobian_rows": .number(Double(r.jacobianRows)),
            "dead_units": .number(Double(r.deadUnits.count)),
            "twin_units": .number(Double(r.twinUnits.count)),
            "r_a": r.rA.map { .number(Double($0)) } ?? .null,
            "more_samples_needed": r.moreSamplesNeeded.map { .number(Double($0)) } ?? .null,
            "applicable_claims": .array(r.applicableClaims.map { .string($0.id) }),
            "exact_rank": .null, "exact_certified": .null,
        ]
        if let exact = r.exactRank {
            out["exact_rank"] = .number(Double(exact.rank))
            out["exact_certified"] = .bool(exact.certified)
        }
        return out
    }

    static func notes(_ r: AnalysisReport) -> [String] {
        ["verdict \(r.verdict): \(r.reason)", "max_rank \(r.maxRank): \(r.maxRankReason)"]
    }

    /// JSON has no infinity or NaN: they are stored as the strings `analyze --format json` prints.
    private static func number(_ value: Double?) -> JSONValue {
        guard let value else { return .null }
        if value.isNaN { return .string("nan") }
        if value.isInfinite { return .string(value > 0 ? "inf" : "-inf") }
        return .number(value)
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
