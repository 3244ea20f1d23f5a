/// A dense row-major matrix of 64-bit integers, for exact ranks by elimination modulo primes.
public struct IntegerMatrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Entries row by row: element (i, j) is `storage[i * cols + j]`.
    public var storage: [Int64]

    public init(rows: Int, cols: Int, repeating value: Int64 = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        storage = Array(repeating: value, count: rows * cols)
    }

    /// A matrix from row-major entries; throws unless `storage.count == rows * cols`.
    public init(rows: Int, cols: Int, storage: [Int64]) throws {
        guard rows >= 0, cols >= 0, storage.count == rows * cols else {
            throw LinearAlgebraError.dimensionMismatch("\(storage.count) entries for a \(rows)×\(cols) integer matrix")
        }
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix from equally long rows; throws when the rows differ in length.
    public init(_ rowArrays: [[Int64]]) throws {
        let cols = rowArrays.first?.count ?? 0
        guard rowArrays.allSatisfy({ $0.count == cols }) else {
            throw LinearAlgebraError.dimensionMismatch("rows of an integer matrix have different lengths")
        }
        try self.init(rows: rowArrays.count, cols: cols, storage: rowArrays.flatMap { $0 })
    }

    public subscript(i: Int, j: Int) -> Int64 {
        get { storage[i * cols + j] }
        set { storage[i * cols + j] = newValue }
    }

    /// The matrix as Doubles (exact while |entries| ≤ 2⁵³).
    public var asDoubles: Matrix { Matrix(rows: rows, cols: cols, storage: storage.map { Double($0) }) }
}

/// A rational matrix N / d: integer numerators over one common non-zero denominator.
public struct RationalMatrix: Sendable, Equatable {
    public var numerators: IntegerMatrix
    public let denominator: Int64

    /// Throws when the denominator is zero.
    public init(numerators: IntegerMatrix, denominator: Int64) throws {
        guard denominator != 0 else { throw LinearAlgebraError.invalidArgument("a rational matrix needs a non-zero denominator") }
        self.numerators = numerators
        self.denominator = denominator
    }

    /// Scales a Double matrix by `denominator` and checks that every product is an integer (e.g. entries
    /// in ℤ/4 with denominator 4, science.md §0.3 item 6); throws when one is not.
    public init(exactly matrix: Matrix, denominator: Int64) throws {
        guard denominator != 0 else { throw LinearAlgebraError.invalidArgument("a rational matrix needs a non-zero denominator") }
        var values = [Int64]()
        values.reserveCapacity(matrix.storage.count)
        for (index, value) in matrix.storage.enumerated() {
            let scaled = value * Double(denominator)
            guard scaled.isFinite, scaled == scaled.rounded(), abs(scaled) < 0x1p62 else {
                throw LinearAlgebraError.invalidArgument(
                    "entry (\(index / max(1, matrix.cols)), \(index % max(1, matrix.cols))) = \(value) is not an integer multiple of 1/\(denominator)")
            }
            values.append(Int64(scaled))
        }
        numerators = try IntegerMatrix(rows: matrix.rows, cols: matrix.cols, storage: values)
        self.denominator = denominator
    }
}
