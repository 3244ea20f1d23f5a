import ArgumentParser
import Deduction
import Foundation
import KnowledgeBase

/// `nnid applies`: which claims apply to an architecture, and what follows from them, with traces.
struct Applies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "applies",
        abstract: "Which claims apply to an architecture, and what follows from them (with the chain of claims).",
        discussion: HelpText.reflow("""
            Evaluates the machine-readable hypotheses of every claim on the architecture, derives conclusions by
            forward chaining (and contrapositives) through the claims, the activation registry and a few
            built-in rules, and prints each conclusion with its trace. Values: true, false, unknown, and
            conditional (true under an assumption you did not state with --assume; the assumption is named).
            Questions no claim settles are listed as open, with the `nnid verify` runs that can decide more.

            JSON (--format json): {"architecture": {kind, widths, activation, bias, samples, assumptions,
            parameters, hidden_units, kernel_size}, "claims": [{id, applies (yes|no|unknown|conditional), rule,
            assumptions, hypotheses: [{text, holds (true|false|null), reason, assumptions}], deciding_hypothesis,
            check}], "conclusions": [{statement, value (true|false|unknown|conditional), assumptions, trace,
            decided_by}], "counterexamples": [...], "open": [strings], "checks": [strings], "contradictions":
            [{statement, trace_true, trace_false}], "symmetry_group": {discrete_order, continuous_dimension},
            "generic_rank": {bound, exact}}.

            Exit status: 0 answered, 1 the claims contradict each other on this architecture or the database or
            spec file cannot be read, 2 usage error.

            Examples:
              nnid applies --architecture mlp --widths 4,6,1 --activation tanh --assume irreducible
              nnid applies --architecture MLP --widths 784,30,30,10 --activation ReLU --samples 1000
              nnid applies --spec net.json --format json
            """))

    @Option(name: .long, help: "Architecture kind: mlp, cnn, rnn, residual, attention or normalized (case-insensitive).")
    var architecture: String?

    @Option(name: .long, help: "Activation name (\(ActivationNames.list)).")
    var activation: String?

    @OptionGroup var flags: ArchitectureFlags

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "text or json (text on a terminal, json otherwise).")
    var format: Format?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let target = try AppliesRun.architecture(kind: architecture, activation: activation, flags: flags, command: "applies")
        let report = try AppliesRun.deduce(target, database: database, command: "applies")
        switch format ?? (isatty(STDOUT_FILENO) != 0 ? .text : .json) {
        case .json: print(try JSONOutput.string(AppliesJSON(report)))
        case .text: print(AppliesText.render(report))
        }
        if !report.contradictions.isEmpty {
            Terminal.error("nnid applies: error: the claims contradict each other on this architecture "
                           + "(\(report.contradictions.count) fact\(report.contradictions.count == 1 ? "" : "s") "
                           + "derived both true and false); run `nnid audit`")
            throw ExitCode(ExitStatus.failure)
        }
    }
}

/// Shared by `applies` and `claims --applies-to`.
enum AppliesRun {
    static func architecture(kind: String?, activation: String?, flags: ArchitectureFlags,
                             command: String) throws -> Architecture {
        do {
            return try flags.architecture(kind: kind, activation: activation)
        } catch let error as ArchitectureSpec.SpecError {
            Terminal.error("nnid \(command): error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }

    static func deduce(_ architecture: Architecture, database: DatabaseOptions, command: String) throws -> DeductionReport {
        let session = try ClaimSession(database: database, command: command)
        do {
            return Deducer.deduce(architecture, claims: try session.base.claimRules())
        } catch {
            Terminal.error("nnid \(command): error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}
