import Claims
import Foundation
import KnowledgeBase

/// Records the runs of `verify --sweep` (origin `sweep`) as they are made, in batches of `batchSize` per
/// transaction: a sweep can be thousands of runs, and a transaction per run would cost a disk sync each.
/// A batch that cannot be stored costs one warning and ends the recording; the sweep goes on and prints
/// its full result.
final class SweepRecorder {
    static let batchSize = 500

    private let session: ClaimSession
    private let formatter = ISO8601DateFormatter()
    private var pending: [(claim: String, run: VerificationRun)] = []
    private var failed = false
    /// The ids stored for each claim, as inclusive ranges in run order (one range unless another process
    /// wrote between two batches).
    private var ranges: [String: [ClosedRange<Int64>]] = [:]

    init(session: ClaimSession) { self.session = session }

    private var isRecording: Bool { session.recording && !failed }

    /// Queues the run of one grid point. A refused point ran nothing and is only counted, as in `verify`.
    func add(_ report: CheckReport, claimID: String, started: Date) {
        guard isRecording, report.refusal == nil else { return }
        let run = VerificationRun(report: report, claimID: claimID, startedAt: formatter.string(from: started),
                                  origin: .sweep)
        pending.append((claimID, run))
        if pending.count >= Self.batchSize { flush() }
    }

    /// Stores the queued runs in one transaction.
    func flush() {
        guard isRecording, !pending.isEmpty else { pending.removeAll(); return }
        defer { pending.removeAll(keepingCapacity: true) }
        let ids: [Int64]
        do {
            ids = try session.base.recordRuns(pending.map(\.run))
        } catch {
            failed = true
            let stored = ranges.values.joined().reduce(0) { $0 + $1.count }
            Terminal.error("nnid verify: warning: could not record the sweep's runs in \(session.path): \(error); "
                + "\(stored) recorded, the later ones are not (the results printed are complete)")
            return
        }
        for (entry, id) in zip(pending, ids) {
            var list = ranges[entry.claim, default: []]
            if let last = list.last, last.upperBound + 1 == id {
                list[list.count - 1] = last.lowerBound...id
            } else {
                list.append(id...id)
            }
            ranges[entry.claim] = list
        }
    }

    /// The recorded run ids of `claimID` as inclusive ranges.
    func runIDRanges(of claimID: String) -> [ClosedRange<Int64>] { ranges[claimID] ?? [] }
}
