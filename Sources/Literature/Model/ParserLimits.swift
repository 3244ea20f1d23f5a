/// Named limits every parser enforces, so that no input file can make nnid use unbounded time or memory.
/// Hitting one gives a diagnostic naming the limit; the rest of the file (and every other file) is kept.
public enum ParserLimits {
    /// Largest field value kept, in bytes after `@string` expansion (1 MiB: ~50× the longest abstract
    /// in the seeds). A longer value is dropped with a warning. Applies to BibTeX fields, RIS tags,
    /// CSL-JSON strings and HTML meta tag contents.
    public static let maxFieldBytes = 1 << 20
    /// Most entries (works) read from one file; the rest of the file is skipped with an error.
    public static let maxEntriesPerFile = 1_000_000
    /// Earliest and latest year accepted in a year or date field; others are refused with a warning.
    public static let yearRange = 1000...2100

    /// The warning for a value over `maxFieldBytes`; `what` names it ("tag 'AB'", "field 'title'").
    static func fieldTooLong(_ what: String, bytes: Int) -> String {
        "\(what) is \(bytes) bytes long, over the limit of \(maxFieldBytes) bytes (ParserLimits.maxFieldBytes); dropped"
    }

    /// The year of a date text ("2021", "2021/03/15", "March 2021", "circa 1950"): the first run of four
    /// or more ASCII digits. A run that is not exactly four digits inside `yearRange` ("0999", "99999",
    /// 10^23 written out) is refused with the reason, never clamped, wrapped or cut to its first digits.
    /// Shorter runs (days, months) are passed over. Neither year nor reason: the text names no year.
    static func year(in text: String) -> (year: Int?, refusal: String?) {
        var run = 0, value = 0
        for byte in text.utf8 + [0x20] {
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                if run <= 4 { value = value * 10 + Int(byte - 0x30) }
                continue
            }
            defer { run = 0; value = 0 }
            guard run >= 4 else { continue }
            if run == 4, yearRange.contains(value) { return (value, nil) }
            let shown = run > 4 ? "a \(run)-digit number" : "\(value)"
            return (nil, "'\(text)' is not a year in \(yearRange.lowerBound)–\(yearRange.upperBound) (\(shown)); not stored")
        }
        return (nil, nil)
    }

    /// `text` with each NUL character replaced by the visible symbol ␀ (U+2400), or nil when it has none.
    /// Files are cleaned when decoded; this is for NULs that a format's own escapes make (JSON "\u0000").
    static func visibleNULs(_ text: String) -> String? {
        guard text.utf8.contains(0) else { return nil }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{0}" ? "\u{2400}" : $0 }))
    }

    /// Largest page text dump read, in bytes (64 MiB: a saved web page is a few hundred KB; the benchmark's
    /// largest input is 50 MB). A larger file is not read, with an error.
    public static let maxPageTextBytes = 64 << 20
    /// Longest line of a page text dump kept, in bytes (1 MiB: a whole article saved as one paragraph is
    /// ~100 KB). A longer line is cut there, at a character boundary, with a warning at file:line:column.
    public static let maxPageLineBytes = 1 << 20
}
