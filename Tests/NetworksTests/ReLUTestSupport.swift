import LinearAlgebra
import XCTest
@testable import Networks

/// Shared helpers of the ReLU and Refit tests.
enum ReLUTestSupport {
    /// Multiplies hidden neuron `index` of layer `layer` by λ: incoming row and bias × λ, outgoing column ÷ λ.
    static func rescaled(_ net: MLP, layer: Int, index: Int, by lambda: Double) -> MLP {
        var copy = net
        for j in 0..<copy.weights[layer - 1].cols { copy.weights[layer - 1][index, j] *= lambda }
        copy.biases[layer - 1][index] *= lambda
        for k in 0..<copy.weights[layer].rows { copy.weights[layer][k, index] /= lambda }
        return copy
    }

    /// Adds `size`·(2u − 1) from SplitMix64(seed) to every parameter.
    static func perturbed(_ net: MLP, size: Double, seed: UInt64) throws -> MLP {
        var rng = SplitMix64(seed: seed)
        return try MLP(widths: net.widths, activation: net.activation,
                       parameters: net.parameters.map { $0 + size * (2 * rng.nextUnit() - 1) })
    }

    /// Runs `python3 -c script` and returns stdout, or throws XCTSkip when python3 or NumPy is missing.
    static func runPython(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw XCTSkip("python3 is not available: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if errors.contains("No module named 'numpy'") { throw XCTSkip("python3 has no numpy module") }
        guard process.terminationStatus == 0 else {
            throw XCTSkip("python3 failed (status \(process.terminationStatus)): \(errors)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
