import Foundation

/// Why a subprocess could not be started.
public enum SubprocessError: Error, CustomStringConvertible {
    /// The executable was given by name and no directory on PATH holds it.
    case executableNotFound(String)

    public var description: String {
        switch self {
        case .executableNotFound(let name): return "\(name) was not found on PATH"
        }
    }
}

/// Runs external programs from tests and collects their output.
public enum Subprocess {
    /// Runs `executable` (a path, or a bare name looked up on PATH) with `arguments`, writes `stdin` to it and
    /// returns its exit status and both outputs as UTF-8. `environment`, when given, replaces the inherited one.
    public static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil,
                           environment: [String: String]? = nil, currentDirectory: URL? = nil) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        guard let url = locate(executable, path: environment?["PATH"]) else {
            throw SubprocessError.executableNotFound(executable)
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        process.standardOutput = output
        process.standardError = errors
        // A child that exits before reading all of stdin must not kill the test runner with SIGPIPE.
        if stdin != nil { signal(SIGPIPE, SIG_IGN) }
        try process.run()

        // stderr is drained and stdin fed on other threads while this one drains stdout, so no pipe can
        // fill up and leave the child and us waiting on each other.
        let collected = CollectedData()
        let helpers = DispatchGroup()
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: helpers) { collected.set(errorHandle.readDataToEndOfFile()) }
        if let stdin {
            let writer = input.fileHandleForWriting
            DispatchQueue.global().async(group: helpers) {
                try? writer.write(contentsOf: stdin)
                try? writer.close()
            }
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        helpers.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: collected.get(), as: UTF8.self))
    }

    /// The executable file `name` stands for: itself when it contains a slash, else the first match on
    /// `path` (default: this process's PATH); nil when there is none.
    public static func locate(_ name: String, path: String? = nil) -> URL? {
        if name.contains("/") { return URL(fileURLWithPath: name) }
        let search = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return search.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// Data handed from a reader thread back to the caller.
private final class CollectedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
