import Foundation
import Literature

extension KnowledgeBase {
    /// Stores parsed inputs in one transaction (BEGIN IMMEDIATE … COMMIT). A database error rolls the whole
    /// run back and is thrown; problems with single records become diagnostics in the summary.
    public func ingest(_ inputs: [IngestInput]) throws(KnowledgeBaseError) -> IngestSummary {
        let timestamp = ISO8601DateFormatter().string(from: Date())
        return try connection.transaction { () throws(KnowledgeBaseError) -> IngestSummary in
            try IngestRun(connection: connection, timestamp: timestamp).run(inputs)
        }
    }

    /// Same as `ingest(_: [IngestInput])`, with each file's format taken from its extension.
    public func ingest(_ results: [(path: String, result: ParseResult)]) throws(KnowledgeBaseError) -> IngestSummary {
        try ingest(results.map { IngestInput(path: $0.path, format: nil, result: $0.result) })
    }
}

/// Finds input files and parses them; no SQL here.
public enum Ingester {
    /// Extensions read when walking a directory (files named explicitly are always read).
    public static let knownExtensions: Set<String> = [
        "bib", "bibtex", "ris", "json", "html", "htm", "xhtml", "claim", "csv", "tsv", "txt",
    ]

    /// The files under `paths` (directories walked recursively, hidden entries skipped), sorted per argument.
    /// Throws `missingInput` for a path that does not exist.
    public static func inputFiles(_ paths: [String]) throws(KnowledgeBaseError) -> [String] {
        let fileManager = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missingInput(path: path) }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let enumerator = fileManager.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                let components = relative.split(separator: "/")
                if components.contains(where: { $0.hasPrefix(".") }) { continue }
                let full = base + "/" + relative
                var entryIsDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue,
                      knownExtensions.contains((relative as NSString).pathExtension.lowercased())
                else { continue }
                found.append(full)
            }
            files += found.sorted()
        }
        return files
    }

    /// Reads and parses one file; an unreadable file yields an error diagnostic instead of records.
    public static func parse(file path: String) -> IngestInput {
        parse(file: path, emitWorks: nil)
    }

    /// `parse(file:)`; with `emitWorks`, a BibTeX file's works are handed over in order, a slice at a time,
    /// while the rest is read, and are left out of the returned input.
    public static func parse(file path: String, emitWorks: (([WorkRecord]) -> Void)?) -> IngestInput {
        guard let data = FileManager.default.contents(atPath: path) else {
            let diagnostic = Diagnostic(.error, at: SourceLocation(file: path), "cannot read the file (check permissions)")
            return IngestInput(path: path, format: nil, result: ParseResult(diagnostics: [diagnostic]))
        }
        let bytes = [UInt8](data)
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self)
        let format = SourceFormat.detect(path: path, text: head)
        return IngestInput(path: path, format: format, result: parseSource(path: path, bytes: bytes, format: format, emitWorks: emitWorks))
    }
}

extension KnowledgeBase {
    /// Reads, parses and stores `files` in one transaction, parsing on another thread while the store
    /// writes: BibTeX works are stored as soon as they are parsed. Same result as parsing every file with
    /// `Ingester.parse(file:)` and calling `ingest(_: [IngestInput])`. `progress` is called on the parsing
    /// thread before each file.
    /// `leading` inputs (already parsed, e.g. the built-in corpus) are stored first, in the same transaction.
    public func ingest(files: [String], leading: [IngestInput] = [],
                       progress: @escaping @Sendable (Int, String) -> Void = { _, _ in })
        throws(KnowledgeBaseError) -> IngestSummary
    {
        let pipe = ParsePipe()
        DispatchQueue.global(qos: .userInitiated).async {
            for input in leading { pipe.send(.finished(input)) }
            for (offset, file) in files.enumerated() {
                if pipe.isCancelled { return }
                progress(offset, file)
                // The incoming rows (normalized title, keys) are built here too, off the writer's thread.
                pipe.send(.finished(Ingester.parse(file: file) { records in
                    pipe.send(.works(records, records.map { IngestRun.incomingRow($0, authoritative: true) }))
                }))
            }
            pipe.releaseWhenConsumed()
        }
        let timestamp = ISO8601DateFormatter().string(from: Date())
        do {
            return try connection.transaction { () throws(KnowledgeBaseError) -> IngestSummary in
                try IngestRun(connection: connection, timestamp: timestamp).run(files: leading.count + files.count,
                                                                                from: pipe)
            }
        } catch {
            pipe.cancel()
            throw error
        }
    }
}
