import ArgumentParser
import Foundation
import KnowledgeBase

/// One message shape for every "unknown name" error across the commands, with the closest known names:
///   nnid CMD: error: unknown KIND 'X'; did you mean 'Y'?
/// and one exit status (2, a usage error).
enum Suggestions {
    static func unknown(_ kind: String, _ value: String, among candidates: [String], command: String,
                        extra: String = "") -> ExitCode {
        let close = EditDistance.closest(to: value, among: candidates)
        var message = "nnid \(command): error: unknown \(kind) '\(value)'"
        if !close.isEmpty { message += "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?" }
        message += extra
        Terminal.error(message)
        return ExitCode(ExitStatus.usage)
    }

    static func closest(_ value: String, among candidates: [String]) -> [String] {
        EditDistance.closest(to: value, among: candidates)
    }

    /// Before swift-argument-parser sees the arguments: a first word that is not a subcommand gets a
    /// suggestion instead of "Unexpected argument".
    static func checkSubcommand(_ arguments: [String]) {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = NNID.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return }
        let close = EditDistance.closest(to: first, among: names)
        let hint = close.isEmpty ? "" : "; did you mean " + close.map { "'nnid \($0)'" }.joined(separator: " or ") + "?"
        Terminal.error("nnid: error: unknown command '\(first)'\(hint) (`nnid --help` lists the commands)")
        Foundation.exit(ExitStatus.usage)
    }
}

/// Names a command was given, checked against the base before any output is written, with the shared
/// "unknown …; did you mean" message and exit status 2.
enum KnownNames {
    static func requireClaim(_ id: String?, in base: KnowledgeBase, command: String) throws {
        guard let id, (try? base.claim(id: id)) == nil else { return }
        let known = (try? base.claims().map(\.id)) ?? []
        throw Suggestions.unknown("claim", id, among: known, command: command, extra: " (`nnid claims` lists them)")
    }

    static func requireWorks(_ keys: [String], in base: KnowledgeBase, command: String) throws {
        // A key is known when it names a work or is an alias of one (a merged or renamed record's key).
        for key in keys where (try? base.canonicalKey(key)) ?? nil == nil {
            let known = (try? base.workKeys()) ?? []
            throw Suggestions.unknown("work", key, among: known, command: command, extra: " (`nnid works` lists them)")
        }
    }
}
