import Foundation
import LinearAlgebra

/// One element of the path set 𝒫 of science.md §6.2 (neuron indices 0-based).
public enum NetworkPath: Sendable, Hashable, Codable {
    /// Input path (v_0, v_1, …, v_{L−1}) starting at input neuron v_0.
    case input(neurons: [Int])
    /// Path (v_l, …, v_{L−1}) starting at hidden neuron v_l of layer `layer` (it carries b_l[v_l]).
    case hiddenBias(layer: Int, neurons: [Int])
    /// The output-bias symbol β.
    case outputBias
}

/// The ordered path set 𝒫 of an architecture: input paths, then hidden-bias paths layer by layer (each in
/// lexicographic order), then β.
public struct PathEnumeration: Sendable, Equatable {
    public let widths: [Int]
    /// False for the negative control that omits the hidden-bias paths (the factorisation then fails).
    public let includesHiddenBiasPaths: Bool
    public let paths: [NetworkPath]

    /// |𝒫| = Σ_{l=0}^{L−1} ∏_{m=l}^{L−1} n_m + 1 (science.md §6.2).
    public static func pathCount(widths: [Int]) -> Int {
        let depth = widths.count - 1
        var total = 1
        for l in 0..<depth {
            total += widths[l..<depth].reduce(1, *)
        }
        return total
    }

    /// Enumerates 𝒫; throws when it would hold more than `limit` paths.
    public init(widths: [Int], includesHiddenBiasPaths: Bool = true, limit: Int = 1_000_000) throws {
        try MLP.validate(widths)
        let count = PathEnumeration.pathCount(widths: widths)
        guard count <= limit else { throw ReLUAnalysisError.tooManyPaths(count: count, limit: limit) }
        let depth = widths.count - 1
        var paths: [NetworkPath] = []
        paths.reserveCapacity(count)
        let lastStart = includesHiddenBiasPaths ? depth - 1 : 0
        for start in 0...lastStart {
            for tuple in PathEnumeration.tuples(widths: Array(widths[start..<depth])) {
                paths.append(start == 0 ? .input(neurons: tuple) : .hiddenBias(layer: start, neurons: tuple))
            }
        }
        paths.append(.outputBias)
        self.widths = widths
        self.includesHiddenBiasPaths = includesHiddenBiasPaths
        self.paths = paths
    }

    /// All index tuples of the given widths in lexicographic order.
    private static func tuples(widths: [Int]) -> [[Int]] {
        widths.reduce([[]]) { partial, width in
            partial.flatMap { prefix in (0..<width).map { prefix + [$0] } }
        }
    }
}

extension MLP {
    /// The path-lifting φ(θ) (|𝒫| × N_L): row p, column k is the product of the weights along p into output
    /// k, times the starting bias for hidden-bias paths; the β row is b_L.
    public func pathLifting(_ enumeration: PathEnumeration) throws -> Matrix {
        guard enumeration.widths == widths else {
            throw NetworkError.invalidArgument("the path enumeration is for widths \(enumeration.widths), not \(widths)")
        }
        var phi = Matrix(rows: enumeration.paths.count, cols: outputWidth)
        for (row, path) in enumeration.paths.enumerated() {
            let (firstLayer, neurons, start): (Int, [Int], Double)
            switch path {
            case .input(let v): (firstLayer, neurons, start) = (0, v, 1)
            case .hiddenBias(let l, let v): (firstLayer, neurons, start) = (l, v, biases[l - 1][v[0]])
            case .outputBias:
                for k in 0..<outputWidth { phi[row, k] = biases[depth - 1][k] }
                continue
            }
            var product = start
            // neurons[m] sits in layer firstLayer + m; the edge into it comes from W_{firstLayer + m}.
            for m in neurons.indices.dropFirst() {
                product *= weights[firstLayer + m - 1][neurons[m], neurons[m - 1]]
            }
            let last = neurons[neurons.count - 1]
            for k in 0..<outputWidth { phi[row, k] = product * weights[depth - 1][k, last] }
        }
        return phi
    }

    /// The path-lifting over the full path set 𝒫.
    public func pathLifting() throws -> Matrix {
        try pathLifting(PathEnumeration(widths: widths))
    }

