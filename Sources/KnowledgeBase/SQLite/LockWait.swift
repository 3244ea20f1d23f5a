// Waiting for another process's lock: SQLite calls the busy handler while a lock is held; ours retries
// until the caller's limit and says once, on stderr via the caller's closure, that it is waiting.
import Foundation

/// How long to wait for another process that holds the database lock, and what to say while waiting.
public struct LockWait: Sendable {
    /// Give up after this many seconds (0: fail at once).
    public var seconds: Double
    /// Called once per connection when a wait has lasted a moment, with the limit in seconds.
    public var onWait: (@Sendable (_ limitSeconds: Double) -> Void)?

    public init(seconds: Double, onWait: (@Sendable (_ limitSeconds: Double) -> Void)? = nil) {
        self.seconds = max(0, seconds)
        self.onWait = onWait
    }

    /// The library default: five minutes, silently (the CLI passes its own with a message).
    public static let `default` = LockWait(seconds: 300)

    /// A wait shorter than this is ordinary contention and is not announced.
    static let announceAfter: Double = 0.25
}

/// The state of one connection's waits; SQLite reaches it through a raw pointer (`lockWaiterCallback`).
final class LockWaiter {
    let wait: LockWait
    private var startedAt = Date()
    private var announced = false

    init(_ wait: LockWait) { self.wait = wait }

    /// Whether to try again after `attempt` failed tries (0 for the first call of a new wait); sleeps first.
    func shouldRetry(attempt: Int) -> Bool {
        if attempt == 0 { startedAt = Date() }
        let elapsed = Date().timeIntervalSince(startedAt)
        if elapsed >= wait.seconds { return false }
        if !announced, elapsed >= LockWait.announceAfter {
            announced = true
            wait.onWait?(wait.seconds)
        }
        // Short sleeps first (most locks are brief), then 100 ms steps; never past the limit.
        let step = min(0.1, 0.002 * Double(attempt + 1), wait.seconds - elapsed)
        usleep(useconds_t(max(step, 0.001) * 1_000_000))
        return true
    }
}

/// The C busy handler: `context` is an unretained `LockWaiter` owned by the connection.
func lockWaiterCallback(_ context: UnsafeMutableRawPointer?, _ attempt: Int32) -> Int32 {
    guard let context else { return 0 }
    let waiter = Unmanaged<LockWaiter>.fromOpaque(context).takeUnretainedValue()
    return waiter.shouldRetry(attempt: Int(attempt)) ? 1 : 0
}
