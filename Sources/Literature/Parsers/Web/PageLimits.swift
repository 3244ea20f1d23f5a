// Bounds on the work one web page or page dump can cause, so that a hostile or broken page (100k
// `citation_reference` tags, a 10 MB line) costs time and storage proportional to what is useful.
// Each limit is a named constant; hitting one gives one diagnostic that names it.

public enum PageLimits {
    /// Most references (edges, and the stub works the store makes for unknown ones) kept from one page.
    /// Real reference lists stay far below this (a long survey cites a few hundred to ~1500 works).
    public static let maximumReferencesPerPage = 2_000

    /// Mojibake repairs reported one by one per page; the rest are counted in one closing note, so a page
    /// full of "Ã©" does not produce one diagnostic and one stored repair line per character.
    public static let maximumRepairNotesPerPage = 20

    /// Lines longer than this (in UTF-8 bytes) are never taken for boilerplate, titles or author lists:
    /// those are short by nature, and skipping the line rules keeps very long lines linear and cheap.
    public static let maximumShortLineBytes = 1_000

    /// The diagnostic for a page whose references were cut at `maximumReferencesPerPage`.
    static func referencesTruncated(found: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location,
                   "page lists \(found) references; kept the first \(maximumReferencesPerPage) "
                   + "(limit PageLimits.maximumReferencesPerPage) and did not read the rest")
    }
}

extension WorkRecord {
    /// The record marked as known only from a scraped page: unverified, with where it came from.
    func scraped(from what: String) -> WorkRecord {
        var copy = self
        copy.verified = false
        copy.provenance = "scraped page: \(what) (\(location.file):\(location.line))"
        return copy
    }
}
