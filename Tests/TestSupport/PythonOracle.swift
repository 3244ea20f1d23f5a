import Foundation
import XCTest

/// A python3 oracle script exited with a non-zero status although its modules are installed.
public struct PythonOracleError: Error, CustomStringConvertible {
    /// The exit status of python3.
    public var status: Int32
    /// What python3 wrote to stderr (usually a traceback).
    public var stderr: String

    public var description: String { "python3 oracle failed (status \(status)):\n\(stderr)" }
}

/// Runs independent python3 oracles (NumPy, networkx, bibtexparser, …) from tests.
public enum PythonOracle {
    /// Runs `python3 -c script arguments…` and returns its stdout. Throws XCTSkip when python3 or one of
    /// `modules` is missing; records a failure and throws when the script itself fails.
    public static func run(_ script: String, arguments: [String] = [], stdin: Data? = nil, modules: [String] = [],
                           file: StaticString = #filePath, line: UInt = #line) throws -> String
    {
        guard let python = Subprocess.locate("python3") else {
            throw XCTSkip("python3 is not on PATH; this test needs it as an independent oracle")
        }
        let result = try Subprocess.run(python.path, ["-c", script] + arguments, stdin: stdin)
        if result.status == 0 { return result.stdout }
        // Only on failure: find out whether a module is missing (skip) or the script is wrong (fail).
        let missing = try missingModules(modules, python: python)
        if !missing.isEmpty {
            throw XCTSkip("python3 has no module \(missing.joined(separator: ", ")); this test needs it as an oracle")
        }
        let error = PythonOracleError(status: result.status, stderr: result.stderr)
        XCTFail(error.description, file: file, line: line)
        throw error
    }

    /// Runs `program` with `json`, `sys` imported and `data` set to `input` (sent as JSON on stdin); the
    /// program prints one JSON value, which is returned decoded. Skips and fails as `run` does.
    public static func json(_ program: String, input: Any, modules: [String],
                            file: StaticString = #filePath, line: UInt = #line) throws -> Any
    {
        let encoded = try JSONSerialization.data(withJSONObject: input)
        let output = try run("import json, sys\ndata = json.load(sys.stdin)\n" + program, stdin: encoded,
                             modules: modules, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
    }

    /// The names in `modules` that python3 cannot find.
    private static func missingModules(_ modules: [String], python: URL) throws -> [String] {
        guard !modules.isEmpty else { return [] }
        let probe = "import importlib.util, sys\nprint(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))"
        let result = try Subprocess.run(python.path, ["-c", probe] + modules)
        guard result.status == 0 else { return modules }
        return result.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
