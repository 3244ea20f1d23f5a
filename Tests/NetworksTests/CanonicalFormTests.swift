import LinearAlgebra
import XCTest
@testable import Networks

/// Canonical forms (science.md §4.1 steps 4–5, §6.5) and the functional-equivalence test built on them.
final class CanonicalFormTests: XCTestCase {
    func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    func testAllSignedPermutationImagesShareOneCanonicalForm() throws {
        let draw = try SymmetryFixtures.referenceDraw(.tanh)
        let canonical = try draw.network.signedPermutationCanonicalForm()
        // Hand check of the normal form: first entries of each (w, b) positive and increasing.
        let leading = (0..<3).map { canonical.weights[0][$0, 0] }
        XCTAssertTrue(leading.allSatisfy { $0 > 0 })
        XCTAssertEqual(leading, leading.sorted())
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, canonical, on: draw.inputs), 1e-13)
        let orbit = try draw.network.orbit(under: .signedPermutations)
        for point in orbit.points {
            let image = try MLP(widths: [2, 3, 1], activation: .tanh, parameters: point)
            let form = try image.signedPermutationCanonicalForm()
            XCTAssertLessThanOrEqual(maxDifference(form.parameters, canonical.parameters), 1e-12)
            let result = try functionallyEquivalent(draw.network, image)
            XCTAssertTrue(result.equivalent)
            XCTAssertEqual(result.method, .sussmannReductionAndSignedPermutations)
        }
    }

    func testDeepTanhCanonicalFormOverTheWholeOrbit() throws {
        let draw = try SymmetryFixtures.referenceDraw(.tanh, widths: [2, 2, 3, 1])
        let canonical = try draw.network.signedPermutationCanonicalForm()
        for point in try draw.network.orbit(under: .signedPermutations).points.prefix(64) {
            let image = try MLP(widths: [2, 2, 3, 1], activation: .tanh, parameters: point)
            XCTAssertLessThanOrEqual(maxDifference(try image.signedPermutationCanonicalForm().parameters,
                                                   canonical.parameters), 1e-12)
        }
        XCTAssertEqual(try functionallyEquivalent(draw.network, canonical).method, .signedPermutations)
    }

    func testTanhEquivalenceDetectsADifferentNetworkAndReducesFirst() throws {
        let draw = try SymmetryFixtures.referenceDraw(.tanh)
        var nudged = draw.network
        nudged.weights[0][1, 1] += 1e-3
        let different = try functionallyEquivalent(draw.network, nudged)
        XCTAssertFalse(different.equivalent)
        XCTAssertEqual(different.maxParameterDifference, 1e-3, accuracy: 1e-12)
        // A reducible net (an extra unit with zero outgoing weight) is equivalent to the irreducible one.
        let padded = try MLP(
            weights: [Matrix((0..<3).map { draw.network.weights[0].row($0) } + [[0.3, -0.7]]),
                      Matrix([draw.network.weights[1].row(0) + [0]])],
            biases: [draw.network.biases[0] + [0.2], draw.network.biases[1]], activation: .tanh)
        let result = try functionallyEquivalent(padded, try draw.network.flippingSign(layer: 1, unit: 2))
        XCTAssertTrue(result.equivalent)
        XCTAssertEqual(result.hiddenCounts.first, 3)
        XCTAssertLessThanOrEqual(result.maxParameterDifference, 1e-12)
    }

    func testReLUCanonicalFormIsInvariantUnderPermutationAndPositiveRescaling() throws {
        for widths in [[2, 3, 1], [2, 3, 3, 2]] {
            let draw = try SymmetryFixtures.referenceDraw(.relu, widths: widths)
            var rng = SplitMix64(seed: 7)
            var moved = draw.network
            for layer in 1..<moved.depth {
                let n = widths[layer]
                let factors = (0..<n).map { _ in 0.2 + 4 * rng.nextUnit() }
                moved = try moved.rescalingLayer(layer, by: factors)
                // A permutation drawn from the generator (Fisher–Yates).
                var p = Array(0..<n)
                for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
                moved = try moved.permutingHiddenUnits(layer: layer, permutation: p)
            }
            XCTAssertGreaterThan(maxDifference(moved.parameters, draw.network.parameters), 0.1)
            XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(draw.network, moved, on: draw.inputs), 1e-13)
            let (a, b) = (try draw.network.rescalingCanonicalForm(), try moved.rescalingCanonicalForm())
            XCTAssertLessThanOrEqual(maxDifference(a.parameters, b.parameters), 1e-12)
            // Every incoming (w, b) of the canonical form has unit ∞-norm.
            for layer in 1..<a.depth {
                for unit in 0..<widths[layer] {
                    let row = a.weights[layer - 1].row(unit) + [a.biases[layer - 1][unit]]
                    XCTAssertEqual(row.map(abs).max() ?? 0, 1, accuracy: 1e-15)
                }
            }
            XCTAssertTrue(try functionallyEquivalent(draw.network, moved).equivalent)
            // A negative factor is not a symmetry and is seen as a different network.
            let negative = try draw.network.rescalingUnit(layer: 1, unit: 1, by: -2)
            let result = try functionallyEquivalent(draw.network, negative)
            XCTAssertFalse(result.equivalent)
            XCTAssertGreaterThan(result.maxParameterDifference, 0.1)
        }
    }

    func testFlippedOrientationHasTheSameFunctionButADifferentCanonicalForm() throws {
        // science.md §6.4 2-D example: Σ c_i w_i = 0, so flipping every unit is absorbed by the output bias.
        let w = [[1.0, 0], [0, 1], [-1, -1]]
        let b = [0.3, -0.2, 0.4]
        let theta = try MLP(weights: [Matrix(w), Matrix([[1, 1, 1]])], biases: [b, [0]], activation: .relu)
        let flipped = try MLP(weights: [Matrix(w.map { $0.map { -$0 } }), Matrix([[1, 1, 1]])],
                              biases: [b.map { -$0 }, [0.5]], activation: .relu)
        var rng = SplitMix64(seed: 3)
        let inputs = Matrix(rows: 300, cols: 2, storage: (0..<600).map { _ in 4 * rng.nextUnit() - 2 })
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(theta, flipped, on: inputs), 1e-14)
        let result = try functionallyEquivalent(theta, flipped)
        XCTAssertFalse(result.equivalent)
        XCTAssertEqual(result.method, .permutationsAndPositiveRescaling)
        XCTAssertGreaterThan(result.maxParameterDifference, 0.1)
    }

    func testUnsupportedActivationsAndMismatches() throws {
        let tanh = try SymmetryFixtures.referenceDraw(.tanh).network
        let relu = try SymmetryFixtures.referenceDraw(.relu).network
        let softplus = try SymmetryFixtures.referenceDraw(.softplus).network
        XCTAssertThrowsError(try functionallyEquivalent(tanh, relu))
        XCTAssertThrowsError(try functionallyEquivalent(softplus, softplus))
        XCTAssertThrowsError(try relu.signedPermutationCanonicalForm())
        XCTAssertThrowsError(try tanh.rescalingCanonicalForm())
        // Different hidden widths after reduction: not equivalent, infinite difference.
        let smaller = try tanh.removingHiddenUnit(layer: 1, unit: 0)
        let result = try functionallyEquivalent(tanh, smaller)
        XCTAssertFalse(result.equivalent)
        XCTAssertEqual(result.maxParameterDifference, .infinity)
    }
}
