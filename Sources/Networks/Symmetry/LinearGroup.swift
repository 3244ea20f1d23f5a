import LinearAlgebra

/// How the next layer compensates a GL(h) transform of a hidden layer.
public enum LinearCompensation: Sendable, Hashable {
    /// W_{l+1} ← W_{l+1} G⁻¹: the true symmetry of a linear hidden layer.
    case inverse
    /// Negative control: W_{l+1} ← W_{l+1} Gᵀ (a symmetry only when G is orthogonal).
    case transpose
}

extension MLP {
    /// Acts by G ∈ GL(n_l) on hidden layer `layer`: W_l ← G W_l, b_l ← G b_l, W_{l+1} ← W_{l+1} G⁻¹
    /// (science.md §1.1, deep form W_l ↦ G_l W_l G_{l−1}⁻¹). In the row-vector notation Ŷ = X A B of §1.1,
    /// where A = W_lᵀ and B = W_{l+1}ᵀ, this is (A, B) ↦ (A Gᵀ, G⁻ᵀ B); pass H = Gᵀ to get (A H, H⁻¹ B).
    /// A symmetry when the activation is linear; G⁻¹ is applied by solving with LU (dgesv).
    public func applyingLinearTransform(_ g: Matrix, layer: Int, compensation: LinearCompensation = .inverse)
        throws -> MLP
    {
        try checkHidden(layer: layer)
        let h = widths[layer]
        guard g.rows == h, g.cols == h else {
            throw SymmetryError.invalidFactor("G must be \(h)×\(h) for hidden layer \(layer), got \(g.rows)×\(g.cols)")
        }
        guard g.storage.allSatisfy({ $0.isFinite }) else { throw SymmetryError.invalidFactor("G has non-finite entries") }
        var out = self
        out.weights[layer - 1] = g * weights[layer - 1]
        out.biases[layer - 1] = g * biases[layer - 1]
        let next = weights[layer]
        switch compensation {
        case .transpose:
            out.weights[layer] = next * g.transposed
        case .inverse:
            // Row r of X = W_{l+1} G⁻¹ solves Gᵀ xᵀ = (row r of W_{l+1})ᵀ.
            let gt = g.transposed
            var product = Matrix(rows: next.rows, cols: h)
            for r in 0..<next.rows {
                let x: [Double]
                do { x = try solve(gt, next.row(r)) } catch {
                    throw SymmetryError.singularTransform("G is singular (\(error)); GL(h) needs an invertible matrix")
                }
                guard x.allSatisfy({ $0.isFinite }) else {
                    throw SymmetryError.singularTransform("G is numerically singular")
                }
                for j in 0..<h { product[r, j] = x[j] }
            }
            out.weights[layer] = product
        }
        return out
    }
}
