/// Parses BibTeX/BibLaTeX as found in the wild into work records. A malformed entry yields one error
/// (file:line:col) and is skipped; parsing resumes at the next `@` that starts a line.
public enum BibTeXParser {
    /// Parses `text` (the contents of `file`).
    public static func parse(_ text: String, file: String) -> ParseResult {
        parse(text, file: file, emitWorks: nil)
    }

    /// Parses `text`; with `emitWorks`, works are handed over in file order, a slice at a time, as soon as
    /// they are mapped (so a consumer can store them while the rest is read), and the result holds no works.
    /// Diagnostics are the same either way. `maxEntries` is a parameter only so tests can reach the limit.
    static func parse(_ text: String, file: String, emitWorks: (([WorkRecord]) -> Void)?,
                      maxEntries: Int = ParserLimits.maxEntriesPerFile) -> ParseResult {
        parse(utf8: Array(text.utf8), file: file, emitWorks: emitWorks, maxEntries: maxEntries)
    }

    /// `parse(_:file:emitWorks:)` on the text's UTF-8 bytes (valid UTF-8), without another copy of them.
    static func parse(utf8 bytes: [UInt8], file: String, emitWorks: (([WorkRecord]) -> Void)?,
                      maxEntries: Int = ParserLimits.maxEntriesPerFile) -> ParseResult {
        let lines = LineIndex(bytes: bytes)
        var scanner = BibTeXScanner(bytes: bytes)
        var result = ParseResult()
        // Works already handed over while scanning, and their "no title" warnings (which come last).
        var mappedDiagnostics: [Diagnostic] = []
        let sliceSize = 2000
        // Without crossref every entry maps on its own, so slices can be mapped and handed over while the
        // rest of the file is still being scanned. A crossref field needs the whole file first.
        let streamWhileScanning = emitWorks != nil && !mentionsCrossref(bytes) && !mentions("xdata", bytes)
            && !mentions("set{", bytes)
        var entries: [BibTeXEntry] = []
        var entryCount = 0
        while true {
            do {
                guard let entry = try scanner.nextEntry() else { break }
                if entryCount >= maxEntries {
                    result.diagnostics.append(Diagnostic(.error, at: lines.location(of: entry.offset, file: file),
                        "more than \(maxEntries) entries in one file (ParserLimits.maxEntriesPerFile); the rest of the file is skipped"))
                    break
                }
                // A repeated key is passed on: the store keeps both entries (the later under a derived key)
                // unless they agree, and says so.
                entryCount += 1
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
    static func mentionsCrossref(_ bytes: [UInt8]) -> Bool { mentions("crossref", bytes) }

    /// True when the lower-case ASCII `word` appears anywhere in `bytes`, in any case.
    static func mentions(_ text: String, _ bytes: [UInt8]) -> Bool {
        let word = Array(text.utf8)
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
        var warnings: [FieldWarning] = []
        for entry in entries {
            let location = lines.location(of: entry.offset, file: file)
            let work = BibTeXRecordMapping.work(from: entry, location: location, names: &names, warnings: &warnings)
            for warning in warnings {
                let at = entry.valueOffsets[warning.field].map { lines.location(of: $0, file: file) } ?? location
                diagnostics.append(Diagnostic(.warning, at: at, "entry '\(entry.key)', field '\(warning.field)': \(warning.message)"))
            }
            warnings.removeAll(keepingCapacity: true)
            if work.title.isEmpty {
                diagnostics.append(Diagnostic(.warning, at: location, "entry '\(entry.key)' has no title"))
            }
            works.append(work)
        }
        return (works, diagnostics)
    }

    /// Fields a child never inherits (biber's defaults: identity and control fields).
    static let notInherited: Set<String> = [
        "crossref", "xref", "xdata", "ids", "key", "unverified", "entryset", "entrysubtype", "execute", "label",
        "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand",
        "shorthandintro", "sortkey", "shorttitle",
    ]

    /// BibLaTeX inheritance as biber applies it. `@xdata` entries are containers, not works: each entry that
    /// names them in `xdata = {a, b}` takes the fields it lacks from them (containers may name containers).
    /// A `crossref` child takes the fields it lacks from its parent (grandparents too), the parent's
    /// `title` becoming its `booktitle`. Missing targets and cycles are warned about at the child.
    static func resolveCrossReferences(_ entries: [BibTeXEntry], file: String, lines: LineIndex,
                                       diagnostics: inout [Diagnostic]) -> [BibTeXEntry] {
        let hasXData = entries.contains { $0.type == "xdata" || $0.type == "set" || $0.value("xdata") != nil }
        guard hasXData || entries.contains(where: { $0.value("crossref") != nil }) else { return entries }
        var indexByKey: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where indexByKey[entry.key.lowercased()] == nil {
            indexByKey[entry.key.lowercased()] = index
        }
        func warn(_ entry: BibTeXEntry, _ field: String, _ message: String) {
            let offset = entry.valueOffsets[field] ?? entry.offset
            diagnostics.append(Diagnostic(.warning, at: lines.location(of: offset, file: file), "entry '\(entry.key)': \(message)"))
        }
        func inherit(_ child: inout BibTeXEntry, from parent: BibTeXEntry, renameTitle: Bool) {
            for (name, value) in parent.fields where !notInherited.contains(name) {
                let target: String
                switch name {
                case "title" where renameTitle: target = "booktitle"
                case "subtitle" where renameTitle: target = "booksubtitle"
                case "titleaddon" where renameTitle: target = "booktitleaddon"
                default: target = name
                }
                if child.value(target) == nil {
                    child.fields.append((target, value))
                    if let offset = parent.valueOffsets[name] { child.valueOffsets[target] = offset }
                }
            }
        }
        var resolved: [BibTeXEntry] = []
        resolved.reserveCapacity(entries.count)
        // @xdata and @set entries are containers (biblatex entry sets group works cited together), not works.
        for entry in entries where entry.type != "xdata" && entry.type != "set" {
            var child = entry
            // xdata: breadth-first over the named containers, each read once.
            if let list = entry.value("xdata") {
                var queue = list.split(separator: ",").map { LaTeXText.trimmed($0) }.filter { !$0.isEmpty }
                var seen: Set<String> = []
                while !queue.isEmpty {
                    let name = queue.removeFirst()
                    guard seen.insert(name.lowercased()).inserted else { continue }
                    guard let index = indexByKey[name.lowercased()], entries[index].type == "xdata" else {
                        warn(entry, "xdata", "xdata '\(name)' names no @xdata entry in this file; ignored")
                        continue
                    }
                    inherit(&child, from: entries[index], renameTitle: false)
                    if let more = entries[index].value("xdata") {
                        queue += more.split(separator: ",").map { LaTeXText.trimmed($0) }.filter { !$0.isEmpty }
                    }
                }
                child.fields.removeAll { $0.name == "xdata" }
            }
            // crossref: up the chain of parents, stopping at a cycle.
            var parentKey = entry.value("crossref").map { LaTeXText.trimmed($0) }
            var visited: Set<String> = [entry.key.lowercased()]
            while let key = parentKey, !key.isEmpty {
                guard visited.insert(key.lowercased()).inserted else {
                    warn(entry, "crossref", "crossref chain returns to '\(key)'; stopped there")
                    break
                }
                guard let index = indexByKey[key.lowercased()] else {
                    warn(entry, "crossref", "crossref '\(key)' not found")
                    break
                }
                inherit(&child, from: entries[index], renameTitle: true)
                parentKey = entries[index].value("crossref").map { LaTeXText.trimmed($0) }
            }
            resolved.append(child)
        }
        return resolved
    }
}
