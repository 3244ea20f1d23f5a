// CSV formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with = + - @,
// tab or CR as a formula, so a title like "=HYPERLINK(…)" from an input file could act on the reader's
// machine. Such cells get a leading apostrophe (shown as text, not evaluated) and are always quoted.
// Plain numbers ("-3", "+1.5e-3") cannot be formulas and are left as they are.

public enum CSVFormula {
    /// The characters that make a spreadsheet treat a cell as a formula.
    static let triggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"),
                                       0x09, 0x0D]

    /// True when `cell` would be read as a formula by a spreadsheet.
    public static func isRisky(_ cell: String) -> Bool {
        guard let first = cell.utf8.first, triggers.contains(first) else { return false }
        return !isPlainNumber(cell)
    }

    /// `cell` with an apostrophe in front when it is risky, else unchanged (quoting is the writer's job).
    public static func neutralized(_ cell: String) -> String {
        isRisky(cell) ? "'" + cell : cell
    }

    /// A decimal number with an optional sign, fraction and exponent, nothing else.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
