import LinearAlgebra
import XCTest
@testable import Networks

/// Path enumeration, path-lifting φ, activation matrix α and the factorisation f = α φ (science.md §6.2).
final class ReLUPathLiftingTests: XCTestCase {
    func testPathCountsMatchScienceTable() throws {
        // science.md §6.2: (2,3,1) → 10, (2,3,3,1) → 31, (3,3,3,2) → 40.
        for (widths, expected) in [([2, 3, 1], 10), ([2, 3, 3, 1], 31), ([3, 3, 3, 2], 40)] {
            XCTAssertEqual(PathEnumeration.pathCount(widths: widths), expected, "\(widths)")
            XCTAssertEqual(try PathEnumeration(widths: widths).paths.count, expected, "\(widths)")
        }
        // Without hidden-bias paths (2,3,1) keeps 6 input paths and β.
        XCTAssertEqual(try PathEnumeration(widths: [2, 3, 1], includesHiddenBiasPaths: false).paths.count, 7)
        XCTAssertThrowsError(try PathEnumeration(widths: [3, 3, 3, 2], limit: 39)) {
            XCTAssertEqual($0 as? ReLUAnalysisError, .tooManyPaths(count: 40, limit: 39))
        }
    }

    func testLiftingOfATinyNetworkByHand() throws {
        // f(x) = 5·relu(2x − 3) + 7: paths (input 0) → 2·5 = 10, (hidden 0) → −3·5 = −15, β → 7.
        let net = try MLP(widths: [1, 1, 1], activation: .relu, parameters: [2, -3, 5, 7])
        let paths = try PathEnumeration(widths: [1, 1, 1])
        XCTAssertEqual(paths.paths, [.input(neurons: [0, 0]), .hiddenBias(layer: 1, neurons: [0]), .outputBias])
        XCTAssertEqual(try net.pathLifting().storage, [10, -15, 7])
        // At x = 2 the unit is active: α = (x, 1, 1); at x = 1 inactive: α = (0, 0, 1).
        let alpha = try net.activationMatrix(Matrix([[2], [1]]), paths: paths)
        XCTAssertEqual(alpha.storage, [2, 1, 1, 0, 0, 1])
        // Path norms: q = 1 → 32, q = 2 → 100 + 225 + 49 = 374.
        XCTAssertEqual(try net.pathNorms(q: 1), [32])
        XCTAssertEqual(try net.pathNorms(q: 2), [374])
        XCTAssertEqual(try net.pathNormsByForwardPass(q: 2), [374])
    }

    func testFactorisationHoldsAndFailsWithoutHiddenBiasPaths() throws {
        for (widths, seed) in [([2, 3, 1], UInt64(1)), ([2, 3, 3, 1], 2), ([3, 3, 3, 2], 3)] {
            let draw = try detNet(widths: widths, activation: .relu, seed: seed, samples: 100)
            let scale = max(1, try draw.network.forward(draw.inputs).maxAbs)
            let full = try draw.network.factorisationResidual(draw.inputs, paths: PathEnumeration(widths: widths))
            XCTAssertLessThanOrEqual(full, 1e-12 * scale, "\(widths)")
            let partial = try draw.network.factorisationResidual(
                draw.inputs, paths: PathEnumeration(widths: widths, includesHiddenBiasPaths: false))
            XCTAssertGreaterThan(partial, 1e-3, "\(widths): dropping hidden-bias paths must break f = αφ")
        }
    }

    func testFactorisationWithLeakyReLU() throws {
        let draw = try detNet(widths: [2, 3, 3, 1], activation: .leakyReLU(alpha: 0.1), seed: 4, samples: 50)
        let residual = try draw.network.factorisationResidual(draw.inputs, paths: PathEnumeration(widths: [2, 3, 3, 1]))
        XCTAssertLessThanOrEqual(residual, 1e-12)
    }

    func testLiftingIsInvariantUnderPositiveRescalingOnly() throws {
        let draw = try detNet(widths: [3, 3, 3, 2], activation: .relu, seed: 5, samples: 40)
        let net = draw.network
        var scaled = net
        for (layer, index, lambda) in [(1, 0, 3.0), (1, 2, 0.25), (2, 1, 7.5), (2, 2, 0.1)] {
            scaled = ReLUTestSupport.rescaled(scaled, layer: layer, index: index, by: lambda)
        }
        XCTAssertGreaterThan(maxAbsDifference(scaled.parameters, net.parameters), 0.1)
        XCTAssertLessThanOrEqual(try net.pathLiftingDistance(to: scaled), 1e-12)
        XCTAssertLessThanOrEqual(try maxAbsDifference(net.forward(draw.inputs).storage,
                                                      scaled.forward(draw.inputs).storage), 1e-12)
        // A negative factor cancels along every path (λ · 1/λ = 1), so φ is unchanged — this is why §6.2's
        // converse allows non-positive factors (~_R) — but ReLU is not odd, so f changes.
        let negative = ReLUTestSupport.rescaled(net, layer: 1, index: 1, by: -2)
        XCTAssertLessThanOrEqual(try net.pathLiftingDistance(to: negative), 1e-12)
        XCTAssertGreaterThan(try maxAbsDifference(net.forward(draw.inputs).storage,
                                                  negative.forward(draw.inputs).storage), 1e-3)
        // Flipping only the incoming side (the §6.4 orientation flip) changes the sign of φ on its paths.
        var flipped = net
        for j in 0..<3 { flipped.weights[0][1, j] *= -1 }
        flipped.biases[0][1] *= -1
        XCTAssertGreaterThan(try net.pathLiftingDistance(to: flipped), 1e-3)
    }

    func testPathNormIdentityOnDeepNetwork() throws {
        // Σ_p |φ_{p,k}|^q = f_{|θ|^q}(1)_k for every output k (science.md §11; derivation in PathLifting.swift).
        let net = try detNet(widths: [3, 3, 3, 2], activation: .relu, seed: 6, samples: 1).network
        for q in [1.0, 2.0, 0.5] {
            let fromLifting = try net.pathNorms(q: q)
            let fromForward = try net.pathNormsByForwardPass(q: q)
            XCTAssertEqual(fromLifting.count, 2)
            for (a, b) in zip(fromLifting, fromForward) { XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, a)) }
        }
    }

    func testPatternsAndMinimumPreactivation() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 1)
        // By hand from the §0.3 values at x_1: z = W1 x + b1 ≈ (0.645, 0.188, −0.577).
        XCTAssertEqual(try draw.network.activationPatterns(draw.inputs), [[[true, true, false]]])
        let minimum = try draw.network.minimumPreactivation(draw.inputs)
        XCTAssertEqual(minimum.sample, 0)
        XCTAssertEqual(minimum.neuron, HiddenNeuron(layer: 1, index: 1))
        let x = draw.inputs.row(0)
        let w = draw.network.weights[0]
        XCTAssertEqual(minimum.value, abs(w[1, 0] * x[0] + w[1, 1] * x[1] + draw.network.biases[0][1]), accuracy: 1e-15)
        XCTAssertEqual(minimum.value, 0.188, accuracy: 1e-3)
    }

    func testUnsupportedActivationIsATypedError() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 10)
        XCTAssertThrowsError(try draw.network.localIdentifiability(inputs: draw.inputs)) {
            XCTAssertEqual($0 as? ReLUAnalysisError, .unsupportedActivation(.tanh))
        }
    }
}
