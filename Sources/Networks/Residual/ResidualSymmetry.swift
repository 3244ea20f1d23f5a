import LinearAlgebra

/// The positive rescalings of a residual MLP with a positively homogeneous activation (ReLU, leaky ReLU).
/// An inner unit of a block rescales on its own; a stream coordinate i is carried unchanged by every skip
/// connection (weight fixed to 1), so it can only be rescaled in the stem and in every block at once.
extension ResidualMLP {
    /// Inner unit j of block k: U_k row j and a_k[j] times λ, V_k column j divided by λ.
    public func rescalingInnerUnit(block k: Int, unit j: Int, by lambda: Double) throws -> ResidualMLP {
        guard blockWidths.indices.contains(k), (0..<blockWidths[k]).contains(j), lambda != 0 else {
            throw NetworkError.invalidArgument("no inner unit \(j) in block \(k), or λ = 0")
        }
        var copy = self
        for (index, factor) in innerUnitTangentSupport(block: k, unit: j) {
            copy.parameters[index] *= factor > 0 ? lambda : 1 / lambda
        }
        return copy
    }

    /// Stream coordinate i everywhere at once: stem row i and b₀[i] times λ, every U_k column i divided by
    /// λ, every V_k row i times λ, readout column i divided by λ.
    public func rescalingStream(coordinate i: Int, by lambda: Double) throws -> ResidualMLP {
        guard (0..<streamWidth).contains(i), lambda != 0 else {
            throw NetworkError.invalidArgument("no stream coordinate \(i), or λ = 0")
        }
        var copy = self
        for (index, factor) in streamTangentSupport(coordinate: i, blocks: blockWidths.count) {
            copy.parameters[index] *= factor > 0 ? lambda : 1 / lambda
        }
        return copy
    }

    /// A would-be symmetry that treats the summation node i after block k like a hidden unit of a plain
    /// MLP: its incoming V_k row i times λ, its outgoing weights into the next block (U_{k+1} column i, or
    /// the readout column i after the last block) divided by λ. Not a symmetry: the skip connections into
    /// and out of the node keep weight 1.
    public func rescalingSummationNode(block k: Int, coordinate i: Int, by lambda: Double) -> ResidualMLP {
        var copy = self
        for (index, factor) in summationNodeSupport(block: k, coordinate: i) {
            copy.parameters[index] *= factor > 0 ? lambda : 1 / lambda
        }
        return copy
    }

    /// Tangents (d/dλ at λ = 1) of every inner-unit rescaling and every whole-stream rescaling:
    /// Σ_k m_k + d vectors.
    public var rescalingTangents: [[Double]] {
        var tangents: [[Double]] = []
        for (k, m) in blockWidths.enumerated() {
            for j in 0..<m { tangents.append(tangent(innerUnitTangentSupport(block: k, unit: j))) }
        }
        for i in 0..<streamWidth { tangents.append(tangent(streamTangentSupport(coordinate: i, blocks: blockWidths.count))) }
        return tangents
    }

    /// The tangent of `rescalingSummationNode`, for controls.
    public func summationNodeTangent(block k: Int, coordinate i: Int) -> [Double] {
        tangent(summationNodeSupport(block: k, coordinate: i))
    }

    private func tangent(_ support: [(Int, Double)]) -> [Double] {
        var t = [Double](repeating: 0, count: parameters.count)
        for (index, sign) in support { t[index] = sign * parameters[index] }
        return t
    }

    /// (parameter index, +1 multiplied by λ / −1 divided by λ).
    private func innerUnitTangentSupport(block k: Int, unit j: Int) -> [(Int, Double)] {
        let d = streamWidth, m = blockWidths[k]
        let (inner, innerBias, outer) = layout.blocks[k]
        var support = (0..<d).map { (inner + j * d + $0, 1.0) }
        support.append((innerBias + j, 1))
        support += (0..<d).map { (outer + $0 * m + j, -1.0) }
        return support
    }

    private func streamTangentSupport(coordinate i: Int, blocks: Int) -> [(Int, Double)] {
        let d = streamWidth
        let lay = layout
        var support = (0..<inputWidth).map { (lay.stemWeights + i * inputWidth + $0, 1.0) }
        support.append((lay.stemBias + i, 1))
        for (k, m) in blockWidths.enumerated() {
            let (inner, _, outer) = lay.blocks[k]
            support += (0..<m).map { (inner + $0 * d + i, -1.0) }
            support += (0..<m).map { (outer + i * m + $0, 1.0) }
        }
        return support + (0..<outputWidth).map { (lay.readoutWeights + $0 * d + i, -1.0) }
    }

    private func summationNodeSupport(block k: Int, coordinate i: Int) -> [(Int, Double)] {
        let d = streamWidth
        let lay = layout
        let m = blockWidths[k]
        var support = (0..<m).map { (lay.blocks[k].outer + i * m + $0, 1.0) }
        if k + 1 < blockWidths.count {
            support += (0..<blockWidths[k + 1]).map { (lay.blocks[k + 1].inner + $0 * d + i, -1.0) }
        } else {
            support += (0..<outputWidth).map { (lay.readoutWeights + $0 * d + i, -1.0) }
        }
        return support
    }
}
