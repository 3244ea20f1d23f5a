import Foundation
import KnowledgeBase

/// Pipes DOT into Graphviz's `dot -Tsvg`, streaming, so the DOT text is never held in memory.
enum GraphvizRenderer {
    struct Failure: Error {
        let message: String
    }

    /// The `dot` executable on PATH, if Graphviz is installed.
    static func dotExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs `dot -Tsvg` writing to `output` (or standard output) while `writeDOT` feeds its input.
    static func renderSVG(output: String?, writeDOT: (ExportOutput) throws -> Void) throws {
        guard let dot = dotExecutable() else {
            throw Failure(message: "--format svg needs Graphviz's `dot`, which is not on PATH; "
                          + "install the Debian package graphviz (apt-get install graphviz), "
                          + "or export --format dot and render it elsewhere")
        }
        signal(SIGPIPE, SIG_IGN)  // if dot exits early, report its status instead of dying silently
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg"] + (output.map { ["-o", $0] } ?? [])
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.standardOutput
        try process.run()
        let sink = ExportOutput(descriptor: input.fileHandleForWriting.fileDescriptor, name: "dot -Tsvg",
                                closeWhenDone: false)
        var writeError: Error?
        do { try writeDOT(sink) } catch { writeError = error }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw Failure(message: "`dot -Tsvg` failed with status \(process.terminationStatus)")
        }
        if let writeError { throw writeError }
    }
}
