import LinearAlgebra

/// The symmetries of a multi-head attention layer: per head, Q ↦ Q A with K ↦ K A⁻ᵀ (A ∈ GL(d_k)) keeps
/// Q Kᵀ; V ↦ V B with O ↦ B⁻¹ O (B ∈ GL(d_v)) keeps V O; and the heads can be permuted.
extension SelfAttention {
    /// The rows × cols block at `offset` as a matrix.
    public func block(_ offset: Int, rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: Array(parameters[offset..<(offset + rows * cols)]))
    }

    private func replacing(_ offset: Int, with m: Matrix) -> [Double] {
        var p = parameters
        p.replaceSubrange(offset..<(offset + m.storage.count), with: m.storage)
        return p
    }

    private func with(parameters p: [Double]) throws -> SelfAttention {
        try SelfAttention(modelWidth: modelWidth, heads: heads, keyWidth: keyWidth, valueWidth: valueWidth,
                          outputWidth: outputWidth, softmax: softmax, parameters: p)
    }

    /// Q_h ↦ Q_h A and K_h ↦ K_h (Aᵀ)⁻¹ when `keyCompensation` is nil; otherwise K_h ↦ K_h · keyCompensation
    /// (for controls that use a wrong compensation).
    public func transformingQueryKey(head h: Int, by a: Matrix, keyCompensation: Matrix? = nil) throws -> SelfAttention {
        guard (0..<heads).contains(h), a.rows == keyWidth, a.cols == keyWidth else {
            throw NetworkError.invalidArgument("need a head index and a d_k × d_k matrix")
        }
        let o = offsets(head: h)
        let compensation = try keyCompensation ?? inverse(a).transposed
        var copy = self
        copy.parameters = replacing(o.query, with: block(o.query, rows: modelWidth, cols: keyWidth) * a)
        copy = try copy.with(parameters: copy.replacing(o.key, with: block(o.key, rows: modelWidth, cols: keyWidth) * compensation))
        return copy
    }

    /// V_h ↦ V_h B and O_h ↦ B⁻¹ O_h, or O_h ↦ outCompensation · O_h when given.
    public func transformingValueOutput(head h: Int, by b: Matrix, outCompensation: Matrix? = nil) throws -> SelfAttention {
        guard (0..<heads).contains(h), b.rows == valueWidth, b.cols == valueWidth else {
            throw NetworkError.invalidArgument("need a head index and a d_v × d_v matrix")
        }
        let o = offsets(head: h)
        let compensation = try outCompensation ?? inverse(b)
        var copy = self
        copy.parameters = replacing(o.value, with: block(o.value, rows: modelWidth, cols: valueWidth) * b)
        copy = try copy.with(parameters: copy.replacing(o.out, with: compensation * block(o.out, rows: valueWidth, cols: outputWidth)))
        return copy
    }

    /// Head h of the result is head permutation[h] of self. `parts` selects which of (Q, K, V, O) move
    /// (all four for the symmetry; fewer for controls).
    public func permutingHeads(_ permutation: [Int], parts: Set<HeadPart> = Set(HeadPart.allCases)) throws -> SelfAttention {
        guard permutation.sorted() == Array(0..<heads) else { throw NetworkError.invalidArgument("not a permutation of the heads") }
        var p = parameters
        for h in 0..<heads {
            let target = offsets(head: h), source = offsets(head: permutation[h])
            for part in parts {
                let (t, s, count) = part.range(target, source, self)
                p.replaceSubrange(t..<(t + count), with: parameters[s..<(s + count)])
            }
        }
        return try with(parameters: p)
    }

    /// The Σ_h (d_k² + d_v²) tangents of the two GL actions at the identity, head by head:
    /// (δQ, δK) = (Q E, −K Eᵀ) and (δV, δO) = (V F, −F O) for every matrix unit E, F.
    public var glTangents: [[Double]] {
        var tangents: [[Double]] = []
        for h in 0..<heads {
            let o = offsets(head: h)
            let q = block(o.query, rows: modelWidth, cols: keyWidth), k = block(o.key, rows: modelWidth, cols: keyWidth)
            let v = block(o.value, rows: modelWidth, cols: valueWidth), out = block(o.out, rows: valueWidth, cols: outputWidth)
            for a in 0..<keyWidth {
                for b in 0..<keyWidth {
                    var t = [Double](repeating: 0, count: parameters.count)
                    // Q E_ab: column b of Q gets column a of Q; −K E_abᵀ = −K E_ba: column a of K gets −column b.
                    for i in 0..<modelWidth {
                        t[o.query + i * keyWidth + b] += q[i, a]
                        t[o.key + i * keyWidth + a] -= k[i, b]
                    }
                    tangents.append(t)
                }
            }
            for a in 0..<valueWidth {
                for b in 0..<valueWidth {
                    var t = [Double](repeating: 0, count: parameters.count)
                    // V E_ab: column b of V gets column a; −E_ab O: row a of O gets −row b.
                    for i in 0..<modelWidth { t[o.value + i * valueWidth + b] += v[i, a] }
                    for j in 0..<outputWidth { t[o.out + a * outputWidth + j] -= out[b, j] }
                    tangents.append(t)
                }
            }
        }
        return tangents
    }

    /// Per head, the tangent of (Q, K, V, O) ↦ (λQ, K, V, O/λ): a symmetry of the lightning variant only.
    public var lightningScaleTangents: [[Double]] {
        (0..<heads).map { h in
            let o = offsets(head: h)
            var t = [Double](repeating: 0, count: parameters.count)
            for i in o.query..<o.key { t[i] = parameters[i] }
            for i in o.out..<(o.out + valueWidth * outputWidth) { t[i] = -parameters[i] }
            return t
        }
    }
}

/// The four weight blocks of a head.
public enum HeadPart: String, Sendable, CaseIterable {
    case query, key, value, out

    func range(_ target: (query: Int, key: Int, value: Int, out: Int), _ source: (query: Int, key: Int, value: Int, out: Int),
               _ layer: SelfAttention) -> (Int, Int, Int) {
        let qk = layer.modelWidth * layer.keyWidth
        switch self {
        case .query: return (target.query, source.query, qk)
        case .key: return (target.key, source.key, qk)
        case .value: return (target.value, source.value, layer.modelWidth * layer.valueWidth)
        case .out: return (target.out, source.out, layer.valueWidth * layer.outputWidth)
        }
    }
}
