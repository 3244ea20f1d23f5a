import CLapack
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Gram matrix G of the tall orientation of A (AᵀA when m ≥ n, else AAᵀ), with the numbers both Gram
/// certificates need: NumPy's tolerance (σ₁ by power iteration on G) and the rounding-error bound of
/// forming and factoring G.
struct GramMatrix {
    /// short × short, column-major; only the upper triangle is filled.
    var data: [Double]
    let size: Int
    let tolerance: Double
    /// An upper bound on NumPy's tolerance (from ‖A‖_F ≥ σ₁), for shifts that must hold for the exact one.
    let toleranceBound: Double
    /// Forming G errs by ≤ γ_long·‖A‖_F² in 2-norm; Cholesky's backward error is taken as ≤ 4·short·ε·‖G‖₂.
    let roundingBound: Double

    /// nil when A is zero (no Gram certificate says anything then; the QR path reports rank 0).
    init?(_ matrix: Matrix) {
        let (m, n) = (matrix.rows, matrix.cols)
        let (short, long) = (min(m, n), max(m, n))
        // The buffer is column-major B = Aᵀ (n × m); G = BᵀB = AAᵀ when m ≤ n, else BBᵀ = AᵀA.
        var gram = [Double](repeating: 0, count: short * short)
        cblas_dsyrk(CblasColMajor, CblasUpper, m <= n ? CblasTrans : CblasNoTrans, Int32(short), Int32(long),
                    1, matrix.storage, Int32(n), 0, &gram, Int32(short))
        var frobeniusSquared = 0.0
        for i in 0..<short { frobeniusSquared += gram[i * short + i] }
        guard frobeniusSquared > 0, frobeniusSquared.isFinite else { return nil }
        data = gram
        size = short
        let largest = symmetricPowerIteration(gram, size: short).squareRoot()
        tolerance = numpyTolerance(largestSingularValue: largest, rows: m, cols: n)
        toleranceBound = numpyTolerance(largestSingularValue: frobeniusSquared.squareRoot(), rows: m, cols: n)
        roundingBound = (Double(long) + 4 * Double(short)) * Double.ulpOfOne * frobeniusSquared * 1.01
    }

    mutating func subtractFromDiagonal(_ shift: Double) {
        for i in 0..<size { data[i * size + i] -= shift }
    }
}

/// Full rank certified by a Cholesky factorisation of G shifted by tolerance² plus the rounding-error bound:
/// its success implies σ_min(A)² > tolerance². nil if it fails (it proves full rank only, never a deficit).
/// Factors `gram` in place unless `preserving` (a copy of short² entries, for the pivoted route after it).
func gramCholeskyFullRank(_ gram: inout GramMatrix, preserving: Bool) -> RankEstimate? {
    guard !preserving else {
        var copy = gram
        return gramCholeskyFullRank(&copy, preserving: false)
    }
    let shift = gram.toleranceBound * gram.toleranceBound + gram.roundingBound
    gram.subtractFromDiagonal(shift)
    var uplo = Int8(UInt8(ascii: "U"))
    var order = Int32(gram.size), lda = Int32(gram.size), info: Int32 = 0
    dpotrf_(&uplo, &order, &gram.data, &lda, &info)
    guard info == 0 else { return nil }
    let smallestShifted = smallestSingularValueOfTriangle(
        ColumnMajorMatrix(rows: gram.size, cols: gram.size, data: gram.data), size: gram.size)
    // What the success proves: σ_min(A)² ≥ σ_min(U)² + shift − the rounding it already absorbs.
    let sigmaLast = (smallestShifted * smallestShifted + shift - gram.roundingBound).squareRoot()
    return RankEstimate(rank: gram.size, tolerance: gram.tolerance, sigmaLast: sigmaLast, sigmaNext: 0,
                        gap: .infinity, singularValues: [], method: .gramCholesky)
}

