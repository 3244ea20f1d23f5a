import Dispatch
import Literature
import Synchronization

/// Hands parsed pieces from the parsing thread to the writing thread in the order they were sent.
/// The writer blocks until the next piece is there; `cancel` makes the parser stop early.
///
/// Pieces stay in the pipe after they are read and are released by the parsing thread once the writer
/// is done with them (`worksConsumed`): freeing records on the thread that allocated them, while the writer
/// goes on, is much cheaper than freeing them on the writer's thread as it goes.
final class ParsePipe: Sendable {
    enum Piece: Sendable {
        /// Works of the file being parsed, in file order (BibTeX only), with their incoming rows.
        case works([WorkRecord], [WorkRow])
        /// The file is done: its format and everything else it held (streamed works left out).
        case finished(IngestInput)
    }

    private let queue = Mutex<(pieces: [Piece], next: Int, cancelled: Bool)>(([], 0, false))
    private let available = DispatchSemaphore(value: 0)
    private let consumed = DispatchSemaphore(value: 0)

    func send(_ piece: Piece) {
        queue.withLock { $0.pieces.append(piece) }
        available.signal()
    }

    /// The next piece, waiting for the parser if needed.
    func receive() -> Piece {
        available.wait()
        return queue.withLock { state in
            state.next += 1
            return state.pieces[state.next - 1]
        }
    }

    /// The writer has stored every streamed work.
    func worksConsumed() { consumed.signal() }

    /// Parsing thread: after sending everything, wait for the writer and release what was sent.
    func releaseWhenConsumed() {
        consumed.wait()
        let pieces = queue.withLock { state in
            defer { state.pieces = [] }
            return state.pieces
        }
        _ = pieces.count   // the last reference goes away here, on this thread
    }

    func cancel() {
        queue.withLock { $0.cancelled = true }
        consumed.signal()
    }

    var isCancelled: Bool { queue.withLock { $0.cancelled } }
}
