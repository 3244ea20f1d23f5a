/// A dense row-major matrix of Doubles.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Entries row by row: element (i, j) is `storage[i * cols + j]`.
    public var storage: [Double]

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: value, count: rows * cols)
    }

    /// A matrix from row-major entries; `storage.count` must equal `rows * cols`.
    public init(rows: Int, cols: Int, storage: [Double]) {
        precondition(storage.count == rows * cols, "storage has \(storage.count) entries, expected \(rows * cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Double]]) {
        let cols = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == cols }, "rows have different lengths")
        self.init(rows: rowArrays.count, cols: cols, storage: rowArrays.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * cols + j] }
        set { storage[i * cols + j] = newValue }
    }

    public func row(_ i: Int) -> [Double] { Array(storage[(i * cols)..<((i + 1) * cols)]) }

    public func column(_ j: Int) -> [Double] { (0..<rows).map { self[$0, j] } }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        let (m, n) = (rows, cols)
        // 32 × 32 tiles keep both the rows read and the rows written in cache (large Jacobians).
        let tile = 32
        storage.withUnsafeBufferPointer { source in
            t.storage.withUnsafeMutableBufferPointer { target in
                for i0 in stride(from: 0, to: m, by: tile) {
                    for j0 in stride(from: 0, to: n, by: tile) {
                        for i in i0..<min(i0 + tile, m) {
                            for j in j0..<min(j0 + tile, n) { target[j * m + i] = source[i * n + j] }
                        }
                    }
                }
            }
        }
        return t
    }

    /// Largest absolute entry (0 for an empty matrix).
    public var maxAbs: Double { storage.reduce(0) { max($0, abs($1)) } }
}
