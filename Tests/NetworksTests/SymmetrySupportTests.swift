import Foundation
import LinearAlgebra
import XCTest
@testable import Networks

/// Shared helpers of the Symmetry* and Canonical* tests (namespaced to avoid clashes in the test target).
enum SymmetryFixtures {
    /// max |f_b(X) − f_a(X)| / max |f_a(X)|: the output change relative to the output scale.
    static func relativeOutputChange(_ a: MLP, _ b: MLP, on inputs: Matrix) throws -> Double {
        let (fa, fb) = (try a.forward(inputs), try b.forward(inputs))
        let difference = zip(fa.storage, fb.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
        return difference / fa.maxAbs
    }

    /// det_net((2,3,1), seed 1, n = 200) of science.md §0.3.
    static func referenceDraw(_ activation: Activation, widths: [Int] = [2, 3, 1]) throws -> DeterministicDraw {
        try detNet(widths: widths, activation: activation, seed: 1, samples: 200)
    }
}

/// Tests of the test helpers themselves, so that a broken helper cannot make every check pass.
final class SymmetrySupportTests: XCTestCase {
    func testRelativeOutputChangeSeesAChange() throws {
        let draw = try SymmetryFixtures.referenceDraw(.tanh)
        XCTAssertEqual(try SymmetryFixtures.relativeOutputChange(draw.network, draw.network, on: draw.inputs), 0)
        var shifted = draw.network
        shifted.biases[1][0] += 1
        let f = try draw.network.forward(draw.inputs)
        XCTAssertEqual(try SymmetryFixtures.relativeOutputChange(draw.network, shifted, on: draw.inputs), 1 / f.maxAbs, accuracy: 1e-12)
    }
}
