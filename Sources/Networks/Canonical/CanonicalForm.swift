extension MLP {
    /// Canonical form modulo signed permutations (odd activations; science.md §4.1 steps 4–5), layer by
    /// layer from the first hidden layer: flip each unit so that the first entry of (w, b) with
    /// |entry| > τ·‖(w, b)‖_∞ is positive, then sort the layer's units lexicographically by (w, b).
    /// For irreducible single-hidden-layer tanh nets, equal forms ⇔ equal functions (Sussmann).
    public func signedPermutationCanonicalForm(tolerance: Double = 1e-9) throws -> MLP {
        guard activation.isOdd else {
            throw SymmetryError.unsupported("sign flips are symmetries only for odd activations, not \(activation)")
        }
        try Self.checkTolerance(tolerance)
        var net = self
        for layer in 1..<depth {
            for unit in 0..<widths[layer] {
                let row = incomingVector(of: net, layer: layer, unit: unit)
                let threshold = tolerance * maxNorm(row)
                if let leading = row.first(where: { abs($0) > threshold }), leading < 0 {
                    net = try net.flippingSign(layer: layer, unit: unit)
                }
            }
            net = try net.sortingUnits(layer: layer, tolerance: tolerance)
        }
        return net
    }

    /// Canonical form modulo permutation and positive rescaling (ReLU, leaky ReLU; science.md §6.5), layer
    /// by layer from the first hidden layer: scale each unit with (w, b) ≠ 0 so that ‖(w, b)‖_∞ = 1 (its
    /// outgoing column absorbs the factor), then sort the layer's units lexicographically by (w, b).
    public func rescalingCanonicalForm(tolerance: Double = 1e-9) throws -> MLP {
        guard activation.isPiecewiseLinear else {
            throw SymmetryError.unsupported("positive rescaling is a symmetry only for ReLU-type activations, not \(activation)")
        }
        try Self.checkTolerance(tolerance)
        var net = self
        for layer in 1..<depth {
            for unit in 0..<widths[layer] {
                let norm = maxNorm(incomingVector(of: net, layer: layer, unit: unit))
                if norm > 0 { net = try net.rescalingUnit(layer: layer, unit: unit, by: 1 / norm) }
            }
            net = try net.sortingUnits(layer: layer, tolerance: tolerance)
        }
        return net
    }

    /// Reorders the units of a hidden layer lexicographically by (w, b); entries closer than τ times the
    /// larger row norm count as equal, and ties keep their current order.
    func sortingUnits(layer: Int, tolerance: Double) throws -> MLP {
        let rows = (0..<widths[layer]).map { incomingVector(of: self, layer: layer, unit: $0) }
        let order = rows.indices.sorted { i, j in
            switch Self.compare(rows[i], rows[j], tolerance: tolerance) {
            case .some(let less): return less
            case .none: return i < j
            }
        }
        return try permutingHiddenUnits(layer: layer, permutation: order)
    }

    /// Lexicographic comparison with a relative tolerance: true if a < b, false if a > b, nil if equal.
    static func compare(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool? {
        let threshold = tolerance * max(maxNorm(a), maxNorm(b))
        for (x, y) in zip(a, b) where abs(x - y) > threshold { return x < y }
        return nil
    }

    static func checkTolerance(_ tolerance: Double) throws {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw SymmetryError.invalidFactor("the tolerance must be finite and non-negative, got \(tolerance)")
        }
    }
}
