import LinearAlgebra

extension MLP {
    /// Deletes hidden unit `unit` (0-based) of hidden layer `layer` (1-based): its row of W_l and b_l and
    /// its column of W_{l+1}. The function changes unless the unit's outgoing column is zero (Sussmann R1).
    /// A layer cannot become empty: removing its last unit throws.
    public func removingHiddenUnit(layer: Int, unit: Int) throws -> MLP {
        try checkHidden(layer: layer, unit: unit)
        guard widths[layer] > 1 else {
            throw SymmetryError.unsupported("cannot remove the last unit of hidden layer \(layer)")
        }
        var weights = self.weights
        var biases = self.biases
        let incoming = weights[layer - 1]
        weights[layer - 1] = Matrix((0..<incoming.rows).filter { $0 != unit }.map { incoming.row($0) })
        biases[layer - 1].remove(at: unit)
        let outgoing = weights[layer]
        weights[layer] = Matrix((0..<outgoing.rows).map { k in
            (0..<outgoing.cols).filter { $0 != unit }.map { outgoing[k, $0] }
        })
        return try MLP(weights: weights, biases: biases, activation: activation)
    }

    /// Sussmann R3: treats the unit as constant (its incoming weights are assumed zero), adds
    /// v·σ(b) to the next layer's bias (v its outgoing column) and deletes the unit.
    public func foldingConstantUnit(layer: Int, unit: Int) throws -> MLP {
        var out = self
        try out.addConstantUnitToNextBias(layer: layer, unit: unit)
        return try out.removingHiddenUnit(layer: layer, unit: unit)
    }

    /// Sussmann R2: adds `sign`·(outgoing column of `removed`) to the outgoing column of `kept` and deletes
    /// `removed`. Preserves the function when (w, b)_removed = sign·(w, b)_kept and σ is odd (or sign = +1).
    /// A wrong sign is the standard negative control (science.md §4.1 failing outcome (b)).
    public func mergingTwinUnits(layer: Int, kept: Int, removed: Int, sign: Double) throws -> MLP {
        try checkHidden(layer: layer, unit: kept)
        try checkHidden(layer: layer, unit: removed)
        guard kept != removed, sign == 1 || sign == -1 else {
            throw SymmetryError.invalidFactor("merging needs two different units and a sign of +1 or −1")
        }
        var out = self
        for k in 0..<weights[layer].rows { out.weights[layer][k, kept] += sign * weights[layer][k, removed] }
        return try out.removingHiddenUnit(layer: layer, unit: removed)
    }

    /// next bias += v·σ(b_unit), the constant contribution of a unit with zero incoming weights.
    mutating func addConstantUnitToNextBias(layer: Int, unit: Int) throws {
        try checkHidden(layer: layer, unit: unit)
        let value = activation.value(biases[layer - 1][unit])
        for k in 0..<weights[layer].rows { biases[layer][k] += weights[layer][k, unit] * value }
    }
}

/// ‖v‖_∞ (0 for an empty vector).
func maxNorm<C: Collection>(_ v: C) -> Double where C.Element == Double {
    v.reduce(0) { max($0, abs($1)) }
}

/// The incoming vector (w, b) of a hidden unit.
func incomingVector(of network: MLP, layer: Int, unit: Int) -> [Double] {
    network.weights[layer - 1].row(unit) + [network.biases[layer - 1][unit]]
}
