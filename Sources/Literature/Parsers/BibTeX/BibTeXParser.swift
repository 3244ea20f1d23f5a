/// Parses BibTeX/BibLaTeX as found in the wild into work records. A malformed entry yields one error
/// (file:line:col) and is skipped; parsing resumes at the next `@` that starts a line.
public enum BibTeXParser {
    /// Parses `text` (the contents of `file`).
    public static func parse(_ text: String, file: String) -> ParseResult {
        parse(text, file: file, emitWorks: nil)
    }

    /// Parses `text`; with `emitWorks`, works are handed over in file order, a slice at a time, as soon as
    /// they are mapped (so a consumer can store them while the rest is read), and the result holds no works.
    /// Diagnostics are the same either way.
    static func parse(_ text: String, file: String, emitWorks: (([WorkRecord]) -> Void)?) -> ParseResult {
        let bytes = Array(text.utf8)
        let lines = LineIndex(bytes: bytes)
        var scanner = BibTeXScanner(bytes: bytes)
        var result = ParseResult()
        // Works already handed over while scanning, and their "no title" warnings (which come last).
        var mappedDiagnostics: [Diagnostic] = []
        let sliceSize = 2000
        // Without crossref every entry maps on its own, so slices can be mapped and handed over while the
        // rest of the file is still being scanned. A crossref field needs the whole file first.
        let streamWhileScanning = emitWorks != nil && !mentionsCrossref(bytes)
        var entries: [BibTeXEntry] = []
        var firstOffsetByKey: [String: Int] = [:]
        while true {
            do {
                guard let entry = try scanner.nextEntry() else { break }
                if let firstOffset = firstOffsetByKey[entry.key] {
                    result.diagnostics.append(Diagnostic(.warning, at: lines.location(of: entry.offset, file: file),
                        "duplicate key '\(entry.key)' (first defined on line \(lines.line(of: firstOffset))); keeping the first"))
                    continue
                }
                firstOffsetByKey[entry.key] = entry.offset
                entries.append(entry)
                if streamWhileScanning, let emitWorks, entries.count == sliceSize {
                    let part = mapEntries(entries[...], file: file, lines: lines)
                    mappedDiagnostics += part.diagnostics
                    emitWorks(part.works)
                    entries.removeAll(keepingCapacity: true)
                }
            } catch {
                result.diagnostics.append(Diagnostic(.error, at: lines.location(of: error.offset, file: file),
                                                     error.message))
                scanner.resynchronize(after: error)
            }
        }
        for warning in scanner.warnings {
            result.diagnostics.append(Diagnostic(.warning, at: lines.location(of: warning.offset, file: file),
                                                 warning.message))
        }
        let resolved = resolveCrossReferences(entries, file: file, lines: lines, diagnostics: &result.diagnostics)
        result.diagnostics += mappedDiagnostics
        if let emitWorks {
            // The consumer uses the other core: slices are mapped here one after another.
            for start in stride(from: 0, to: resolved.count, by: sliceSize) {
                let part = mapEntries(resolved[start..<min(start + sliceSize, resolved.count)], file: file, lines: lines)
                result.diagnostics += part.diagnostics
                emitWorks(part.works)
            }
            return result
        }
        // Mapping (LaTeX, names) is most of the parse time and each entry maps on its own: slices of
        // entries map in parallel and are joined in file order, so results and diagnostics are unchanged.
        let mapped = orderedParallelMap(resolved, minimumSliceSize: 1000) { slice in
            mapEntries(slice, file: file, lines: lines)
        }
        result.works.reserveCapacity(resolved.count)
        for part in mapped {
            result.works += part.works
            result.diagnostics += part.diagnostics
        }
        return result
    }

    /// True when "crossref" appears anywhere, in any case (a superset of the entries that use it).
    static func mentionsCrossref(_ bytes: [UInt8]) -> Bool {
        let word = Array("crossref".utf8)
        var index = 0
        let last = bytes.count - word.count
        while index <= last {
            if bytes[index] | 0x20 == word[0] {
                var matched = 1
                while matched < word.count, bytes[index + matched] | 0x20 == word[matched] { matched += 1 }
                if matched == word.count { return true }
            }
            index += 1
        }
        return false
    }

    /// Maps consecutive entries to works, with a "no title" warning for each entry without one.
    static func mapEntries(_ entries: ArraySlice<BibTeXEntry>, file: String, lines: LineIndex)
        -> (works: [WorkRecord], diagnostics: [Diagnostic]) {
        var works: [WorkRecord] = []
        var diagnostics: [Diagnostic] = []
        works.reserveCapacity(entries.count)
        var names = NameListParser.Cache()
        for entry in entries {
            let location = lines.location(of: entry.offset, file: file)
            let work = BibTeXRecordMapping.work(from: entry, location: location, names: &names)
            if work.title.isEmpty {
                diagnostics.append(Diagnostic(.warning, at: location, "entry '\(entry.key)' has no title"))
            }
            works.append(work)
        }
        return (works, diagnostics)
    }

    /// Children inherit the fields they lack from their `crossref` parent, wherever the parent is in the
    /// file; a parent's `title` becomes the child's `booktitle`.
    static func resolveCrossReferences(_ entries: [BibTeXEntry], file: String, lines: LineIndex,
                                       diagnostics: inout [Diagnostic]) -> [BibTeXEntry] {
        guard entries.contains(where: { $0.value("crossref") != nil }) else { return entries }
        var indexByKey: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where indexByKey[entry.key.lowercased()] == nil {
            indexByKey[entry.key.lowercased()] = index
        }
        var resolved = entries
        for (index, entry) in entries.enumerated() {
            guard let parentKey = entry.value("crossref") else { continue }
            guard let parentIndex = indexByKey[parentKey.lowercased()], parentIndex != index else {
                diagnostics.append(Diagnostic(.warning, at: lines.location(of: entry.offset, file: file),
                                              "entry '\(entry.key)': crossref '\(parentKey)' not found"))
                continue
            }
            var child = entry
            for (name, value) in entries[parentIndex].fields {
                let target = name == "title" ? "booktitle" : name
                if ["crossref", "ids", "key", "unverified"].contains(target) { continue }
                if child.value(target) == nil { child.fields.append((target, value)) }
            }
            resolved[index] = child
        }
        return resolved
    }
}
