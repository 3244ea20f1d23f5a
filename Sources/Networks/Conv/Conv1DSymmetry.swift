import LinearAlgebra

/// Per-channel symmetry actions on a conv net (science.md §8.7 "CNNs"). Each acts on one hidden layer l
/// (1 ≤ l < L): the channel's filters and bias in layer l, and the matching input-channel slice
/// F_{l+1}[·][c][·] of the next layer's filters.
extension Conv1DNet {
    /// Channels of hidden layer l reordered: new channel j is old channel `permutation[j]`. With
    /// `includingNextLayerSlices` (the symmetry) the next layer's input-channel slices follow; without it
    /// (a deliberately broken variant, for negative checks) only layer l's filters and biases move.
    public func permutingChannels(layer l: Int, permutation: [Int], includingNextLayerSlices: Bool = true) throws -> Conv1DNet {
        try checkHiddenLayer(l)
        let c = architecture.channels[l - 1]
        guard permutation.count == c, Set(permutation) == Set(0..<c) else {
            throw NetworkError.invalidArgument("\(permutation) is not a permutation of 0..<\(c) (the channels of layer \(l))")
        }
        var result = self
        let cIn = architecture.allChannels[l - 1]
        let k = architecture.kernelSizes[l - 1]
        for j in 0..<c {
            let old = permutation[j]
            result.biases[l - 1][j] = biases[l - 1][old]
            for i in 0..<cIn {
                for t in 0..<k { result.filters[l - 1][(j * cIn + i) * k + t] = filters[l - 1][(old * cIn + i) * k + t] }
            }
        }
        if includingNextLayerSlices {
            let cNext = architecture.channels[l]
            let kNext = architecture.kernelSizes[l]
            for o in 0..<cNext {
                for j in 0..<c {
                    for t in 0..<kNext {
                        result.filters[l][(o * c + j) * kNext + t] = filters[l][(o * c + permutation[j]) * kNext + t]
                    }
                }
            }
        }
        return result
    }

    /// Channel c of hidden layer l scaled by λ_c (filters and bias) and its next-layer slice by 1/λ_c.
    /// For a positively homogeneous σ (ReLU, leaky ReLU) and λ_c > 0 the function is unchanged.
    public func rescalingChannels(layer l: Int, factors: [Double]) throws -> Conv1DNet {
        try checkHiddenLayer(l)
        guard factors.count == architecture.channels[l - 1],
              factors.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw NetworkError.invalidArgument("need \(architecture.channels[l - 1]) finite positive factors for layer \(l), got \(factors)")
        }
        return scalingChannels(layer: l, factors: factors)
    }

    /// Channel c of hidden layer l multiplied by s_c ∈ {+1, −1} (filters and bias) and its next-layer slice
    /// by s_c. For an odd σ (tanh, linear) the function is unchanged.
    public func flippingChannelSigns(layer l: Int, signs: [Double]) throws -> Conv1DNet {
        try checkHiddenLayer(l)
        guard signs.count == architecture.channels[l - 1], signs.allSatisfy({ $0 == 1 || $0 == -1 }) else {
            throw NetworkError.invalidArgument("need \(architecture.channels[l - 1]) signs ±1 for layer \(l), got \(signs)")
        }
        return scalingChannels(layer: l, factors: signs)
    }

    /// Tangent vectors of the per-channel rescaling orbit at θ: one row per hidden channel (layers in order,
    /// channels in order), P columns. The row of (l, c) is d/dt at t = 0 of rescaling channel c by e^t:
    /// +θ on layer l's filters and bias of channel c, −θ on the slice F_{l+1}[·][c][·]. For ReLU these lie in
    /// the kernel of every batch Jacobian.
    public func rescalingTangents() -> Matrix {
        let theta = parameters
        let arch = architecture
        var tangents = Matrix(rows: hiddenChannelCount, cols: parameterCount)
        var row = 0
        for l in 1..<depth {
            let (cIn, c, k) = (arch.allChannels[l - 1], arch.channels[l - 1], arch.kernelSizes[l - 1])
            let (cNext, kNext) = (arch.channels[l], arch.kernelSizes[l])
            for channel in 0..<c {
                for i in 0..<cIn {
                    for t in 0..<k {
                        let index = arch.parameterIndex(layer: l, outChannel: channel, inChannel: i, tap: t)
                        tangents[row, index] = theta[index]
                    }
                }
                let bias = arch.biasIndex(layer: l, outChannel: channel)
                tangents[row, bias] = theta[bias]
                for o in 0..<cNext {
                    for t in 0..<kNext {
                        let index = arch.parameterIndex(layer: l + 1, outChannel: o, inChannel: channel, tap: t)
                        tangents[row, index] = -theta[index]
                    }
                }
                row += 1
            }
        }
        return tangents
    }

    private func scalingChannels(layer l: Int, factors: [Double]) -> Conv1DNet {
        var result = self
        let arch = architecture
        let (cIn, c, k) = (arch.allChannels[l - 1], arch.channels[l - 1], arch.kernelSizes[l - 1])
        let (cNext, kNext) = (arch.channels[l], arch.kernelSizes[l])
        for channel in 0..<c {
            let factor = factors[channel]
            result.biases[l - 1][channel] *= factor
            for i in 0..<cIn {
                for t in 0..<k { result.filters[l - 1][(channel * cIn + i) * k + t] *= factor }
            }
            for o in 0..<cNext {
                for t in 0..<kNext { result.filters[l][(o * c + channel) * kNext + t] /= factor }
            }
        }
        return result
    }

    private func checkHiddenLayer(_ l: Int) throws {
        guard l >= 1, l < depth else {
            throw NetworkError.invalidArgument("layer \(l) is not a hidden layer (hidden layers are 1..<\(depth))")
        }
    }
}
