import Foundation
import LinearAlgebra
import Networks
import SwiftProtobuf
import ZIPFoundation

/// Writes a network in each format the readers accept (used by `--emit-aligned`). Values are written as
/// float64 so that an aligned copy keeps every digit.
public enum ModelWriter {
    public static func data(_ network: MLP, format: ModelFormat) throws -> Data {
        switch format {
        case .json: return json(network)
        case .safetensors: return safetensors(network)
        case .npz: return try npz(network)
        case .onnx: return try onnx(network)
        }
    }

    static func json(_ network: MLP) -> Data {
        func list(_ values: [Double]) -> String { "[" + values.map { "\($0)" }.joined(separator: ", ") + "]" }
        let layers = zip(network.weights, network.biases).map { w, b in
            let rows = (0..<w.rows).map { list(w.row($0)) }.joined(separator: ", ")
            return "    {\"weight\": [\(rows)], \"bias\": \(list(b))}"
        }
        let text = "{\n  \"activation\": \"\(network.activation)\",\n  \"layers\": [\n" + layers.joined(separator: ",\n") + "\n  ]\n}\n"
        return Data(text.utf8)
    }

    /// PyTorch nn.Sequential naming: Linear layers at indices 0, 2, 4, … (activations between them).
    static func safetensors(_ network: MLP) -> Data {
        var entries: [(String, [Int], [Double])] = []
        for (l, (w, b)) in zip(network.weights, network.biases).enumerated() {
            entries.append(("\(2 * l).weight", [w.rows, w.cols], w.storage))
            entries.append(("\(2 * l).bias", [b.count], b))
        }
        var offset = 0
        var fields = ["\"__metadata__\":{\"activation\":\"\(network.activation)\",\"format\":\"pt\"}"]
        for (name, shape, values) in entries {
            let end = offset + values.count * 8
            fields.append("\"\(name)\":{\"dtype\":\"F64\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + fields.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var out = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        for (_, _, values) in entries { out.append(littleEndianDoubles(values)) }
        return out
    }

    static func npz(_ network: MLP) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (l, (w, b)) in zip(network.weights, network.biases).enumerated() {
            for (name, shape, values) in [("W\(l + 1)", [w.rows, w.cols], w.storage), ("b\(l + 1)", [b.count], b)] {
                let member = npy(shape: shape, values: values)
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(member.count),
                                     compressionMethod: .deflate) { position, size in
                    member.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
        }
        guard let data = archive.data else { throw ModelError("could not assemble the .npz archive") }
        return data
    }

    /// A version 1.0 `.npy` array of little-endian float64 in C order.
    static func npy(shape: [Int], values: [Double]) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: Array(header.utf8))
        out.append(littleEndianDoubles(values))
        return out
    }

    /// A graph of Gemm (transB = 1) and activation nodes with float64 initializers, opset 13.
    static func onnx(_ network: MLP) throws -> Data {
        var graph = Onnx_GraphProto()
        graph.name = "nnid"
        var current = "input"
        graph.input = [valueInfo("input", width: network.inputWidth)]
        for (l, (w, b)) in zip(network.weights, network.biases).enumerated() {
            var weight = Onnx_TensorProto(), bias = Onnx_TensorProto()
            weight.name = "W\(l + 1)"; weight.dataType = 11; weight.dims = [Int64(w.rows), Int64(w.cols)]; weight.doubleData = w.storage
            bias.name = "b\(l + 1)"; bias.dataType = 11; bias.dims = [Int64(b.count)]; bias.doubleData = b
            graph.initializer += [weight, bias]
            var gemm = Onnx_NodeProto()
            gemm.opType = "Gemm"; gemm.name = "layer\(l + 1)"
            gemm.input = [current, weight.name, bias.name]
            var transB = Onnx_AttributeProto()
            transB.name = "transB"; transB.type = .int; transB.i = 1
            gemm.attribute = [transB]
            current = l == network.depth - 1 ? "output" : "z\(l + 1)"
            gemm.output = [current]
            graph.node.append(gemm)
            if l < network.depth - 1 {
                var node = try activationNode(network.activation)
                node.name = "act\(l + 1)"
                node.input = [current]
                current = "h\(l + 1)"
                node.output = [current]
                graph.node.append(node)
            }
        }
        graph.output = [valueInfo("output", width: network.outputWidth)]
        var model = Onnx_ModelProto()
        model.irVersion = 8
        model.producerName = "nnid"
        var opset = Onnx_OperatorSetIdProto()
        opset.domain = ""; opset.version = 13
        model.opsetImport = [opset]
        model.graph = graph
        return try model.serializedBytes()
    }

    static func activationNode(_ activation: Activation) throws -> Onnx_NodeProto {
        var node = Onnx_NodeProto()
        func alpha(_ value: Double) {
            var a = Onnx_AttributeProto()
            a.name = "alpha"; a.type = .float; a.f = Float(value)
            node.attribute = [a]
        }
        switch activation {
        case .relu: node.opType = "Relu"
        case .tanh: node.opType = "Tanh"
        case .logistic: node.opType = "Sigmoid"
        case .softplus: node.opType = "Softplus"
        case .arctan: node.opType = "Atan"
        case .sin: node.opType = "Sin"
        case .leakyReLU(let a): node.opType = "LeakyRelu"; alpha(a)
        case .elu(let a): node.opType = "Elu"; alpha(a)
        default: throw ModelError("ONNX has no operator for the activation \(activation); write JSON, safetensors or npz instead")
        }
        return node
    }

    static func valueInfo(_ name: String, width: Int) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = 11
        var shape = Onnx_TensorShapeProto()
        var batch = Onnx_TensorShapeProto.Dimension(), features = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        features.dimValue = Int64(width)
        shape.dim = [batch, features]
        tensorType.shape = shape
        var type = Onnx_TypeProto()
        type.tensorType = tensorType
        info.type = type
        return info
    }

    static func littleEndianDoubles(_ values: [Double]) -> Data {
        var out = Data(capacity: values.count * 8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }
}
