/// Entrywise arithmetic and norms. The operators trap on a shape mismatch (a programming error); the
/// named `adding`/`subtracting` variants throw `LinearAlgebraError.dimensionMismatch` instead.
extension Matrix {
    /// True when every entry is finite (no NaN or ±∞).
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }

    /// Throws `.nonFinite(what)` unless every entry is finite.
    public func requireFinite(_ what: String = "matrix") throws {
        guard isFinite else { throw LinearAlgebraError.nonFinite(what) }
    }

    /// The entrywise sum; throws when the shapes differ.
    public func adding(_ other: Matrix) throws -> Matrix {
        try requireSameShape(other, "addition")
        return Matrix(rows: rows, cols: cols, storage: zip(storage, other.storage).map { $0 + $1 })
    }

    /// The entrywise difference `self − other`; throws when the shapes differ.
    public func subtracting(_ other: Matrix) throws -> Matrix {
        try requireSameShape(other, "subtraction")
        return Matrix(rows: rows, cols: cols, storage: zip(storage, other.storage).map { $0 - $1 })
    }

    /// Every entry multiplied by `factor`.
    public func scaled(by factor: Double) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: storage.map { $0 * factor })
    }

    /// The Frobenius norm √(Σ a_ij²), computed with scaling so that it neither overflows nor underflows.
    public var frobeniusNorm: Double {
        let scale = maxAbs
        guard scale > 0, scale.isFinite else { return scale }
        var sum = 0.0
        for value in storage {
            let scaled = value / scale
            sum += scaled * scaled
        }
        return scale * sum.squareRoot()
    }

    /// The max norm max |a_ij| (the same number as `maxAbs`).
    public var maxNorm: Double { maxAbs }

    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols, "sum of \(lhs.shape) and \(rhs.shape)")
        return Matrix(rows: lhs.rows, cols: lhs.cols, storage: zip(lhs.storage, rhs.storage).map { $0 + $1 })
    }

    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols, "difference of \(lhs.shape) and \(rhs.shape)")
        return Matrix(rows: lhs.rows, cols: lhs.cols, storage: zip(lhs.storage, rhs.storage).map { $0 - $1 })
    }

    public static func * (factor: Double, matrix: Matrix) -> Matrix { matrix.scaled(by: factor) }

    public static prefix func - (matrix: Matrix) -> Matrix { matrix.scaled(by: -1) }

    /// "m×n", for messages.
    public var shape: String { "\(rows)×\(cols)" }

    private func requireSameShape(_ other: Matrix, _ operation: String) throws {
        guard rows == other.rows, cols == other.cols else {
            throw LinearAlgebraError.dimensionMismatch("\(operation) of \(shape) and \(other.shape)")
        }
    }
}
