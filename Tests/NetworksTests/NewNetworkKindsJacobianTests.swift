import LinearAlgebra
import TestSupport
import XCTest
@testable import Networks

/// The forward-mode Jacobians of the residual, normalised, attention and polynomial networks against
/// (1) central finite differences and (2) an independent NumPy implementation of each forward pass,
/// differentiated by the complex-step method (Im f(θ + i h e_j) / h, h = 1e-30: no cancellation).
final class NewNetworkKindsJacobianTests: XCTestCase {
    /// Max |J − J_fd| / max |J| with central differences of step 1e-6.
    private func finiteDifferenceError<M: ForwardDifferentiable>(_ model: M, on batch: M.Batch) throws -> Double {
        let jacobian = try model.batchJacobian(on: batch)
        let theta = model.parameters
        var worst = 0.0
        for j in theta.indices {
            var plus = theta, minus = theta
            plus[j] += 1e-6
            minus[j] -= 1e-6
            let up = try model.stackedOutputs(plus, on: batch), down = try model.stackedOutputs(minus, on: batch)
            for r in 0..<jacobian.rows { worst = max(worst, abs((up[r] - down[r]) / 2e-6 - jacobian[r, j])) }
        }
        return worst / max(jacobian.maxAbs, 1e-300)
    }

    func testFiniteDifferencesAgreeWithForwardMode() throws {
        let residual = try ResidualMLP.deterministic(inputWidth: 3, streamWidth: 2, blockWidths: [3, 2], outputWidth: 2,
                                                     activation: .leakyReLU(alpha: 0.3), seed: 4, samples: 7)
        XCTAssertLessThan(try finiteDifferenceError(residual.network, on: residual.inputs), 1e-7)
        for mode in Normalization.allCases {
            let norm = try NormalizedMLP.deterministic(widths: [3, 4, 3, 2], normalization: mode, activation: .tanh, seed: 2, samples: 6)
            XCTAssertLessThan(try finiteDifferenceError(norm.network, on: norm.inputs), 1e-7, "\(mode)")
        }
        for softmax in [true, false] {
            let attention = try SelfAttention.deterministic(modelWidth: 3, heads: 2, keyWidth: 2, valueWidth: 1, outputWidth: 2,
                                                            softmax: softmax, seed: 3, samples: 2, tokens: 3)
            XCTAssertLessThan(try finiteDifferenceError(attention.network, on: attention.inputs), 1e-7, "softmax \(softmax)")
        }
        let poly = try PolynomialNetwork.deterministic(widths: [2, 3, 2, 1], activation: .cube, seed: 5, samples: 5)
        XCTAssertLessThan(try finiteDifferenceError(poly.network, on: poly.inputs), 1e-7)
    }

    private static let oracle = """
    import numpy as np
    H = 1e-30
    def dense(p, o, rows, cols):
        return p[o:o + rows * cols].reshape(rows, cols), o + rows * cols
    def residual(p, X, spec):
        n0, d, blocks, out, alpha = spec
        W0, o = dense(p, 0, d, n0); b0 = p[o:o + d]; o += d
        leaky = lambda z: np.where(z.real > 0, z, alpha * z)
        ys = []
        for x in X:
            h = leaky(W0 @ x + b0)
            q = o
            for m in blocks:
                U, q = dense(p, q, m, d); a = p[q:q + m]; q += m
                V, q = dense(p, q, d, m)
                h = h + V @ leaky(U @ h + a)
            W, q = dense(p, q, out, d)
            ys.append(W @ h + p[q:q + out])
        return np.concatenate(ys)
    def standardise(z, axis):
        c = z - z.mean(axis=axis, keepdims=True)
        return c / np.sqrt((c * c).mean(axis=axis, keepdims=True))
    def normalised(p, X, spec):
        widths, mode = spec
        h = X.astype(complex); o = 0
        for l in range(1, len(widths)):
            n, m = widths[l], widths[l - 1]
            if l == len(widths) - 1:
                W, o = dense(p, o, n, m); return (h @ W.T + p[o:o + n]).ravel()
            W, o = dense(p, o, n, m)
            if mode == 'weight':
                g = p[o:o + n]; b = p[o + n:o + 2 * n]; o += 2 * n
                norms = np.sqrt((W * W).sum(axis=1))
                h = np.tanh((h @ W.T) * (g / norms) + b)
            else:
                z = standardise(h @ W.T, 0 if mode == 'batch' else 1)
                g = p[o:o + n]; b = p[o + n:o + 2 * n]; o += 2 * n
                h = np.tanh(g * z + b)
    def attention(p, X, spec):
        d, heads, dk, dv, dout, softmax = spec
        size = 2 * d * dk + d * dv + dv * dout
        ys = []
        for S in X:
            y = 0
            for hd in range(heads):
                o = hd * size
                Q, o = dense(p, o, d, dk); K, o = dense(p, o, d, dk); V, o = dense(p, o, d, dv); O, o = dense(p, o, dv, dout)
                A = (S @ Q) @ (S @ K).T
                if softmax:
                    A = A / np.sqrt(dk)
                    E = np.exp(A - A.real.max(axis=1, keepdims=True))
                    A = E / E.sum(axis=1, keepdims=True)
                y = y + A @ (S @ V) @ O
            ys.append(y.ravel())
        return np.concatenate(ys)
    def polynomial(p, X, spec):
        widths, r = spec
        h = X.astype(complex); o = 0
        for l in range(1, len(widths)):
            W, o = dense(p, o, widths[l], widths[l - 1])
            h = h @ W.T
            if l < len(widths) - 1: h = h ** r
        return h.ravel()
    models = {'residual': residual, 'normalised': normalised, 'attention': attention, 'polynomial': polynomial}
    out = []
    for case in data:
        f = models[case['kind']]
        p = np.array(case['parameters'], dtype=complex)
        X = np.array(case['inputs'], dtype=float)
        spec = case['spec']
        y = f(p, X, spec).real
        J = np.zeros((y.size, p.size))
        for j in range(p.size):
            q = p.copy(); q[j] += 1j * H
            J[:, j] = f(q, X, spec).imag / H
        out.append({'outputs': y.tolist(), 'jacobian': J.tolist()})
    print(json.dumps(out))
    """

