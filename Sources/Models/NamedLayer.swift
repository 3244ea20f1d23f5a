import LinearAlgebra
import Networks

/// One affine layer as found in a file, before the layers are chained into an `MLP`.
public struct NamedLayer: Sendable, Equatable {
    /// What the file calls it (e.g. "layers[2]", "2.weight", "W3", an ONNX node name).
    public var name: String
    /// Rows are output neurons (PyTorch's convention).
    public var weight: Matrix
    /// nil when the file has no bias for this layer (it is then zero).
    public var bias: [Double]?

    public init(name: String, weight: Matrix, bias: [Double]?) {
        self.name = name
        self.weight = weight
        self.bias = bias
    }
}

/// A network read from a file: its layers in order, and the activation when the file names one.
public struct LoadedModel: Sendable, Equatable {
    public var layers: [NamedLayer]
    /// The activation the file names (ONNX operators, a JSON "activation", safetensors metadata), if any.
    public var activation: Activation?
    public var format: ModelFormat

    public init(layers: [NamedLayer], activation: Activation?, format: ModelFormat) {
        self.layers = layers
        self.activation = activation
        self.format = format
    }

    /// Chains the layers into an MLP, checking that every value is finite and that the shapes chain
    /// (naming the layer and both shapes otherwise). `fallback` is used when the file names no activation;
    /// an explicit `override` wins over the file.
    public func network(activation override: Activation? = nil) throws -> MLP {
        guard let activation = override ?? activation else {
            throw ModelError("the file does not name the activation: pass --activation (one of "
                + Activation.canonicalNames.joined(separator: ", ") + ")")
        }
        guard !layers.isEmpty else { throw ModelError("the file holds no layers") }
        var biases: [[Double]] = []
        for (index, layer) in layers.enumerated() {
            let w = layer.weight
            guard w.rows > 0, w.cols > 0 else {
                throw ModelError("layer \(layer.name) has an empty weight matrix (\(w.rows)×\(w.cols))")
            }
            if let bad = w.storage.firstIndex(where: { !$0.isFinite }) {
                throw ModelError("layer \(layer.name): weight[\(bad / w.cols)][\(bad % w.cols)] is \(w.storage[bad]) (NaN or infinite)")
            }
            let bias = layer.bias ?? [Double](repeating: 0, count: w.rows)
            guard bias.count == w.rows else {
                throw ModelError("layer \(layer.name): the bias has \(bias.count) entries but the weight has \(w.rows) rows (\(w.rows)×\(w.cols))")
            }
            if let bad = bias.firstIndex(where: { !$0.isFinite }) {
                throw ModelError("layer \(layer.name): bias[\(bad)] is \(bias[bad]) (NaN or infinite)")
            }
            if index > 0 {
                let previous = layers[index - 1]
                guard previous.weight.rows == w.cols else {
                    throw ModelError("shape mismatch: layer \(previous.name) is \(previous.weight.rows)×\(previous.weight.cols) "
                        + "(\(previous.weight.rows) outputs) but layer \(layer.name) is \(w.rows)×\(w.cols) (\(w.cols) inputs)")
                }
            }
            biases.append(bias)
        }
        return try MLP(weights: layers.map(\.weight), biases: biases, activation: activation)
    }
}