/// The rank, deficient or full, certified from the Gram matrix and checked in A-space (`.gramPivotedCholesky`);
/// nil when a bound does not hold, decided as early as possible so that the QR fallback costs little more.
///
/// Pivoted Cholesky (dpstrf) of G − s·I with s = (lowerMargin·toleranceBound)² + roundingBound picks r
/// columns S of the tall J. Its success on them proves σ_min(J_S)² ≥ (lowerMargin·tolerance)², and
/// σ_r(J) ≥ σ_min(J_S) (J_S is a column subset). For the other columns N, J_N − J_S·X has rank-r
/// complement for any X, so σ_{r+1}(J) ≤ ‖J_N − J_S·X‖₂. X from the normal equations is only accurate to
/// ~κ(J_S)²ε, so the residual E is formed in J-space by GEMM and X refined from it (corrected semi-normal
/// equations, Björck). As for ‖R₂₂‖ in the QR path, the rounding of that GEMM (a backward error of
/// ~ε·|J_S|·|X| in J_N) is not counted. Consumes `gram` (factored in place).
func gramPivotedRank(_ matrix: Matrix, gram: consuming GramMatrix) throws -> RankEstimate? {
    let size = gram.size
    let shift = (lowerMargin * gram.toleranceBound) * (lowerMargin * gram.toleranceBound) + gram.roundingBound
    gram.subtractFromDiagonal(shift)
    var uplo = Int8(UInt8(ascii: "U"))
    var order = Int32(size), lda = Int32(size), rank: Int32 = 0, info: Int32 = 0
    var stopAtZero = 0.0  // stop at the first pivot ≤ 0: every accepted step is a Cholesky success
    var pivots = [Int32](repeating: 0, count: size)
    var work = [Double](repeating: 0, count: 2 * size)
    dpstrf_(&uplo, &order, &gram.data, &lda, &pivots, &rank, &stopAtZero, &work, &info)
    guard info >= 0 else { throw LinearAlgebraError.lapackFailure(routine: "dpstrf", info: info) }
    let r = Int(rank)
    guard r > 0 else { return nil }
    let triangle = ColumnMajorMatrix(rows: size, cols: size, data: gram.data)
    let smallestShifted = smallestSingularValueOfTriangle(triangle, size: r)
    let sigmaLast = (smallestShifted * smallestShifted + shift - gram.roundingBound).squareRoot()
    guard sigmaLast.isFinite else { return nil }
    func estimate(sigmaNext: Double) -> RankEstimate {
        RankEstimate(rank: r, tolerance: gram.tolerance, sigmaLast: sigmaLast, sigmaNext: sigmaNext,
                     gap: sigmaNext > 0 ? sigmaLast / sigmaNext : .infinity, singularValues: [],
                     method: .gramPivotedCholesky)
    }
    if r == size { return estimate(sigmaNext: 0) }

    // The shifted factor solves with G_SS − s·I; each correction towards G_SS shrinks the error by
    // q = s / σ_min(U₁₁)². Where q is not small the refinement would need many steps: leave it to QR.
    let contraction = shift / (smallestShifted * smallestShifted)
    guard contraction < maximumContraction else { return nil }
    let solver = ShiftedGramSolver(factor: gram.data, size: size, rank: r, shift: shift,
                                   contraction: contraction)
    let columns = PivotedColumns(matrix, pivots: pivots, rank: r)
    guard let sigmaNext = try residualBound(columns: columns, solver: solver,
                                            target: gram.tolerance / upperMargin) else { return nil }
    return estimate(sigmaNext: sigmaNext)
}

/// Beyond this contraction per correction step the Gram route gives up (see `gramPivotedRank`).
let maximumContraction = 0.01

/// Solves G_SS·Y = C through the Cholesky factor U₁₁ of G_SS − s·I: Y = M⁻¹C − s·M⁻¹Y, iterated until the
/// shift's relative error q^(k+1) is below 1e-9 (q = s·‖M⁻¹‖ < 1). Only the first X needs it: the
/// refinement steps in J-space correct any remaining error at the rate q (callgrind: 3 corrections per
/// solve cost a fifth of the route's instructions at 600 × 181).
struct ShiftedGramSolver {
    let factor: [Double]
    let size: Int
    let rank: Int
    let shift: Double
    let corrections: Int

    init(factor: [Double], size: Int, rank: Int, shift: Double, contraction: Double) {
        (self.factor, self.size, self.rank, self.shift) = (factor, size, rank, shift)
        corrections = contraction > 0 ? max(0, Int((-9 / log10(contraction)).rounded(.up)) - 1) : 0
    }

