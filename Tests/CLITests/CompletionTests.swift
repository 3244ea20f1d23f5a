import Foundation
import TestSupport
import XCTest

/// The bash completion script nnid generates, run in a real bash as the shell runs it (issue 14, item 15):
/// claim ids, work keys and activation names are offered, and file paths for --db and ingest paths.
/// Expected names come from the corpus files themselves.
final class CompletionTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        guard Subprocess.locate("bash") != nil else { throw XCTSkip("bash is not installed") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertEqual(try CLIRunner.run(["ingest", "--db", "nnid.sqlite"], currentDirectory: directory).status, 0)
        let script = try CLIRunner.run(["--generate-completion-script", "bash"]).stdout
        try script.write(to: directory.appendingPathComponent("nnid.bash"), atomically: true, encoding: .utf8)
        try "".write(to: directory.appendingPathComponent("mine.bib"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// What bash offers for `line` (the last word is the one being completed), as a set.
    private func complete(_ line: String) throws -> Set<String> {
        // bash calls the function with the command, the current word and the previous word.
        let driver = """
            source nnid.bash
            read -ra COMP_WORDS <<< "$1"
            [[ "$1" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
            _nnid nnid "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CLIRunner.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NNID_DB"] = nil
        let result = try Subprocess.run("bash", ["-c", driver, "bash", line], environment: environment,
                                        currentDirectory: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }

    private var corpus: URL { CLIRunner.repositoryRoot.appendingPathComponent("corpus") }

    func testClaimIDsWorkKeysAndActivationsAreOffered() throws {
        let claims = try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("claims").path)
            .filter { $0.hasSuffix(".claim") }.map { String($0.dropLast(".claim".count)) }
        XCTAssertEqual(try complete("nnid show relu-lo"), Set(claims.filter { $0.hasPrefix("relu-lo") }))
        XCTAssertEqual(try complete("nnid verify tanh-"), Set(claims.filter { $0.hasPrefix("tanh-") }))

        // Entry keys of works.bib ("@article{VB21,"), read with a regular expression.
        let bib = try String(contentsOf: corpus.appendingPathComponent("works.bib"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "^@(?!string|comment|preamble)[a-z]+\\{([^,\\s]+),",
                                            options: [.anchorsMatchLines, .caseInsensitive])
        let keys = regex.matches(in: bib, range: NSRange(bib.startIndex..., in: bib)).compactMap {
            Range($0.range(at: 1), in: bib).map { String(bib[$0]) }
        }
        XCTAssertEqual(try complete("nnid work VB2"), Set(keys.filter { $0.hasPrefix("VB2") }))
        XCTAssertEqual(try complete("nnid claims --source BMB"), Set(keys.filter { $0.hasPrefix("BMB") }))
        XCTAssertTrue(try complete("nnid verify --activation lea").contains("leaky-relu"))
        XCTAssertTrue(try complete("nnid claims --activation rel").isSuperset(of: ["relu", "relu-like"]))
    }

    func testFilePathsAreOfferedForTheDatabaseAndIngestPaths() throws {
        XCTAssertTrue(try complete("nnid works --db nnid.sq").contains("nnid.sqlite"))
        XCTAssertTrue(try complete("nnid ingest mi").contains("mine.bib"))
    }
}