    private func rows(_ m: Matrix) -> [[Double]] { (0..<m.rows).map { m.row($0) } }

    func testJacobiansAgreeWithNumPyComplexStep() throws {
        let residual = try ResidualMLP.deterministic(inputWidth: 3, streamWidth: 2, blockWidths: [3, 2], outputWidth: 2,
                                                     activation: .leakyReLU(alpha: 0.3), seed: 4, samples: 7)
        let attention = try SelfAttention.deterministic(modelWidth: 3, heads: 2, keyWidth: 2, valueWidth: 1, outputWidth: 2,
                                                        softmax: true, seed: 3, samples: 2, tokens: 3)
        let lightning = try SelfAttention.deterministic(modelWidth: 3, heads: 2, keyWidth: 2, valueWidth: 2, outputWidth: 2,
                                                        softmax: false, seed: 6, samples: 2, tokens: 3)
        let poly = try PolynomialNetwork.deterministic(widths: [2, 3, 2, 1], activation: .cube, seed: 5, samples: 5)
        var cases: [[String: Any]] = [
            ["kind": "residual", "parameters": residual.network.parameters, "inputs": rows(residual.inputs),
             "spec": [3, 2, [3, 2], 2, 0.3] as [Any]],
            ["kind": "attention", "parameters": attention.network.parameters, "inputs": attention.inputs.map(rows),
             "spec": [3, 2, 2, 1, 2, true] as [Any]],
            ["kind": "attention", "parameters": lightning.network.parameters, "inputs": lightning.inputs.map(rows),
             "spec": [3, 2, 2, 2, 2, false] as [Any]],
            ["kind": "polynomial", "parameters": poly.network.parameters, "inputs": rows(poly.inputs), "spec": [[2, 3, 2, 1], 3] as [Any]],
        ]
        var swift: [(outputs: [Double], jacobian: Matrix)] = [
            (try residual.network.outputs(on: residual.inputs), try residual.network.batchJacobian(on: residual.inputs)),
            (try attention.network.outputs(on: attention.inputs), try attention.network.batchJacobian(on: attention.inputs)),
            (try lightning.network.outputs(on: lightning.inputs), try lightning.network.batchJacobian(on: lightning.inputs)),
            (try poly.network.outputs(on: poly.inputs), try poly.network.batchJacobian(on: poly.inputs)),
        ]
        for mode in Normalization.allCases {
            let norm = try NormalizedMLP.deterministic(widths: [3, 4, 3, 2], normalization: mode, activation: .tanh, seed: 2, samples: 6)
            cases.append(["kind": "normalised", "parameters": norm.network.parameters, "inputs": rows(norm.inputs),
                          "spec": [[3, 4, 3, 2], mode.rawValue] as [Any]])
            swift.append((try norm.network.outputs(on: norm.inputs), try norm.network.batchJacobian(on: norm.inputs)))
        }
        let result = try XCTUnwrap(try PythonOracle.json(Self.oracle, input: cases, modules: ["numpy"]) as? [[String: Any]])
        XCTAssertEqual(result.count, swift.count)
        for (index, (numpy, ours)) in zip(result, swift).enumerated() {
            let outputs = try XCTUnwrap(numpy["outputs"] as? [Double])
            let jacobian = try XCTUnwrap(numpy["jacobian"] as? [[Double]])
            XCTAssertEqual(outputs.count, ours.outputs.count, "case \(index)")
            let scale = max(ours.outputs.map(abs).max() ?? 1, 1e-300)
            XCTAssertLessThan(zip(outputs, ours.outputs).map { abs($0 - $1) }.max() ?? 1, 1e-12 * scale, "outputs, case \(index)")
            XCTAssertEqual(jacobian.count, ours.jacobian.rows, "case \(index)")
            let difference = zip(jacobian.flatMap { $0 }, ours.jacobian.storage).map { abs($0 - $1) }.max() ?? 1
            XCTAssertLessThan(difference, 1e-11 * max(ours.jacobian.maxAbs, 1e-300), "Jacobian, case \(index)")
        }
    }
}
