import Foundation
import LinearAlgebra
import Networks
import SwiftProtobuf

/// Reads an ONNX model whose graph is a chain of affine layers (Gemm, or MatMul followed by Add) separated
/// by one elementwise activation node each. Weights come from the graph's initializers (or Constant nodes),
/// inline or in external data files. Any other operator is refused by name.
public enum ONNXReader {
    /// Activation operators and how they map onto `Activation` (attributes give α where they exist).
    static let activationOperators = ["Relu", "LeakyRelu", "Tanh", "Sigmoid", "Elu", "Softplus", "Gelu", "Atan", "Sin"]
    /// Operators that pass a 2-D batch through unchanged.
    static let passThroughOperators = ["Identity", "Flatten"]

    public static func read(_ data: Data, externalData: (@Sendable (String) throws -> Data)? = nil) throws -> LoadedModel {
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw ModelError("not a valid ONNX protobuf (truncated or malformed): \(error)")
        }
        guard model.hasGraph else { throw ModelError("the ONNX model has no graph") }
        let graph = model.graph
        var constants: [String: Onnx_TensorProto] = [:]
        for tensor in graph.initializer { constants[tensor.name] = tensor }
        for node in graph.node where node.opType == "Constant" {
            guard let attribute = node.attribute.first(where: { $0.name == "value" }), attribute.hasT, let output = node.output.first else {
                throw ModelError("Constant node \(label(node)) has no tensor 'value' (only tensor constants are supported)")
            }
            constants[output] = attribute.t
        }
        let streamInputs = graph.input.map(\.name).filter { constants[$0] == nil }
        guard streamInputs.count == 1, var current = streamInputs.first else {
            throw ModelError("the graph must have exactly one non-initializer input, it has \(streamInputs.count): \(streamInputs)")
        }
        func tensor(_ name: String, node: Onnx_NodeProto) throws -> Tensor {
            guard let proto = constants[name] else {
                throw ModelError("node \(label(node)) (\(node.opType)): input \(name) is not an initializer; only constant weights are supported")
            }
            return try ONNXTensors.decode(proto, external: externalData)
        }

