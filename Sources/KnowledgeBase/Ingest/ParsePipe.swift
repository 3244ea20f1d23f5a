import Dispatch
import Literature
import Synchronization

/// Hands parsed pieces from the parsing thread to the writing thread in the order they were sent.
/// The writer blocks until the next piece is there; `cancel` makes the parser stop early.
///
/// Memory stays bounded: at most `maximumPendingSlices` slices of works are sent and not yet stored (the
/// parser waits for the writer beyond that), and a piece the writer is done with is released by the
/// parsing thread at its next `send`: freeing records on the thread that allocated them is much cheaper
/// than freeing them on the writer's thread, which is the critical path.
final class ParsePipe: Sendable {
    enum Piece: Sendable {
        /// Works of the file being parsed, in file order (BibTeX only), with their incoming rows.
        case works([WorkRecord], [WorkRow])
        /// The file is done: its format and everything else it held (streamed works left out).
        case finished(IngestInput)
    }

    /// Slices of works (2000 entries each) parsed ahead of the writer. The parser is faster than the
    /// writer, so two keep the writer from ever waiting; more only hold more records in memory (issue 10:
    /// ingest memory ≤ 3× the input).
    static let maximumPendingSlices = 2

    private struct State {
        /// Sent pieces; nil once released (indices stay those of `send` order).
        var pieces: [Piece?] = []
        /// Pieces handed to the writer, and pieces it has finished with.
        var received = 0
        var processed = 0
        /// Pieces below this index have been released.
        var released = 0
        var cancelled = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let consumed = DispatchSemaphore(value: 0)
    /// Room for slices of works. Created empty and filled in `init`: libdispatch traps when a semaphore
    /// is freed below the value it was created with, which a cancelled run leaves it at.
    private let freeSlices = DispatchSemaphore(value: 0)

    init() {
        for _ in 0..<Self.maximumPendingSlices { freeSlices.signal() }
    }

    /// Parsing thread: queues `piece`, first waiting while too many slices of works are pending.
    func send(_ piece: Piece) {
        releaseProcessed()
        if case .works = piece, !isCancelled { freeSlices.wait() }
        let accepted = state.withLock { state -> Bool in
            guard !state.cancelled else { return false }
            state.pieces.append(piece)
            return true
        }
        if accepted { available.signal() }
    }

    /// The next piece, waiting for the parser if needed.
    func receive() -> Piece {
        available.wait()
        return state.withLock { state in
            state.received += 1
            // Only the parsing thread sets entries to nil, and only below `processed`.
            return state.pieces[state.received - 1]!
        }
    }

    /// Writer: done with the piece `receive` returned last (its works are stored, or its input kept).
    func processed(_ piece: Piece) {
        state.withLock { $0.processed += 1 }
        if case .works = piece { freeSlices.signal() }
    }

    /// The writer has stored every streamed work.
    func worksConsumed() { consumed.signal() }

    /// Parsing thread: after sending everything, wait for the writer and release what was sent.
    func releaseWhenConsumed() {
        consumed.wait()
        let pieces = state.withLock { state in
            defer { state.pieces = [] }
            return state.pieces
        }
        _ = pieces.count   // the last reference goes away here, on this thread
    }

    func cancel() {
        state.withLock { $0.cancelled = true }
        consumed.signal()
        freeSlices.signal()   // a parser waiting for room wakes up, sees the flag and sends nothing more
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Parsing thread: takes the pieces the writer has finished with out of the pipe and frees them here.
    private func releaseProcessed() {
        let done = state.withLock { state -> [Piece?] in
            guard state.released < state.processed else { return [] }
            let range = state.released..<state.processed
            let taken = Array(state.pieces[range])
            for index in range { state.pieces[index] = nil }
            state.released = state.processed
            return taken
        }
        _ = done.count   // the last reference goes away here, outside the lock
    }
}
