import Foundation
import LinearAlgebra
import Networks
import TestSupport
import XCTest

@testable import Models

/// Our forward pass of a graph read by `ONNXReader` agrees with onnxruntime's on the same sample.
final class ONNXRuntimeTests: XCTestCase {
    func testForwardPassMatchesONNXRuntimeWithMatMulAddAndExternalData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-ort-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // MatMul + Add layers (weights stored in × out), LeakyRelu(0.2), weights in an external data file.
        let output = try PythonOracle.run("""
            import sys, json, numpy as np, onnx, onnxruntime as ort
            from onnx import helper, TensorProto, numpy_helper
            out = sys.argv[1]
            rng = np.random.default_rng(5)
            widths = [4, 7, 5, 3]
            nodes, inits, cur = [], [], "x"
            for i in range(3):
                W = rng.uniform(-1, 1, (widths[i], widths[i + 1])).astype(np.float32)
                b = rng.uniform(-1, 1, widths[i + 1]).astype(np.float32)
                inits += [numpy_helper.from_array(W, f"W{i}"), numpy_helper.from_array(b, f"b{i}")]
                nodes += [helper.make_node("MatMul", [cur, f"W{i}"], [f"m{i}"], name=f"mm{i}"),
                          helper.make_node("Add", [f"m{i}", f"b{i}"], [f"z{i}"], name=f"add{i}")]
                cur = f"z{i}"
                if i < 2:
                    nodes.append(helper.make_node("LeakyRelu", [cur], [f"h{i}"], alpha=0.2, name=f"act{i}"))
                    cur = f"h{i}"
            g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
                                  [helper.make_tensor_value_info(cur, TensorProto.FLOAT, [None, 3])], inits)
            model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
            onnx.save(model, out + "/m.onnx", save_as_external_data=True, all_tensors_to_one_file=True, location="w.bin", size_threshold=0)
            X = rng.uniform(-2, 2, (25, 4)).astype(np.float32)
            Y = ort.InferenceSession(out + "/m.onnx", providers=["CPUExecutionProvider"]).run(None, {"x": X})[0]
            print(json.dumps({"x": X.astype(float).tolist(), "y": Y.astype(float).tolist()}))
            """, arguments: [folder.path], modules: ["numpy", "onnx", "onnxruntime"])
        let oracle = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [[Double]]])
        let data = try Data(contentsOf: folder.appendingPathComponent("m.onnx"))
        let model = try ONNXReader.read(data) { location in try Data(contentsOf: folder.appendingPathComponent(location)) }
        XCTAssertEqual(model.activation, .leakyReLU(alpha: Double(Float(0.2))))
        let network = try model.network()
        XCTAssertEqual(network.widths, [4, 7, 5, 3])
        let ours = try network.forward(Matrix(try XCTUnwrap(oracle["x"])))
        let theirs = Matrix(try XCTUnwrap(oracle["y"]))
        let worst = zip(ours.storage, theirs.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
        XCTAssertLessThan(worst, 1e-5, "float32 onnxruntime vs our float64 forward pass")
        // Without the external file the reader names it.
        XCTAssertThrowsError(try ONNXReader.read(data)) { XCTAssertTrue("\($0)".contains("w.bin"), "\($0)") }
    }
}
