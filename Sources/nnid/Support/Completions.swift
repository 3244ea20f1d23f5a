import ArgumentParser
import Foundation
import KnowledgeBase
import Networks

/// Dynamic shell completion: claim ids and work keys from the database the command line names (--db, else
/// $NNID_DB, else ./nnid.sqlite), falling back to the built-in corpus; activation names from the one
/// vocabulary. The shell runs nnid to ask, so these must stay fast and never print anything else.
enum Completions {
    static let claimIDs = CompletionKind.custom { words, index, prefix in
        let ids = (try? base(from: words)?.claims().map(\.id)) ?? nil
        return filter(ids ?? builtInClaimIDs, current(words, index, prefix))
    }

    static let workKeys = CompletionKind.custom { words, index, prefix in
        let keys = (try? base(from: words)?.workKeys()) ?? nil
        return filter(keys ?? [], lastItem(of: current(words, index, prefix)))
    }

    /// The word being completed: the shell's word at `index` (the prefix argument-parser computes is not
    /// reliable when more words follow the cursor).
    private static func current(_ words: [String], _ index: Int, _ prefix: String) -> String {
        words.indices.contains(index) ? words[index] : prefix
    }

    static let activations = CompletionKind.list(Vocabulary.knownFamilies + Vocabulary.classNames)
    static let architectures = CompletionKind.list(Vocabulary.architectures)
    static let database = CompletionKind.file(extensions: ["sqlite", "db"])

    private static func base(from words: [String]) -> KnowledgeBase? {
        var path = ProcessInfo.processInfo.environment["NNID_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "nnid.sqlite"
        if let index = words.firstIndex(of: "--db"), index + 1 < words.count { path = words[index + 1] }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? KnowledgeBase(path: path, createIfMissing: false)
    }

    /// The `id:` lines of the claim cards compiled into the binary.
    private static var builtInClaimIDs: [String] {
        EmbeddedCorpus.files.filter { $0.path.hasSuffix(".claim") }.compactMap { file in
            file.text.split(separator: "\n").first { $0.hasPrefix("id:") }
                .map { $0.dropFirst(3).trimmingCharacters(in: .whitespaces) }
        }
    }

    /// For comma-separated lists (`--keys A,B,`): complete the last item.
    private static func lastItem(of prefix: String) -> String {
        prefix.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? prefix
    }

    private static func filter(_ names: [String], _ prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
