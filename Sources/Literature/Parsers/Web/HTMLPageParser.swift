// PLACEHOLDER-free stub while the HTML parser is written.
public enum HTMLPageParser {
    public static func parse(bytes: [UInt8], file: String) -> ParseResult { ParseResult() }
}
