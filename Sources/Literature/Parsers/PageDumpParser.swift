// PLACEHOLDER: being written (issue 2). Replace this whole file.
public enum PageDumpParser {
    public static func parse(_ text: String, file: String) -> ParseResult { ParseResult() }
}