        var layers: [NamedLayer] = []
        var activations: [Activation] = []
        var pendingActivation = true  // no activation may precede the first layer
        let nodes = graph.node.filter { $0.opType != "Constant" }
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            index += 1
            guard node.input.contains(current) else {
                throw ModelError("node \(label(node)) (\(node.opType)) does not act on the chain's value \(current); only a single chain of layers is supported")
            }
            guard node.output.count >= 1 else { throw ModelError("node \(label(node)) has no output") }
            switch node.opType {
            case "Gemm":
                guard node.input.count >= 2, node.input[0] == current else {
                    throw ModelError("Gemm node \(label(node)): the layer input must be its first operand")
                }
                let alpha = Double(float(node, "alpha") ?? 1), beta = Double(float(node, "beta") ?? 1)
                guard (int(node, "transA") ?? 0) == 0 else { throw ModelError("Gemm node \(label(node)): transA = 1 is not supported") }
                let b = try tensor(node.input[1], node: node)
                guard b.shape.count == 2, let bm = b.matrix else {
                    throw ModelError("Gemm node \(label(node)): weight \(node.input[1]) has shape \(b.shapeDescription), not 2-D")
                }
                var weight = (int(node, "transB") ?? 0) == 1 ? bm : bm.transposed
                weight.storage = weight.storage.map { $0 * alpha }
                var bias: [Double]?
                if node.input.count >= 3, !node.input[2].isEmpty {
                    let c = try tensor(node.input[2], node: node)
                    bias = try biasVector(c, rows: weight.rows, node: node).map { $0 * beta }
                }
                layers.append(NamedLayer(name: label(node), weight: weight, bias: bias))
                pendingActivation = false
                current = node.output[0]
            case "MatMul":
                guard node.input.count == 2, node.input[0] == current else {
                    throw ModelError("MatMul node \(label(node)): the layer input must be its first operand")
                }
                let b = try tensor(node.input[1], node: node)
                guard b.shape.count == 2, let bm = b.matrix else {
                    throw ModelError("MatMul node \(label(node)): weight \(node.input[1]) has shape \(b.shapeDescription), not 2-D")
                }
                let weight = bm.transposed
                var bias: [Double]?
                current = node.output[0]
                if index < nodes.count, nodes[index].opType == "Add", nodes[index].input.contains(current) {
                    let add = nodes[index]
                    index += 1
                    guard add.input.count == 2, let other = add.input.first(where: { $0 != current }) else {
                        throw ModelError("Add node \(label(add)) must add one constant bias to the MatMul output")
                    }
                    // The fused Add skips the loop's output check, so it needs its own.
                    guard let addOutput = add.output.first else { throw ModelError("node \(label(add)) has no output") }
                    bias = try biasVector(try tensor(other, node: add), rows: weight.rows, node: add)
                    current = addOutput
                }
                layers.append(NamedLayer(name: label(node), weight: weight, bias: bias))
                pendingActivation = false
            case let op where activationOperators.contains(op):
                guard !layers.isEmpty, !pendingActivation else {
                    throw ModelError("activation node \(label(node)) (\(op)) must follow an affine layer (Gemm or MatMul+Add)")
                }
                activations.append(try activation(node))
                pendingActivation = true
                current = node.output[0]
            case let op where passThroughOperators.contains(op):
                current = node.output[0]
            default:
                throw ModelError("unsupported operator \(node.opType) (node \(label(node))); supported: Gemm, MatMul, Add, "
                    + (activationOperators + passThroughOperators + ["Constant"]).joined(separator: ", "))
            }
        }
        guard !layers.isEmpty else { throw ModelError("the graph has no Gemm or MatMul layer") }
        guard !pendingActivation else {
            throw ModelError("the graph ends with an activation; the last layer must be affine")
        }
        guard activations.count == layers.count - 1 else {
            throw ModelError("\(layers.count) affine layers need \(layers.count - 1) activation nodes between them, found \(activations.count)")
        }
        if let first = activations.first, let other = activations.first(where: { $0 != first }) {
            throw ModelError("the graph mixes activations \(first) and \(other); nnid analyzes one activation throughout")
        }
        return LoadedModel(layers: layers, activation: activations.first, format: .onnx)
    }

    static func activation(_ node: Onnx_NodeProto) throws -> Activation {
        switch node.opType {
        case "Relu": return .relu
        case "Tanh": return .tanh
        case "Sigmoid": return .logistic
        case "Softplus": return .softplus
        case "Atan": return .arctan
        case "Sin": return .sin
        case "LeakyRelu":
            let alpha = Double(float(node, "alpha") ?? 0.01)
            guard alpha > 0, alpha != 1 else { throw ModelError("LeakyRelu node \(label(node)): alpha \(alpha) must be positive and ≠ 1") }
            return .leakyReLU(alpha: alpha)
        case "Elu":
            return .elu(alpha: Double(float(node, "alpha") ?? 1))
        case "Gelu":
            if let approximate = node.attribute.first(where: { $0.name == "approximate" }),
               String(decoding: approximate.s, as: UTF8.self) != "none" {
                throw ModelError("Gelu node \(label(node)): the tanh approximation is not supported (only approximate = none)")
            }
            return .gelu
        default:
            throw ModelError("unsupported activation operator \(node.opType)")
        }
    }

    static func biasVector(_ tensor: Tensor, rows: Int, node: Onnx_NodeProto) throws -> [Double] {
        guard tensor.values.count == rows, tensor.shape.filter({ $0 != 1 }).count <= 1 else {
            throw ModelError("node \(label(node)): bias of shape \(tensor.shapeDescription) does not match \(rows) outputs")
        }
        return tensor.values
    }

    static func float(_ node: Onnx_NodeProto, _ name: String) -> Float? {
        node.attribute.first(where: { $0.name == name }).map(\.f)
    }

    static func int(_ node: Onnx_NodeProto, _ name: String) -> Int64? {
        node.attribute.first(where: { $0.name == name }).map(\.i)
    }

    static func label(_ node: Onnx_NodeProto) -> String {
        node.name.isEmpty ? "'\(node.output.first ?? node.opType)'" : "'\(node.name)'"
    }
}
