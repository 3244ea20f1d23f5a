/// Parses corpus/citations.csv (RFC 4180, header `citing,cited,relation,source,status`) into citation edges.
public enum CitationListParser {
    static let columns = ["citing", "cited", "relation", "source", "status"]

    /// Parses `text` (the contents of `file`). A bad row gives an error at its line:col and is skipped.
    public static func parse(_ text: String, file: String) -> ParseResult {
        var result = ParseResult()
        let rows: [CSVRow]
        do {
            rows = try CSVReader.rows(text)
        } catch {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: error.line, column: error.column),
                                                 error.message))
            return result
        }
        guard let header = rows.first,
              header.fields.map({ $0.value.trimmingCharacters(in: .whitespaces).lowercased() }) == columns else {
            result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: rows.first?.line ?? 1, column: 1),
                                                 "missing header: expected 'citing,cited,relation,source,status'"))
            return result
        }
        for row in rows.dropFirst() {
            if row.fields.count == 1 && row.fields[0].value.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            func fail(_ column: Int, _ message: String) {
                result.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: row.line, column: column), message))
            }
            guard row.fields.count == columns.count else {
                fail(1, "expected 5 fields (citing,cited,relation,source,status), found \(row.fields.count)")
                continue
            }
            let values = row.fields.map { $0.value.trimmingCharacters(in: .whitespaces) }
            if let empty = [0, 1, 3].first(where: { values[$0].isEmpty }) {
                fail(row.fields[empty].column, "empty '\(columns[empty])' field")
                continue
            }
            guard ["cites", "recommends"].contains(values[2]) else {
                fail(row.fields[2].column, "unknown relation '\(values[2])': expected cites or recommends")
                continue
            }
            // `acknowledged`: unverified, and recorded on purpose as a known anomaly (audit lists it, not as an error).
            guard ["verified", "unverified", "acknowledged"].contains(values[4]) else {
                fail(row.fields[4].column,
                     "unknown status '\(values[4])': expected verified, unverified or acknowledged")
                continue
            }
            var citation = CitationRecord(
                citing: WorkReference(key: values[0]), cited: WorkReference(key: values[1]), relation: values[2],
                source: values[3], verified: values[4] == "verified",
                location: SourceLocation(file: file, line: row.line, column: 1))
            citation.acknowledged = values[4] == "acknowledged"
            result.citations.append(citation)
        }
        return result
    }
}

/// One CSV record: its first line and its fields with their start columns.
struct CSVRow {
    var line: Int
    var fields: [(value: String, column: Int)]
}

struct CSVSyntaxError: Error {
    var line: Int
    var column: Int
    var message: String
}

/// An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
enum CSVReader {
    static func rows(_ text: String) throws(CSVSyntaxError) -> [CSVRow] {
        var rows: [CSVRow] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0, line = 1, column = 1
        var row = CSVRow(line: 1, fields: [])
        func advance() {
            if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        while index <= scalars.count {
            let fieldColumn = column
            var value = String.UnicodeScalarView()
            if index < scalars.count, scalars[index] == "\"" {
                let openLine = line, openColumn = column
                advance()
                while true {
                    guard index < scalars.count else {
                        throw CSVSyntaxError(line: openLine, column: openColumn, message: "unterminated quoted field")
                    }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" { value.append("\""); advance(); advance(); continue }
                        advance()
                        break
                    }
                    value.append(scalars[index])
                    advance()
                }
                if index < scalars.count, !([",", "\n", "\r"] as [Unicode.Scalar]).contains(scalars[index]) {
                    throw CSVSyntaxError(line: line, column: column, message: "unexpected text after a closing quote")
                }
            } else {
                while index < scalars.count, scalars[index] != ",", scalars[index] != "\n", scalars[index] != "\r" {
                    if scalars[index] == "\"" {
                        throw CSVSyntaxError(line: line, column: column, message: "quote inside an unquoted field")
                    }
                    value.append(scalars[index])
                    advance()
                }
            }
            row.fields.append((String(value), fieldColumn))
            if index < scalars.count, scalars[index] == "," { advance(); continue }
            if index < scalars.count, scalars[index] == "\r" { index += 1 }
            rows.append(row)
            if index >= scalars.count { break }
            advance()   // the newline
            row = CSVRow(line: line, fields: [])
            if index == scalars.count { break }
        }
        return rows
    }
}
