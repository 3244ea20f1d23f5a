import Literature

/// The curated corpus compiled into the binary (see scripts/embed-corpus), parsed like files on disk with
/// the same relative paths, so provenance reads "corpus/works.bib:28" wherever nnid runs.
public enum BuiltInCorpus {
    /// Every corpus file, parsed.
    public static func inputs() -> [IngestInput] {
        EmbeddedCorpus.files.map { file in
            let bytes = Array(file.text.utf8)
            let head = String(decoding: bytes.prefix(1024), as: UTF8.self)
            let format = SourceFormat.detect(path: file.path, text: head)
            return IngestInput(path: file.path, format: format, result: parseSource(path: file.path, bytes: bytes,
                                                                                    format: format))
        }
    }

    /// True when the file at `path` holds exactly the bytes of a built-in corpus file (a checkout's own
    /// corpus/ named next to the built-in one): reading it again would only duplicate provenance.
    public static func contains(bytes: [UInt8]) -> Bool {
        EmbeddedCorpus.files.contains { $0.text.utf8.count == bytes.count && Array($0.text.utf8) == bytes }
    }
}
