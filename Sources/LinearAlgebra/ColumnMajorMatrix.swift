import CLapack

/// A column-major buffer handed to LAPACK (internal: the public `Matrix` is row-major).
struct ColumnMajorMatrix {
    var rows: Int
    var cols: Int
    /// Element (i, j) at `data[i + j * rows]`.
    var data: [Double]

    subscript(i: Int, j: Int) -> Double { data[i + j * rows] }

    /// The trailing (cols − start) × (cols − start) block of the upper triangle, as a row-major `Matrix`
    /// (transposed, which keeps the singular values and norms).
    func block(from start: Int) -> Matrix {
        let size = cols - start
        var out = Matrix(rows: size, cols: size)
        for j in 0..<size {
            for i in 0...j { out.storage[j * size + i] = self[start + i, start + j] }
        }
        return out
    }

    /// The leading cols × cols upper triangle as a row-major `Matrix` (transposed; same singular values).
    func upperTriangle() -> Matrix { block(from: 0) }
}

/// dgeqp3: A·P = Q·R with column pivoting; R is left in the upper triangle.
func pivotedQR(_ a: ColumnMajorMatrix) throws -> ColumnMajorMatrix {
    var out = a
    var m = Int32(a.rows), n = Int32(a.cols), lda = Int32(max(1, a.rows))
    var pivots = [Int32](repeating: 0, count: a.cols)
    var tau = [Double](repeating: 0, count: min(a.rows, a.cols))
    var info: Int32 = 0, lwork: Int32 = -1
    var query = [Double](repeating: 0, count: 1)
    dgeqp3_(&m, &n, &out.data, &lda, &pivots, &tau, &query, &lwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqp3", info: info) }
    lwork = Int32(query[0])
    var work = [Double](repeating: 0, count: Int(lwork))
    dgeqp3_(&m, &n, &out.data, &lda, &pivots, &tau, &work, &lwork, &info)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqp3", info: info) }
    return out
}

/// A reproducible start vector with no special structure (a fixed linear congruential sequence).
func startVector(_ count: Int) -> [Double] {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1.0p-53 + 0.5
    }
}

private func normalize(_ x: inout [Double]) -> Double {
    let norm = cblas_dnrm2(Int32(x.count), x, 1)
    if norm > 0 { cblas_dscal(Int32(x.count), 1 / norm, &x, 1) }
    return norm
}

/// ‖R‖₂ of the leading upper triangle by power iteration on RᵀR (a lower bound that converges to it).
func powerIterationNorm(_ r: ColumnMajorMatrix, iterations: Int = 30) -> Double {
    let n = r.cols, lda = Int32(r.rows)
    var x = startVector(n)
    _ = normalize(&x)
    var estimate = 0.0
    for _ in 0..<iterations {
        cblas_dtrmv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(n), r.data, lda, &x, 1)
        let next = normalize(&x)
        cblas_dtrmv(CblasColMajor, CblasUpper, CblasTrans, CblasNonUnit, Int32(n), r.data, lda, &x, 1)
        _ = normalize(&x)
        if abs(next - estimate) <= 1e-6 * next { return next }
        estimate = next
    }
    return estimate
}

/// λ_max of a symmetric matrix (upper triangle, column-major) by power iteration.
func symmetricPowerIteration(_ g: [Double], size n: Int, iterations: Int = 30) -> Double {
    var x = startVector(n)
    _ = normalize(&x)
    var y = [Double](repeating: 0, count: n)
    var estimate = 0.0
    for _ in 0..<iterations {
        cblas_dsymv(CblasColMajor, CblasUpper, Int32(n), 1, g, Int32(n), x, 1, 0, &y, 1)
        let next = normalize(&y)
        swap(&x, &y)
        if abs(next - estimate) <= 1e-6 * next { return next }
        estimate = next
    }
    return estimate
}

/// σ_min of the leading size × size upper triangle by inverse iteration on R₁₁ᵀR₁₁ (two triangular solves
/// per step). The result is ‖R₁₁x‖ for a unit x, so it can only overestimate σ_min; it converges quickly.
func smallestSingularValueOfTriangle(_ r: ColumnMajorMatrix, size n: Int, iterations: Int = 8) -> Double {
    let lda = Int32(r.rows)
    var x = startVector(n)
    _ = normalize(&x)
    for _ in 0..<iterations {
        cblas_dtrsv(CblasColMajor, CblasUpper, CblasTrans, CblasNonUnit, Int32(n), r.data, lda, &x, 1)
        cblas_dtrsv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(n), r.data, lda, &x, 1)
        guard normalize(&x).isFinite else { return 0 }
    }
    cblas_dtrmv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(n), r.data, lda, &x, 1)
    return cblas_dnrm2(Int32(n), x, 1)
}
