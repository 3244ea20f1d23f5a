import LinearAlgebra
import XCTest
@testable import Networks

/// Sussmann's reduction (science.md §4.1) on reducible variants of det_net((2,3,1), tanh, seed 1, n = 200).
final class CanonicalSussmannTests: XCTestCase {
    private var draw: DeterministicDraw!

    override func setUpWithError() throws {
        draw = try SymmetryFixtures.referenceDraw(.tanh)
    }

    /// Variant of the reference net with hidden unit 3 edited.
    func variant(_ edit: (inout MLP) -> Void) -> MLP {
        var net = draw.network
        edit(&net)
        return net
    }

    func assertReduces(_ net: MLP, toHidden expected: Int, steps: [ReductionStep],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let reduction = try net.sussmannReduction()
        XCTAssertEqual(reduction.hiddenCount, expected, file: file, line: line)
        XCTAssertEqual(reduction.steps, steps, file: file, line: line)
        guard let reduced = reduction.network else { return XCTFail("no network left", file: file, line: line) }
        XCTAssertEqual(reduced.widths, [2, expected, 1], file: file, line: line)
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(net, reduced, on: draw.inputs), 1e-12, file: file, line: line)
        // The original is rank-deficient, the reduced net has full rank P (its own parameter count).
        XCTAssertLessThan(try numericalRank(net.batchJacobian(draw.inputs)).rank, net.parameterCount, file: file, line: line)
        XCTAssertEqual(try numericalRank(reduced.batchJacobian(draw.inputs)).rank, reduced.parameterCount,
                       file: file, line: line)
    }

    func testIrreducibleNetIsLeftAlone() throws {
        let reduction = try draw.network.sussmannReduction()
        XCTAssertTrue(reduction.wasIrreducible)
        XCTAssertEqual(reduction.network, draw.network)
        XCTAssertEqual(reduction.keptUnits, [0, 1, 2])
    }

    func testZeroOutgoingWeightIsDeleted() throws {
        try assertReduces(variant { $0.weights[1][0, 2] = 0 }, toHidden: 2, steps: [.zeroOutgoingWeights(unit: 2)])
    }

    func testConstantUnitIsFoldedIntoTheOutputBias() throws {
        let net = variant { $0.weights[0][2, 0] = 0; $0.weights[0][2, 1] = 0 }
        try assertReduces(net, toHidden: 2, steps: [.constantUnit(unit: 2, value: tanh(-0.4289826312060667))])
        // Hand value of the new output bias: b_2 + c_3·tanh(b_3).
        let bias = try net.sussmannReduction().outputBias[0]
        XCTAssertEqual(bias, -0.09012418505942077 + 0.21084073795065827 * tanh(-0.4289826312060667), accuracy: 1e-15)
    }

    func testSignEquivalentTwinsAreMerged() throws {
        let minus = variant { net in
            for j in 0..<2 { net.weights[0][2, j] = -net.weights[0][0, j] }
            net.biases[0][2] = -net.biases[0][0]
        }
        try assertReduces(minus, toHidden: 2, steps: [.mergedTwins(kept: 0, removed: 2, sign: -1)])
        let reduced = try XCTUnwrap(try minus.sussmannReduction().network)
        XCTAssertEqual(reduced.weights[1][0, 0], 0.5879932113246111 - 0.21084073795065827, accuracy: 1e-15)
        let plus = variant { net in
            for j in 0..<2 { net.weights[0][2, j] = net.weights[0][0, j] }
            net.biases[0][2] = net.biases[0][0]
        }
        try assertReduces(plus, toHidden: 2, steps: [.mergedTwins(kept: 0, removed: 2, sign: 1)])
        // Negative control: merging the −twin with the wrong sign changes the function by O(1).
        let wrong = try minus.mergingTwinUnits(layer: 1, kept: 0, removed: 2, sign: 1)
        XCTAssertGreaterThan(try SymmetryFixtures.relativeOutputChange(minus, wrong, on: draw.inputs), 1e-3)
    }

    func testMergeThatCancelsThenDeletes() throws {
        // (w_3, b_3, c_3) = (−w_1, −b_1, c_1): c_1 − c_1 = 0, so R2 is followed by R1 and one unit remains.
        let net = variant { net in
            for j in 0..<2 { net.weights[0][2, j] = -net.weights[0][0, j] }
            net.biases[0][2] = -net.biases[0][0]
            net.weights[1][0, 2] = net.weights[1][0, 0]
        }
        let reduction = try net.sussmannReduction()
        XCTAssertEqual(reduction.steps, [.mergedTwins(kept: 0, removed: 2, sign: -1), .zeroOutgoingWeights(unit: 0)])
        XCTAssertEqual(reduction.keptUnits, [1])
        let reduced = try XCTUnwrap(reduction.network)
        XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(net, reduced, on: draw.inputs), 1e-12)
    }

    func testEverythingRemovedLeavesTheConstantOutput() throws {
        let net = try MLP(weights: [Matrix([[0, 0]]), Matrix([[2]])], biases: [[0.5], [1]], activation: .tanh)
        let reduction = try net.sussmannReduction()
        XCTAssertNil(reduction.network)
        XCTAssertEqual(reduction.hiddenCount, 0)
        XCTAssertEqual(reduction.outputBias[0], 1 + 2 * tanh(0.5), accuracy: 1e-15)
        let f = try net.forward(draw.inputs)
        XCTAssertEqual(f.maxAbs, reduction.outputBias[0], accuracy: 1e-15)
    }

    func testToleranceDecidesNearTwins() throws {
        let near = variant { net in
            for j in 0..<2 { net.weights[0][2, j] = -net.weights[0][0, j] }
            net.biases[0][2] = -net.biases[0][0] + 1e-6
        }
        XCTAssertEqual(try near.sussmannReduction(tolerance: 1e-9).hiddenCount, 3)
        XCTAssertEqual(try near.sussmannReduction(tolerance: 1e-4).hiddenCount, 2)
    }

    func testUnsupportedNetworksAreTypedErrors() throws {
        XCTAssertThrowsError(try SymmetryFixtures.referenceDraw(.relu).network.sussmannReduction())
        XCTAssertThrowsError(try SymmetryFixtures.referenceDraw(.tanh, widths: [2, 3, 3, 1]).network.sussmannReduction())
        XCTAssertThrowsError(try draw.network.sussmannReduction(tolerance: .nan))
    }
}
