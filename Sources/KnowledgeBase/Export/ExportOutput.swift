// A buffered byte writer for exports: documents are streamed to a file descriptor in 64 KiB chunks,
// never assembled in memory. Write errors are sticky and reported once by `finish()`, so the row loops
// that feed it (inside SQLite statement callbacks) need not throw.
import Foundation

/// Why an export could not be written.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Reading the database failed.
    case store(KnowledgeBaseError)
    /// The output file could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// A work key given on the command line is not in the base.
    case unknownWork(String)
    /// A claim id given on the command line is not in the base.
    case unknownClaim(String)

    public var description: String {
        switch self {
        case .store(let error): return error.description
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .unknownWork(let key): return "no work with key \(key) (see `nnid works --search`)"
        case .unknownClaim(let id): return "no claim with id \(id) (see `nnid claims`)"
        }
    }
}

/// Streams bytes to a file or to standard output through a fixed-size buffer.
public final class ExportOutput {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Shown in error messages ("-" for standard output).
    public let name: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    private var failure: String?
    /// Bytes handed to the writer so far.
    public private(set) var byteCount = 0

    /// Writes to standard output.
    public init() {
        descriptor = STDOUT_FILENO
        ownsDescriptor = false
        name = "-"
        buffer.reserveCapacity(capacity)
    }

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws(ExportError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        ownsDescriptor = true
        name = path
        buffer.reserveCapacity(capacity)
    }

    /// Writes to an already open descriptor (a pipe); it is closed by `finish()` when `closeWhenDone`.
    public init(descriptor: Int32, name: String, closeWhenDone: Bool) {
        self.descriptor = descriptor
        ownsDescriptor = closeWhenDone
        self.name = name
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends one byte.
    @inline(__always) func write(byte: UInt8) {
        buffer.append(byte)
        byteCount += 1
        if buffer.count >= capacity { flush() }
    }

    /// Appends raw bytes.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        byteCount += bytes.count
        if buffer.count >= capacity { flush() }
    }

    /// Hands the buffered bytes to the kernel.
    public func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
    }

    /// Flushes, closes a file this writer opened, and reports the first write error.
    public func finish() throws(ExportError) {
        flush()
        if let failure { throw .cannotWrite(path: name, reason: failure) }
    }
}
