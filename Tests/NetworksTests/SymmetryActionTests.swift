import LinearAlgebra
import XCTest
@testable import Networks

/// Symmetry actions of science.md §2–§3 and §6.1 on det_net((2,3,1), seed 1, n = 200).
final class SymmetryActionTests: XCTestCase {
    let exact = 1e-13
    let broken = 1e-3

    func testPermutationPreservesAndRowsOnlyBreaks() throws {
        for activation in [Activation.tanh, .relu, .logistic, .softplus] {
            let draw = try SymmetryFixtures.referenceDraw(activation)
            let permuted = try draw.network.permutingHiddenUnits(layer: 1, permutation: [2, 0, 1])
            XCTAssertEqual(permuted.weights[0].row(0), draw.network.weights[0].row(2))
            XCTAssertEqual(permuted.weights[1][0, 1], draw.network.weights[1][0, 0])
            XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, permuted, on: draw.inputs), exact)
            let rowsOnly = try draw.network.permutingIncomingRowsOnly(layer: 1, permutation: [2, 0, 1])
            XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(draw.network, rowsOnly, on: draw.inputs), broken, "\(activation)")
        }
    }

    func testDeepPermutationOfSecondHiddenLayer() throws {
        let draw = try SymmetryFixtures.referenceDraw(.tanh, widths: [2, 3, 3, 1])
        let permuted = try draw.network.permutingHiddenUnits(layer: 2, permutation: [1, 2, 0])
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, permuted, on: draw.inputs), exact)
        let rowsOnly = try draw.network.permutingIncomingRowsOnly(layer: 2, permutation: [1, 2, 0])
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(draw.network, rowsOnly, on: draw.inputs), broken)
    }

    func testSignFlipIsASymmetryForTanhOnly() throws {
        let tanh = try SymmetryFixtures.referenceDraw(.tanh)
        let flipped = try tanh.network.flippingSign(layer: 1, unit: 0)
        XCTAssertEqual(flipped.weights[0].row(0), tanh.network.weights[0].row(0).map { -$0 })
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(tanh.network, flipped, on: tanh.inputs), exact)
        let relu = try SymmetryFixtures.referenceDraw(.relu)
        let reluFlipped = try relu.network.flippingSign(layer: 1, unit: 0)
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(relu.network, reluFlipped, on: relu.inputs), broken)
    }

    func testKnownAffineSymmetriesSatisfyTheirIdentity() {
        let grid = stride(from: -4.0, through: 4.0, by: 0.05).map { $0 + 0.013 }
        for activation in [Activation.tanh, .logistic, .relu, .leakyReLU(alpha: 0.2), .exp, .square, .linear] {
            let table = AffineSymmetry.known(for: activation, parameter: 0.7)
            XCTAssertFalse(table.isEmpty, "\(activation)")
            for symmetry in table {
                let scale = grid.map { abs(activation.value($0)) }.max() ?? 1
                XCTAssertLessThanOrEqual(symmetry.residual(for: activation, at: grid), 1e-14 * scale, "\(activation) \(symmetry)")
            }
        }
        XCTAssertTrue(AffineSymmetry.known(for: .softplus).isEmpty)
        // Negative controls: the tanh flip is not a logistic symmetry, nor a negative λ a ReLU one.
        XCTAssertGreaterThan(AffineSymmetry.oddFlip.residual(for: .logistic, at: grid), 0.5)
        XCTAssertGreaterThan(AffineSymmetry.positiveRescaling(-3).residual(for: .relu, at: grid), 1)
        XCTAssertGreaterThan(AffineSymmetry.oddFlip.residual(for: .softplus, at: grid), 1)
    }

    func testLogisticFlipNeedsTheOutputBiasCorrection() throws {
        let draw = try SymmetryFixtures.referenceDraw(.logistic)
        let corrected = try draw.network.applying(.logisticFlip, layer: 1, unit: 0)
        // Hand value: b_2 ← b_2 − v·β/α = b_2 + W_2[:, 1].
        XCTAssertEqual(corrected.biases[1][0], draw.network.biases[1][0] + draw.network.weights[1][0, 0], accuracy: 1e-15)
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, corrected, on: draw.inputs), exact)
        let uncorrected = try draw.network.applyingWithoutBiasCorrection(.logisticFlip, layer: 1, unit: 0)
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(draw.network, uncorrected, on: draw.inputs), broken)
        // The plain odd flip is not a logistic symmetry either.
        let odd = try draw.network.flippingSign(layer: 1, unit: 0)
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(draw.network, odd, on: draw.inputs), broken)
    }

    func testEveryTableEntryPreservesItsNetworkAndBreaksTanh() throws {
        for activation in [Activation.tanh, .logistic, .relu, .leakyReLU(alpha: 0.1), .exp, .square, .linear] {
            let draw = try SymmetryFixtures.referenceDraw(activation, widths: [2, 3, 3, 1])
            for symmetry in AffineSymmetry.known(for: activation) {
                for layer in 1...2 {
                    let moved = try draw.network.applying(symmetry, layer: layer, unit: 1)
                    XCTAssertNotEqual(moved.parameters, draw.network.parameters)
                    XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, moved, on: draw.inputs), exact,
                                             "\(activation) \(symmetry) layer \(layer)")
                }
            }
        }
        // A tanh net with the same λ = 3 rescaling (§3.3 (iv)) changes.
        let tanh = try SymmetryFixtures.referenceDraw(.tanh)
        let rescaled = try tanh.network.rescalingUnit(layer: 1, unit: 0, by: 3)
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(tanh.network, rescaled, on: tanh.inputs), broken)
    }

    func testReLURescalingPositiveOnly() throws {
        for activation in [Activation.relu, .leakyReLU(alpha: 0.1)] {
            let draw = try SymmetryFixtures.referenceDraw(activation)
            let up = try draw.network.rescalingUnit(layer: 1, unit: 0, by: 3)
            XCTAssertEqual(up.weights[1][0, 0], draw.network.weights[1][0, 0] / 3, accuracy: 1e-16)
            XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, up, on: draw.inputs), exact)
            let negative = try draw.network.rescalingUnit(layer: 1, unit: 0, by: -3)
            XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(draw.network, negative, on: draw.inputs), broken)
            let layer = try draw.network.rescalingLayer(1, by: [0.5, 2, 7])
            XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, layer, on: draw.inputs), exact)
        }
        XCTAssertThrowsError(try SymmetryFixtures.referenceDraw(.relu).network.rescalingUnit(layer: 1, unit: 0, by: 0))
    }

    func testGeneralLinearGroupOnALinearLayer() throws {
        let draw = try detNet(widths: [3, 3, 2], activation: .linear, seed: 5, samples: 50)
        // G = I + 0.5 R, R from the same generator (science.md §1.3).
        var rng = SplitMix64(seed: 11)
        var g = Matrix.identity(3)
        for i in 0..<3 { for j in 0..<3 { g[i, j] += 0.5 * (2 * rng.nextUnit() - 1) } }
        let moved = try draw.network.applyingLinearTransform(g, layer: 1)
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, moved, on: draw.inputs), exact)
        // (G W_1) is checked against a hand-written product for one entry.
        let w = draw.network.weights[0]
        XCTAssertEqual(moved.weights[0][1, 2], g[1, 0] * w[0, 2] + g[1, 1] * w[1, 2] + g[1, 2] * w[2, 2], accuracy: 1e-15)
        let wrong = try draw.network.applyingLinearTransform(g, layer: 1, compensation: .transpose)
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(draw.network, wrong, on: draw.inputs), broken)
        // Not a symmetry of a tanh layer.
        let tanh = try detNet(widths: [3, 3, 2], activation: .tanh, seed: 5, samples: 50)
        let tanhMoved = try tanh.network.applyingLinearTransform(g, layer: 1)
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(tanh.network, tanhMoved, on: tanh.inputs), broken)
        var singular = Matrix.identity(3)
        singular[2, 2] = 0
        XCTAssertThrowsError(try draw.network.applyingLinearTransform(singular, layer: 1))
    }

    func testRescalingTangentsSpanTheJacobianKernelForReLUOnly() throws {
        for widths in [[2, 3, 1], [2, 3, 3, 2]] {
            let draw = try SymmetryFixtures.referenceDraw(.relu, widths: widths)
            let tangents = draw.network.rescalingTangents
            XCTAssertEqual(tangents.count, draw.network.hiddenCount)
            let jacobian = try draw.network.batchJacobian(draw.inputs)
            let norm = jacobian.storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for t in tangents {
                let image = jacobian * t
                let residual = image.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let length = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
                XCTAssertLessThanOrEqual(residual, 1e-12 * norm * length)
            }
            // The tangents are independent: the rank of the stacked tangents is H.
            XCTAssertEqual(try numericalRank(Matrix(tangents)).rank, draw.network.hiddenCount)
        }
        // Hand check of the layout for (2,3,1): unit 0 → +W_1 row 0 (indices 0,1), +b_1[0] (6), −W_2[0,0] (9).
        let net = try SymmetryFixtures.referenceDraw(.relu).network
        let t0 = net.rescalingTangents[0]
        let p = net.parameters
        XCTAssertEqual(t0, [p[0], p[1], 0, 0, 0, 0, p[6], 0, 0, -p[9], 0, 0, 0])
        // For tanh the same directions are not in the kernel.
        let tanh = try SymmetryFixtures.referenceDraw(.tanh)
        let jt = try tanh.network.batchJacobian(tanh.inputs) * tanh.network.rescalingTangents[0]
        XCTAssertGreaterThan(jt.map(abs).max() ?? 0, 1e-3)
    }

    func testBadIndicesAreTypedErrors() throws {
        let net = try SymmetryFixtures.referenceDraw(.tanh).network
        XCTAssertThrowsError(try net.flippingSign(layer: 2, unit: 0)) {
            XCTAssertEqual($0 as? SymmetryError, .notAHiddenLayer(layer: 2, depth: 2))
        }
        XCTAssertThrowsError(try net.flippingSign(layer: 1, unit: 3)) {
            XCTAssertEqual($0 as? SymmetryError, .unitOutOfRange(layer: 1, unit: 3, width: 3))
        }
        XCTAssertThrowsError(try net.permutingHiddenUnits(layer: 1, permutation: [0, 0, 1])) {
            XCTAssertEqual($0 as? SymmetryError, .notAPermutation([0, 0, 1], width: 3))
        }
        XCTAssertThrowsError(try net.applying(AffineSymmetry(a: 0, c: 0, alpha: 1, beta: 0), layer: 1, unit: 0))
    }
}
