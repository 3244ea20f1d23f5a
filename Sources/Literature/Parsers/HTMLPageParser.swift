// PLACEHOLDER: being written (issue 2). Replace this whole file.
public enum HTMLPageParser {
    public static func parse(bytes: [UInt8], file: String) -> ParseResult { ParseResult() }
}