    /// The activation matrix α(X, θ) (n × |𝒫|): for an input path x_{v_0}·∏ a_{v_m}, for a hidden-bias path
    /// ∏ a_{v_m} over its hidden neurons, for β 1; a_v = σ'(z_v) (∈ {0, 1} for ReLU, {α, 1} for leaky-ReLU).
    public func activationMatrix(_ inputs: Matrix, paths enumeration: PathEnumeration) throws -> Matrix {
        try requirePiecewiseLinear()
        try checkInputs(inputs)
        guard enumeration.widths == widths else {
            throw NetworkError.invalidArgument("the path enumeration is for widths \(enumeration.widths), not \(widths)")
        }
        // Each path as its input column (or none) and the positions of its slopes in one sample's flat slope
        // vector, so the n × |𝒫| fill is a tight loop; the product is taken in the path's neuron order as before.
        var layerOffsets: [Int] = []
        var slopeCount = 0
        for width in widths.dropFirst().dropLast() {
            layerOffsets.append(slopeCount)
            slopeCount += width
        }
        var inputColumn: [Int] = [], factorEnds: [Int] = [], factors: [Int] = []
        inputColumn.reserveCapacity(enumeration.paths.count)
        factorEnds.reserveCapacity(enumeration.paths.count)
        for path in enumeration.paths {
            switch path {
            case .input(let v):
                inputColumn.append(v[0])
                for m in v.indices.dropFirst() { factors.append(layerOffsets[m - 1] + v[m]) }
            case .hiddenBias(let l, let v):
                inputColumn.append(-1)
                for (m, neuron) in v.enumerated() { factors.append(layerOffsets[l + m - 1] + neuron) }
            case .outputBias:
                inputColumn.append(-1)
            }
            factorEnds.append(factors.count)
        }
        let slopes = hiddenSlopes(inputs)
        let pathCount = enumeration.paths.count, inputWidth = inputs.cols
        var storage = [Double](repeating: 0, count: inputs.rows * pathCount)
        var sampleSlopes = [Double](repeating: 0, count: slopeCount)
        // Unchecked buffers: every index was built above from the enumeration and the widths.
        storage.withUnsafeMutableBufferPointer { out in
            inputs.storage.withUnsafeBufferPointer { x in
                inputColumn.withUnsafeBufferPointer { column in
                    factorEnds.withUnsafeBufferPointer { ends in
                        factors.withUnsafeBufferPointer { factor in
                            for s in 0..<inputs.rows {
                                var position = 0
                                for layer in slopes[s] { for a in layer { sampleSlopes[position] = a; position += 1 } }
                                sampleSlopes.withUnsafeBufferPointer { a in
                                    var start = 0
                                    for p in 0..<pathCount {
                                        var value = column[p] >= 0 ? x[s * inputWidth + column[p]] : 1
                                        var f = start
                                        while f < ends[p] { value *= a[factor[f]]; f += 1 }
                                        start = ends[p]
                                        out[s * pathCount + p] = value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Matrix(rows: inputs.rows, cols: pathCount, storage: storage)
    }

    /// max |f_θ(X) − α(X, θ) φ(θ)| for the given path set (≈ 0 for the full 𝒫, off boundaries).
    public func factorisationResidual(_ inputs: Matrix, paths enumeration: PathEnumeration) throws -> Double {
        let outputs = try forward(inputs)
        let product = try activationMatrix(inputs, paths: enumeration) * pathLifting(enumeration)
        var residual = 0.0
        for (a, b) in zip(outputs.storage, product.storage) { residual = max(residual, abs(a - b)) }
        return residual
    }

    /// Path norms from the lifting: entry k is Σ_p |φ_{p,k}(θ)|^q (β included).
    public func pathNorms(q: Double) throws -> [Double] {
        let phi = try pathLifting()
        return (0..<outputWidth).map { k in
            (0..<phi.rows).reduce(0) { $0 + pow(abs(phi[$1, k]), q) }
        }
    }

    /// The same path norms by one forward pass: the ReLU network with parameters |θ|^q evaluated at the
    /// all-ones input. Every pre-activation is then ≥ 0, so ReLU acts as the identity and output k expands
    /// into Σ over paths into k of the product of |parameter|^q along the path (science.md §11 identity).
    public func pathNormsByForwardPass(q: Double) throws -> [Double] {
        let powered = try MLP(widths: widths, activation: .relu, parameters: parameters.map { pow(abs($0), q) })
        let ones = Matrix(rows: 1, cols: inputWidth, repeating: 1)
        return try powered.forward(ones).row(0)
    }
}
