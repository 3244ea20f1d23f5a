import Foundation
import LinearAlgebra

/// Reads a sample: CSV (one input per row, an optional header row of names) or a 2-D `.npy` array.
public enum SampleReader {
    public static func read(_ data: Data, fileName: String) throws -> Matrix {
        if fileName.lowercased().hasSuffix(".npy") {
            let tensor = try NPYReader.read(data, name: (fileName as NSString).lastPathComponent)
            guard tensor.shape.count == 2, let matrix = tensor.matrix else {
                throw ModelError("the sample array has shape \(tensor.shapeDescription); it must be 2-D (samples × inputs)")
            }
            return matrix
        }
        return try csv(data)
    }

    /// CSV with comma (or semicolon/tab) separators; errors carry line:column.
    public static func csv(_ data: Data) throws -> Matrix {
        let text = String(decoding: data, as: UTF8.self)
        var rows: [[Double]] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let separator: Character = line.contains(",") ? "," : (line.contains(";") ? ";" : (line.contains("\t") ? "\t" : " "))
            let fields = line.split(separator: separator, omittingEmptySubsequences: separator != " ")
            var values: [Double] = []
            var column = 1
            for field in fields {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                if let v = Double(trimmed) {
                    guard v.isFinite else {
                        throw ModelError("\(lineNumber):\(column): the value \(trimmed) is NaN or infinite")
                    }
                    values.append(v)
                } else if rows.isEmpty && values.isEmpty {
                    values = []
                    break  // a header row
                } else {
                    throw ModelError("\(lineNumber):\(column): \"\(trimmed)\" is not a number")
                }
                column += field.count + 1
            }
            if values.isEmpty { continue }
            if let width = rows.first?.count, values.count != width {
                throw ModelError("\(lineNumber):1: \(values.count) values, but the first row has \(width)")
            }
            rows.append(values)
        }
        guard !rows.isEmpty else { throw ModelError("the sample holds no rows of numbers") }
        return Matrix(rows)
    }
}
