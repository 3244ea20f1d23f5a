import ArgumentParser
import Foundation

/// The root command. Subcommands live in Commands/, one file each; shared options in Support/. Each names
/// itself (`commandName:`): the name derived from the type costs a runtime type-name lookup and protocol
/// conformance scans, ~3 M instructions per command at every start-up (callgrind, benchmarks/RESULTS.md).
struct NNID: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnid",
        abstract: "A literature-backed knowledge base about neural-network identifiability.",
        discussion: HelpText.reflow("""
            Which parameters of a network does its function, or its values on a sample, determine?
            nnid stores the results, their sources and an executable check for each.

            Examples:
              nnid ingest
              nnid claims --architecture mlp --activation relu
              nnid show relu-local-identifiability
              nnid verify --all
            """),
        version: NNIDVersion.string,
        subcommands: [
            Version.self,
            Ingest.self,
            Works.self,
            WorkCommand.self,
            Search.self,
            ClaimsList.self,
            Show.self,
            Verify.self,
            History.self,
            RunCommand.self,
            Graph.self,
            Export.self,
            Audit.self,
            Applies.self,
            Analyze.self,
            Migrate.self,
        ]
    )
}

enum NNIDVersion {
    static let string = "0.2.0"
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the nnid version.", discussion: "Example:\n  nnid version")

    func run() throws {
        print(NNIDVersion.string)
    }
}

@main
enum Main {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        Suggestions.checkSubcommand(arguments)
        do {
            var command = try NNID.parseAsRoot(arguments)
            try command.run()
        } catch {
            exitReportingUsageErrorsAsTwo(error)
        }
    }

    /// swift-argument-parser exits 64 on usage errors; nnid uses 2, as argparse and click do.
    static func exitReportingUsageErrorsAsTwo(_ error: Error) -> Never {
        let code = NNID.exitCode(for: error)
        if code.rawValue == 64 {
            FileHandle.standardError.write(Data((NNID.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        NNID.exit(withError: error)
    }
}
