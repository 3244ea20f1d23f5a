import Foundation
import TestSupport

/// Runs the built `nnid` binary as a subprocess, as a user would.
enum CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The products folder that holds both the test bundle and the `nnid` executable.
    static var binary: URL {
        let bundle = Bundle(for: BundleMarker.self).bundleURL
        let candidates = [
            bundle.appendingPathComponent("nnid"),
            bundle.deletingLastPathComponent().appendingPathComponent("nnid"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nnid"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static func run(_ arguments: [String], environment: [String: String] = [:],
                    currentDirectory: URL? = nil) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        let result = try Subprocess.run(binary.path, arguments, environment: env, currentDirectory: currentDirectory)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// A new database in a new temporary directory (named after `label`) holding the built-in corpus,
    /// ingested from that directory, where there is no corpus/ to read.
    static func ingestedDatabase(_ label: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("kb.sqlite").path
        _ = try? run(["ingest", "--db", db], currentDirectory: dir)
        return db
    }

    /// Repository root (…/Tests/CLITests/CLIRunner.swift → …).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

private final class BundleMarker {}

