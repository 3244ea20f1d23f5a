import Foundation
import TestSupport
import XCTest

/// A small MLP trained in the test (scikit-learn on data the test generates), analyzed by `nnid analyze`,
/// with the rank cross-checked by NumPy on the same Jacobian; and `--compare` on symmetric and perturbed copies.
final class AnalyzeTrainedTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-trained-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Trains a (3, 8, 6, 1) ReLU regressor, saves it as safetensors (nn.Sequential names, F64) and a sample,
    /// and prints NumPy's rank of the batch Jacobian (its own backpropagation, numpy.linalg.matrix_rank).
    static let trainer = """
        import sys, json, numpy as np
        from sklearn.neural_network import MLPRegressor
        from safetensors.numpy import save_file
        out = sys.argv[1]
        rng = np.random.default_rng(3)
        X = rng.uniform(-2, 2, (400, 3))
        y = np.sin(X[:, 0]) + X[:, 1] * X[:, 2]
        model = MLPRegressor(hidden_layer_sizes=(8, 6), activation="relu", max_iter=3000, random_state=0).fit(X, y)
        Ws = [c.T.copy() for c in model.coefs_]; bs = [b.copy() for b in model.intercepts_]
        save_file({f"{2*i}.{k}": v for i in range(3) for k, v in (("weight", Ws[i]), ("bias", bs[i]))}, out + "/trained.safetensors", metadata={"activation": "relu"})
        S = X[:120]
        np.savetxt(out + "/sample.csv", S, delimiter=",")
        # Jacobian rows d f(x_s) / d theta in the order W1 row-major, b1, W2, b2, W3, b3.
        rows = []
        for x in S:
            hs, zs = [x], []
            for l in range(3):
                z = Ws[l] @ hs[-1] + bs[l]; zs.append(z)
                hs.append(np.maximum(z, 0) if l < 2 else z)
            delta = np.ones(1); parts = []
            for l in (2, 1, 0):
                parts = [np.outer(delta, hs[l]).ravel(), delta] + parts
                if l > 0: delta = (Ws[l].T @ delta) * (zs[l - 1] > 0)
            rows.append(np.concatenate(parts))
        J = np.array(rows)
        sv = np.linalg.svd(J, compute_uv=False)
        print(json.dumps({"rank": int(np.linalg.matrix_rank(J)), "p": J.shape[1], "s1": float(sv[0]), "score": float(model.score(X, y))}))
        """

    func testTrainedNetworkRankMatchesNumPy() throws {
        let oracle = try PythonOracle.run(Self.trainer, arguments: [folder.path], modules: ["numpy", "sklearn", "safetensors"])
        let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(oracle.utf8)) as? [String: Any])
        let plot = folder.appendingPathComponent("spectrum.svg")
        let result = try CLIRunner.run(["analyze", folder.appendingPathComponent("trained.safetensors").path,
                                        "--sample", folder.appendingPathComponent("sample.csv").path, "--format", "json",
                                        "--exact", "--plot", plot.path, "--db", folder.appendingPathComponent("none.sqlite").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["parameters"] as? Int, expected["p"] as? Int)
        XCTAssertEqual(report["parameters"] as? Int, 8 * 4 + 6 * 9 + 7)
        XCTAssertEqual(report["max_rank"] as? Int, 93 - 14)
        XCTAssertEqual(report["rank"] as? Int, expected["rank"] as? Int, "rank differs from NumPy's matrix_rank")
        let exact = try XCTUnwrap(report["exact_rank"] as? [String: Any])
        XCTAssertEqual(exact["rank"] as? Int, report["rank"] as? Int, "the exact rank modulo primes agrees with the float rank")
        // The plot is well-formed SVG with the spectrum, the tolerance and the max-rank line.
        let check = try PythonOracle.run("""
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            ns = "{http://www.w3.org/2000/svg}"
            texts = " ".join(t.text or "" for t in root.iter(ns + "text"))
            print(len(list(root.iter(ns + "polyline"))), "tolerance" in texts, "max rank 79" in texts)
            """, arguments: [plot.path])
        XCTAssertEqual(check.trimmingCharacters(in: .whitespacesAndNewlines), "1 True True")
    }

    /// Writes a tanh net A (npz), B = A with its hidden units permuted and sign-flipped, C = a ReLU net and
    /// D = C permuted and positively rescaled, and perturbed copies of A and C.
    static let copies = """
        import sys, numpy as np
        out = sys.argv[1]
        rng = np.random.default_rng(11)
        def net(widths):
            return [rng.uniform(-1, 1, (widths[i + 1], widths[i])) for i in range(len(widths) - 1)], [rng.uniform(-1, 1, widths[i + 1]) for i in range(len(widths) - 1)]
        def save(path, Ws, bs): np.savez(path, **{f"W{i+1}": W for i, W in enumerate(Ws)}, **{f"b{i+1}": b for i, b in enumerate(bs)})
        def transform(Ws, bs, signed):
            Ws = [W.copy() for W in Ws]; bs = [b.copy() for b in bs]
            for l in range(len(Ws) - 1):
                n = Ws[l].shape[0]; perm = rng.permutation(n)
                d = rng.choice([-1.0, 1.0], n) if signed else rng.uniform(0.2, 5, n)
                Ws[l] = (Ws[l] * d[:, None])[perm]; bs[l] = (bs[l] * d)[perm]; Ws[l + 1] = (Ws[l + 1] / d[None, :])[:, perm]
            return Ws, bs
        A = net([3, 6, 5, 2]); save(out + "/a.npz", *A); save(out + "/b.npz", *transform(*A, True))
        C = net([3, 6, 5, 2]); save(out + "/c.npz", *C); save(out + "/d.npz", *transform(*C, False))
        for name, (Ws, bs) in (("a", A), ("c", C)):
            Ws = [W.copy() for W in Ws]; Ws[1][2, 3] += 1e-3; save(out + f"/{name}-perturbed.npz", Ws, bs)
        np.savetxt(out + "/x.csv", rng.uniform(-2, 2, (50, 3)), delimiter=",")
        print("ok")
        """

    func testCompareModuloSymmetries() throws {
        _ = try PythonOracle.run(Self.copies, arguments: [folder.path], modules: ["numpy"])
        func compare(_ a: String, _ b: String, _ activation: String, emit: String? = nil) throws -> [String: Any] {
            var arguments = ["analyze", folder.appendingPathComponent(a).path, "--activation", activation,
                             "--sample", folder.appendingPathComponent("x.csv").path, "--compare", folder.appendingPathComponent(b).path,
                             "--format", "json", "--db", folder.appendingPathComponent("none.sqlite").path]
            if let emit { arguments += ["--emit-aligned", folder.appendingPathComponent(emit).path] }
            let result = try CLIRunner.run(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try XCTUnwrap(report["comparison"] as? [String: Any])
        }
        let tanh = try compare("a.npz", "b.npz", "tanh", emit: "b-aligned.npz")
        XCTAssertEqual(tanh["equivalent"] as? Bool, true)
        XCTAssertLessThan(try XCTUnwrap(tanh["max_output_difference"] as? Double), 1e-12)
        let relu = try compare("c.npz", "d.npz", "relu", emit: "d-aligned.npz")
        XCTAssertEqual(relu["equivalent"] as? Bool, true)
        XCTAssertEqual(try compare("a.npz", "a-perturbed.npz", "tanh")["equivalent"] as? Bool, false)
        let perturbed = try compare("c.npz", "c-perturbed.npz", "relu")
        XCTAssertEqual(perturbed["equivalent"] as? Bool, false)
        // The 1e-3 perturbation survives alignment (the unit's rescaling may spread it, not remove it).
        let difference = try XCTUnwrap(perturbed["max_parameter_difference"] as? Double)
        XCTAssertGreaterThan(difference, 1e-4)
        XCTAssertLessThan(difference, 1e-2)
        // NumPy reads the emitted aligned copies: they equal A (resp. C) parameter for parameter.
        let residual = try PythonOracle.run("""
            import sys, numpy as np
            out = sys.argv[1]
            worst = 0.0
            for x, y in (("a", "b-aligned"), ("c", "d-aligned")):
                p, q = np.load(f"{out}/{x}.npz"), np.load(f"{out}/{y}.npz")
                worst = max(worst, max(float(np.max(np.abs(p[k] - q[k]))) for k in p.files))
            print(worst)
            """, arguments: [folder.path], modules: ["numpy"])
        XCTAssertLessThan(try XCTUnwrap(Double(residual.trimmingCharacters(in: .whitespacesAndNewlines))), 1e-12)
    }
}
