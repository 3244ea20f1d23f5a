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
    public static var knownExtensions: Set<String> {
        ["bib", "bibtex", "biblatex", "ris", "json", "csl", "csljson", "html", "htm", "xhtml", "claim", "csv", "txt",
         "text", "md"]
    }

    /// The files `selectInputs` would read (without the list of skipped ones).
    public static func inputFiles(_ paths: [String]) throws(KnowledgeBaseError) -> [String] {
        try selectInputs(paths).files
    }

    /// Reads and parses one file; an unreadable file yields an error diagnostic instead of records.
    public static func parse(file path: String) -> IngestInput {
        parse(file: path, emitWorks: nil)
    }

    /// `parse(file:)`; with `emitWorks`, a BibTeX file's works are handed over in order, a slice at a time,
    /// while the rest is read, and are left out of the returned input.
    public static func parse(file path: String, encoding: String? = nil, emitWorks: (([WorkRecord]) -> Void)?)
        -> IngestInput {
        guard let bytes = FileBytes.read(path) else {
            let diagnostic = Diagnostic(.error, at: SourceLocation(file: path), "cannot read the file (check permissions)")
            return IngestInput(path: path, format: nil, result: ParseResult(diagnostics: [diagnostic]))
        }
        // The extension decides; only an unknown one lets the (decoded) content decide, with a note.
        var format = SourceFormat.byExtension(path)
        if format == nil, !TextDecoder.looksBinary(bytes) {
            format = SourceFormat.sniff(TextDecoder.decode(Array(bytes.prefix(4096)), file: path, encoding: encoding).text)
        }
        // Only a file with exactly the bytes of a built-in corpus file is curated; any other file is a
        // user's import, stored unverified (its streamed works too).
        let curated = BuiltInCorpus.contains(bytes: bytes)
        let emit = emitWorks.map { emit in
            curated ? emit : { (records: [WorkRecord]) in emit(records.map { $0.imported() }) }
        }
        // parseSource makes the same choice and adds the note.
        let result = parseSource(path: path, bytes: bytes, format: nil, encoding: encoding, emitWorks: emit)
        return IngestInput(path: path, format: format, result: curated ? result : result.imported())
    }
}

extension KnowledgeBase {
    /// Reads, parses and stores `files` in one transaction, parsing on another thread while the store
    /// writes: BibTeX works are stored as soon as they are parsed. Same result as parsing every file with
    /// `Ingester.parse(file:)` and calling `ingest(_: [IngestInput])`. `progress` is called on the parsing
    /// thread before each file.
    /// `leading` inputs (already parsed, e.g. the built-in corpus) are stored first, in the same transaction.
    public func ingest(files: [String], leading: [IngestInput] = [], encoding: String? = nil,
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
                pipe.send(.finished(Ingester.parse(file: file, encoding: encoding) { records in
                    pipe.send(.works(records, records.map { IngestRun.incomingRow($0, authoritative: true) }))
                }))
            }
            pipe.releaseWhenConsumed()
        }
        let timestamp = ISO8601DateFormatter().string(from: Date())
        // A small page cache for the bulk load: rows are appended in id order and the index pages touched
        // at random are re-read from the OS page cache. At 200k entries 64 MiB of cache held ~50 MiB more
        // than 4 MiB, for the same CPU time (benchmarks/RESULTS.md); the writer keeps memory ≤ 3× the input.
        try connection.execute("PRAGMA cache_size = -\(Self.ingestCacheKiB)")
        defer { try? connection.execute("PRAGMA cache_size = -\(Self.defaultCacheKiB)") }
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
