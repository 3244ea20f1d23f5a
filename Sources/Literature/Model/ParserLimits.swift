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
    /// Largest page text dump read, in bytes (64 MiB: a saved web page is a few hundred KB; the benchmark's
    /// largest input is 50 MB). A larger file is not read, with an error.
    public static let maxPageTextBytes = 64 << 20
    /// Longest line of a page text dump kept, in bytes (1 MiB: a whole article saved as one paragraph is
    /// ~100 KB). A longer line is cut there, at a character boundary, with a warning at file:line:column.
    public static let maxPageLineBytes = 1 << 20
}
