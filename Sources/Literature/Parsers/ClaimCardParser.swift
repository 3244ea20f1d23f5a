// PLACEHOLDER: being written (issue 2). Replace this whole file.
public enum ClaimCardParser {
    public static func parse(_ text: String, file: String) -> ParseResult { ParseResult() }
}
