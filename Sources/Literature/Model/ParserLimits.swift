/// Named limits every parser enforces, so that no input file can make nnid use unbounded time or memory.
/// Hitting one gives a diagnostic naming the limit; the rest of the file (and every other file) is kept.
public enum ParserLimits {
    /// Largest field value kept, in bytes after `@string` expansion (1 MiB: ~50× the longest abstract
    /// in the seeds). A longer value is dropped with a warning.
    public static let maxFieldBytes = 1 << 20
    /// Most entries (works) read from one file; the rest of the file is skipped with an error.
    public static let maxEntriesPerFile = 1_000_000
    /// Earliest and latest year accepted in a year or date field; others are refused with a warning.
    public static let yearRange = 1000...2100
}
