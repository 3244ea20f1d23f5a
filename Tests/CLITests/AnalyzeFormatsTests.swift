import Foundation
import TestSupport
import XCTest

/// `nnid analyze` on files written by the real libraries (numpy, safetensors, onnx) in the test's own
/// Python step: the same network in the four formats gives the same report.
final class AnalyzeFormatsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A (3, 5, 4, 2) tanh net with float32-representable weights, written as JSON (float64 text), safetensors
    /// (F32, with the activation in __metadata__), npz (deflated, one array Fortran-ordered, one big-endian)
    /// and ONNX (Gemm + Tanh), plus a CSV sample.
    static let writer = """
        import json, sys, numpy as np, onnx
        from onnx import helper, TensorProto, numpy_helper
        from safetensors.numpy import save_file
        out = sys.argv[1]
        rng = np.random.default_rng(7)
        widths = [3, 5, 4, 2]
        Ws = [rng.uniform(-1, 1, (widths[i + 1], widths[i])).astype(np.float32) for i in range(3)]
        bs = [rng.uniform(-1, 1, widths[i + 1]).astype(np.float32) for i in range(3)]
        X = rng.uniform(-2, 2, (30, 3)).astype(np.float32)
        np.savetxt(out + "/x.csv", X.astype(np.float64), delimiter=",", header="a,b,c", comments="")
        json.dump({"activation": "tanh", "layers": [{"weight": W.astype(float).tolist(), "bias": b.astype(float).tolist()} for W, b in zip(Ws, bs)]}, open(out + "/net.json", "w"))
        save_file({f"{2*i}.{k}": v for i in range(3) for k, v in (("weight", Ws[i]), ("bias", bs[i]))}, out + "/net.safetensors", metadata={"activation": "tanh"})
        np.savez_compressed(out + "/net.npz", W1=np.asfortranarray(Ws[0]), b1=bs[0], W2=Ws[1].astype(">f4"), b2=bs[1], W3=Ws[2], b3=bs[2])
        nodes, inits, cur = [], [], "x"
        for i in range(3):
            inits += [numpy_helper.from_array(Ws[i], f"W{i}"), numpy_helper.from_array(bs[i], f"b{i}")]
            nodes.append(helper.make_node("Gemm", [cur, f"W{i}", f"b{i}"], [f"z{i}"], transB=1, name=f"fc{i}"))
            cur = f"z{i}"
            if i < 2:
                nodes.append(helper.make_node("Tanh", [cur], [f"h{i}"], name=f"tanh{i}"))
                cur = f"h{i}"
        graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 3])],
                                  [helper.make_tensor_value_info(cur, TensorProto.FLOAT, [None, 2])], inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
        onnx.checker.check_model(model)
        onnx.save(model, out + "/net.onnx")
        print("ok")
        """

    func testSameNetworkInFourFormatsGivesIdenticalReports() throws {
        _ = try PythonOracle.run(Self.writer, arguments: [folder.path], modules: ["numpy", "onnx", "safetensors"])
        var reports: [String: NSDictionary] = [:]
        for name in ["net.json", "net.safetensors", "net.npz", "net.onnx"] {
            var arguments = ["analyze", folder.appendingPathComponent(name).path, "--sample", folder.appendingPathComponent("x.csv").path,
                             "--format", "json", "--db", folder.appendingPathComponent("none.sqlite").path]
            if name.hasSuffix(".npz") { arguments += ["--activation", "tanh"] }
            let result = try CLIRunner.run(arguments)
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? NSDictionary
            reports[name] = try XCTUnwrap(object, name)
        }
        let reference = try XCTUnwrap(reports["net.json"])
        // Theory: P = 5·(3+1) + 4·(5+1) + 2·(4+1) = 54, H = 9, tanh has no continuous symmetry (max rank P), the
        // signed-permutation group has order 2^5·5!·2^4·4! = 1,474,560, and 30 samples × 2 outputs = 60 rows ≥ 54.
        XCTAssertEqual(reference["parameters"] as? Int, 54)
        XCTAssertEqual(reference["hidden_neurons"] as? Int, 9)
        XCTAssertEqual(reference["max_rank"] as? Int, 54)
        XCTAssertEqual(reference["group_order"] as? String, "1474560")
        XCTAssertEqual(reference["samples"] as? Int, 30)
        for (name, report) in reports {
            XCTAssertEqual(report, reference, "\(name) differs from the JSON file's report")
        }
    }

    func testERRORsAreOneMessageExitTwoAndWriteNothing() throws {
        _ = try PythonOracle.run(Self.writer, arguments: [folder.path], modules: ["numpy", "onnx", "safetensors"])
        let net = folder.appendingPathComponent("net.json").path
        let plot = folder.appendingPathComponent("p.svg").path
        let nan = folder.appendingPathComponent("nan.csv")
        try "1,2,3\n4,nan,6\n".write(to: nan, atomically: true, encoding: .utf8)
        let narrow = folder.appendingPathComponent("narrow.csv")
        try "1,2\n3,4\n".write(to: narrow, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--sample", nan.path], "2:3"),
            (["--sample", narrow.path], "2 columns but the network's input width is 3"),
            (["--samples", "10", "--activation", "swishy"], "unknown activation 'swishy'"),
            (["--samples", "10", "--max-memory", "1K"], "memory budget"),
        ]
        for (extra, expected) in cases {
            let result = try CLIRunner.run(["analyze", net, "--plot", plot] + extra)
            XCTAssertEqual(result.status, 2, "\(extra): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(expected), "\(extra): \(result.stderr)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one message: \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: plot), "nothing is written on an error")
        }
        // An unsupported ONNX operator is named.
        _ = try PythonOracle.run("""
            import sys, numpy as np, onnx
            from onnx import helper, TensorProto, numpy_helper
            W = numpy_helper.from_array(np.ones((2, 3), np.float32), "W")
            nodes = [helper.make_node("Gemm", ["x", "W"], ["z"], transB=1), helper.make_node("Softmax", ["z"], ["y"], name="probs")]
            g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 3])],
                                  [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 2])], [W])
            onnx.save(helper.make_model(g), sys.argv[1])
            """, arguments: [folder.appendingPathComponent("soft.onnx").path], modules: ["onnx"])
        let soft = try CLIRunner.run(["analyze", folder.appendingPathComponent("soft.onnx").path, "--samples", "5"])
        XCTAssertEqual(soft.status, 2)
        XCTAssertTrue(soft.stderr.contains("unsupported operator Softmax (node 'probs')"), soft.stderr)
    }
}