    /// M⁻¹·C in place, C rank × columns, column-major with leading dimension rank.
    func applyShiftedInverse(_ c: inout [Double], columns: Int) {
        let (r, ld) = (Int32(rank), Int32(size))
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasTrans, CblasNonUnit, r, Int32(columns), 1,
                    factor, ld, &c, r)
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, r, Int32(columns), 1,
                    factor, ld, &c, r)
    }

    /// Y with G_SS·Y = C, given Y₀ = M⁻¹C.
    func correctShift(_ first: [Double], columns: Int) -> [Double] {
        var y = first
        for _ in 0..<corrections {
            applyShiftedInverse(&y, columns: columns)
            cblas_dscal(Int32(y.count), -shift, &y, 1)
            cblas_daxpy(Int32(y.count), 1, first, 1, &y, 1)
        }
        return y
    }

    /// X = G_SS⁻¹·G_SN from the factor's off-diagonal block: U₁₁ᵀU₁₂ = G_SN, so M⁻¹G_SN = U₁₁⁻¹U₁₂.
    func normalEquationsSolution() -> [Double] {
        let free = size - rank
        var x = [Double](repeating: 0, count: rank * free)
        for j in 0..<free {
            for i in 0..<rank { x[i + j * rank] = factor[i + (rank + j) * size] }
        }
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(rank), Int32(free), 1,
                    factor, Int32(size), &x, Int32(rank))
        return correctShift(x, columns: free)
    }
}

/// The tall J (long × short) as a column-major copy with its columns in pivot order: J_S first, then J_N.
struct PivotedColumns {
    var data: [Double]
    let rows: Int
    let rank: Int
    let free: Int

    init(_ matrix: Matrix, pivots: [Int32], rank: Int) {
        let (m, n) = (matrix.rows, matrix.cols)
        let (short, long) = (min(m, n), max(m, n))
        (rows, self.rank, free) = (long, rank, short - rank)
        // Column k of the tall J starts at `first` in A's row-major storage and steps by `stride`: a row of
        // A when A is wide (J = Aᵀ), a column of A when it is tall.
        let stride = m < n ? 1 : n
        var out = [Double](repeating: 0, count: long * short)
        matrix.storage.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                for (k, p) in pivots.enumerated() {
                    let first = from + (m < n ? (Int(p) - 1) * n : Int(p) - 1)
                    let column = to + k * long
                    for i in 0..<long { column[i] = first[i * stride] }
                }
            }
        }
        data = out
    }

    /// E = J_N − J_S·X (long × free, column-major).
    func residual(_ x: [Double]) -> [Double] {
        var e = Array(data[(rank * rows)...])
        data.withUnsafeBufferPointer { j in
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(free), Int32(rank), -1,
                        j.baseAddress, Int32(rows), x, Int32(rank), 1, &e, Int32(rows))
        }
        return e
    }

    /// J_Sᵀ·E (rank × free, column-major).
    func projected(_ e: [Double]) -> [Double] {
        var c = [Double](repeating: 0, count: rank * free)
        data.withUnsafeBufferPointer { j in
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(rank), Int32(free), Int32(rows), 1,
                        j.baseAddress, Int32(rows), e, Int32(rows), 0, &c, Int32(rank))
        }
        return c
    }
}

/// An upper bound ≤ target on ‖J_N − J_S·X‖₂ for a refined X, or nil when the refinement stalls above it.
private func residualBound(columns: PivotedColumns, solver: ShiftedGramSolver, target: Double) throws -> Double? {
    var x = solver.normalEquationsSolution()
    var previous = Double.infinity
    for step in 0...maximumRefinements {
        let e = columns.residual(x)
        let frobenius = cblas_dnrm2(Int32(e.count), e, 1)
        guard frobenius.isFinite else { return nil }
        if frobenius <= target { return frobenius }
        // ‖E‖₂ ≥ ‖E‖_F / √free: the exact 2-norm (a small SVD) only when it can still decide.
        if frobenius <= target * Double(columns.free).squareRoot() && columns.free <= 512 {
            let spectral = try singularValues(Matrix(rows: columns.free, cols: columns.rows, storage: e)).first ?? 0
            if spectral <= target { return spectral }
        }
        // Stop when another step cannot get below the target: at the rate seen so far, or, before any
        // step, when E is so far above it that J_N is not in the span of J_S (a clustered spectrum).
        let rate = step == 0 ? 1e-6 : frobenius / previous
        guard step < maximumRefinements, rate < 0.5, frobenius * rate <= target else {
            return nil
        }
        previous = frobenius
        var correction = columns.projected(e)
        solver.applyShiftedInverse(&correction, columns: columns.free)
        cblas_daxpy(Int32(x.count), 1, correction, 1, &x, 1)
    }
    return nil
}

/// Refinement steps of X in J-space; one suffices on the ladder's Jacobians (κ(J_S)²·ε ≈ 1e-3 or less).
let maximumRefinements = 2
