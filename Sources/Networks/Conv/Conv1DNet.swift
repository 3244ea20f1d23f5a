import LinearAlgebra

/// Shape of a 1-D convolutional network: `inputChannels` (c0) channels of length `inputLength` (T0);
/// layer l = 1…L is a valid (no padding), stride-1 convolution with `channels[l-1]` (c_l) output channels and
/// kernel size `kernelSizes[l-1]` (k_l), so the feature map of layer l has length T_l = T_{l-1} − k_l + 1.
public struct Conv1DArchitecture: Sendable, Hashable, Codable {
    public let inputChannels: Int
    public let inputLength: Int
    /// c_1 … c_L.
    public let channels: [Int]
    /// k_1 … k_L.
    public let kernelSizes: [Int]

    /// Validates the shape: every count ≥ 1, as many kernels as layers, every feature map non-empty.
    public init(inputChannels: Int, inputLength: Int, channels: [Int], kernelSizes: [Int]) throws {
        guard inputChannels >= 1, inputLength >= 1 else {
            throw NetworkError.invalidArgument("a conv net needs at least one input channel and length ≥ 1, got \(inputChannels) channels of length \(inputLength)")
        }
        guard !channels.isEmpty, channels.count == kernelSizes.count else {
            throw NetworkError.invalidArgument("a conv net needs at least one layer and one kernel size per layer, got \(channels.count) channel counts and \(kernelSizes.count) kernel sizes")
        }
        guard channels.allSatisfy({ $0 >= 1 }), kernelSizes.allSatisfy({ $0 >= 1 }) else {
            throw NetworkError.invalidArgument("channel counts and kernel sizes must be ≥ 1, got channels \(channels) and kernels \(kernelSizes)")
        }
        var length = inputLength
        for (l, k) in kernelSizes.enumerated() {
            length -= k - 1
            guard length >= 1 else {
                throw NetworkError.invalidArgument("layer \(l + 1) (kernel \(k)) leaves an empty feature map for input length \(inputLength)")
            }
        }
        self.inputChannels = inputChannels
        self.inputLength = inputLength
        self.channels = channels
        self.kernelSizes = kernelSizes
    }

    /// L, the number of convolution layers.
    public var depth: Int { channels.count }
    /// c_0 … c_L.
    public var allChannels: [Int] { [inputChannels] + channels }
    /// T_0 … T_L, the feature-map lengths.
    public var lengths: [Int] {
        kernelSizes.reduce(into: [inputLength]) { $0.append($0[$0.count - 1] - $1 + 1) }
    }
    /// c0·T0, the width of one flattened input sample.
    public var inputWidth: Int { inputChannels * inputLength }
    /// c_L·T_L, the width of one flattened output.
    public var outputWidth: Int { channels[depth - 1] * lengths[depth] }
    /// Σ_{l<L} c_l, the number of hidden channels (one rescaling / sign flip each).
    public var hiddenChannelCount: Int { channels.dropLast().reduce(0, +) }
    /// Number of filter entries c_l·c_{l-1}·k_l of layer l (1-based).
    public func filterCount(layer l: Int) -> Int { channels[l - 1] * allChannels[l - 1] * kernelSizes[l - 1] }
    /// P = Σ_l c_l (c_{l-1} k_l + 1).
    public var parameterCount: Int { (1...depth).reduce(0) { $0 + filterCount(layer: $1) + channels[$1 - 1] } }

    /// Offset of layer l's filters (1-based) in the flat parameter vector; its c_l biases follow them.
    public func filterOffset(layer l: Int) -> Int {
        (1..<l).reduce(0) { $0 + filterCount(layer: $1) + channels[$1 - 1] }
    }

    /// Index of filter entry F_l[out][in][tap] in the flat parameter vector.
    public func parameterIndex(layer l: Int, outChannel o: Int, inChannel i: Int, tap t: Int) -> Int {
        filterOffset(layer: l) + (o * allChannels[l - 1] + i) * kernelSizes[l - 1] + t
    }

    /// Index of the bias of output channel o of layer l in the flat parameter vector.
    public func biasIndex(layer l: Int, outChannel o: Int) -> Int {
        filterOffset(layer: l) + filterCount(layer: l) + o
    }
}

/// A 1-D convolutional network. Layer l computes, for output channel o and position t < T_l,
/// z_l[o, t] = b_l[o] + Σ_i Σ_τ F_l[o][i][τ] · h_{l-1}[i, t + τ] (cross-correlation, as in common
/// deep-learning libraries); hidden layers apply `activation`, the last layer is affine.
///
/// Shapes are fixed at construction (the stored arrays are read-only outside the module; build a new network
/// from a parameter vector to change them). Feature maps, inputs and outputs are flattened channel-major:
/// entry (channel c, position t) sits at c·T + t. Parameter order: for l = 1…L, the filters F_l as [out channel][in channel][tap] row-major,
/// then the c_l biases.
public struct Conv1DNet: Sendable, Equatable {
    public let architecture: Conv1DArchitecture
    public var activation: Activation
    /// filters[l-1] is F_l flattened [out][in][tap] row-major (c_l·c_{l-1}·k_l entries).
    public internal(set) var filters: [[Double]]
    /// biases[l-1] is b_l (c_l entries, one per output channel).
    public internal(set) var biases: [[Double]]

    /// A network from its flat parameter vector (order documented on the type).
    public init(architecture: Conv1DArchitecture, activation: Activation, parameters: [Double]) throws {
        guard parameters.count == architecture.parameterCount else {
            throw NetworkError.parameterCount(expected: architecture.parameterCount, got: parameters.count)
        }
        guard parameters.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("parameters") }
        var filters: [[Double]] = []
        var biases: [[Double]] = []
        var offset = 0
        for l in 1...architecture.depth {
            let count = architecture.filterCount(layer: l)
            filters.append(Array(parameters[offset..<(offset + count)]))
            offset += count
            biases.append(Array(parameters[offset..<(offset + architecture.channels[l - 1])]))
            offset += architecture.channels[l - 1]
        }
        self.architecture = architecture
        self.activation = activation
        self.filters = filters
        self.biases = biases
    }

    /// The flat parameter vector (order documented on the type).
    public var parameters: [Double] {
        var p: [Double] = []
        p.reserveCapacity(parameterCount)
        for (f, b) in zip(filters, biases) {
            p += f
            p += b
        }
        return p
    }

    /// P = Σ_l c_l (c_{l-1} k_l + 1).
    public var parameterCount: Int { architecture.parameterCount }
    /// Σ_{l<L} c_l.
    public var hiddenChannelCount: Int { architecture.hiddenChannelCount }
    /// L.
    public var depth: Int { architecture.depth }
    /// c0·T0.
    public var inputWidth: Int { architecture.inputWidth }
    /// c_L·T_L.
    public var outputWidth: Int { architecture.outputWidth }

    /// Throws unless `inputs` is n × (c0·T0) with finite entries.
    public func checkInputs(_ inputs: Matrix) throws {
        guard inputs.cols == inputWidth else { throw NetworkError.inputWidth(expected: inputWidth, got: inputs.cols) }
        guard inputs.storage.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("inputs") }
    }
}
