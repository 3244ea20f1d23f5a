import LinearAlgebra
import XCTest
@testable import Networks

/// Check values of science.md §0.3 item 5 (computed there with NumPy).
final class DeterministicNetworkTests: XCTestCase {
    func testSplitMix64StreamMatchesReference() {
        var zero = SplitMix64(seed: 0)
        XCTAssertEqual(zero.next(), 0xe220_a839_7b1d_cdaf)
        var rng = SplitMix64(seed: 42)
        XCTAssertEqual(rng.next(), 0xbdd7_3226_2feb_6e95)
        XCTAssertEqual(rng.next(), 0x28ef_e333_b266_f103)
        XCTAssertEqual(rng.next(), 0x4752_6757_130f_9f52)
        var units = SplitMix64(seed: 42)
        XCTAssertEqual(units.nextUnit(), 0.7415648787718233)
        XCTAssertEqual(units.nextUnit(), 0.1599103928769201)
        XCTAssertEqual(units.nextUnit(), 0.27860113025513866)
    }

    func testDetNetReproducesReferenceParametersAndOutputs() throws {
        let relu = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 1)
        XCTAssertEqual(relu.network.weights[0].storage, [
            0.1331231503445618, 0.49156351452540226, 0.9420055071735924, -0.11128156588845584,
            -0.1114705983472839, 0.525788783823522,
        ])
        XCTAssertEqual(relu.network.biases[0], [0.754697373528346, 0.04613435970196278, -0.4289826312060667])
        XCTAssertEqual(relu.network.weights[1].storage, [0.5879932113246111, -0.19171566189954858, 0.21084073795065827])
        XCTAssertEqual(relu.network.biases[1], [-0.09012418505942077])
        XCTAssertEqual(relu.inputs.row(0), [0.12031599000635573, -0.25613840070109983])
        // Bit for bit for ReLU.
        XCTAssertEqual(try relu.network.forward(relu.inputs)[0, 0], 0.2529793459701164)
        let tanh = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 1)
        XCTAssertEqual(try tanh.network.forward(tanh.inputs)[0, 0], 0.09858303563651083, accuracy: 1e-14)
    }

    func testMalformedArgumentsAreTypedErrors() {
        XCTAssertThrowsError(try detNet(widths: [2, 0, 1], activation: .relu, seed: 1, samples: 3)) {
            XCTAssertEqual($0 as? NetworkError, .invalidWidths([2, 0, 1]))
        }
        XCTAssertThrowsError(try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 0))
        XCTAssertThrowsError(try MLP(widths: [2, 3, 1], activation: .tanh, parameters: [Double](repeating: .nan, count: 13)))
    }

    /// science.md §6.1 and §7: the generic ReLU batch-Jacobian rank of (2,3,1) is P − H = 13 − 3 = 10;
    /// tanh has no continuous symmetry, so its rank is P = 13 (n·nL = 200 ≥ P).
    func testJacobianRanksMatchTheory() throws {
        let relu = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)
        let reluRank = try numericalRank(try relu.network.batchJacobian(relu.inputs))
        XCTAssertEqual(reluRank.rank, 10)
        XCTAssertFalse(reluRank.isIllConditioned)
        let tanh = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 200)
        XCTAssertEqual(try numericalRank(try tanh.network.batchJacobian(tanh.inputs)).rank, 13)
    }

    /// Central differences (step 1e-6) agree with backpropagation to ~1e-8 (science.md §0.3 item 1).
    func testJacobianAgreesWithFiniteDifferences() throws {
        let draw = try detNet(widths: [3, 4, 2, 2], activation: .tanh, seed: 7, samples: 5)
        let jacobian = try draw.network.batchJacobian(draw.inputs)
        let theta = draw.network.parameters
        let h = 1e-6
        for c in 0..<theta.count {
            var plus = theta, minus = theta
            plus[c] += h
            minus[c] -= h
            let fPlus = try MLP(widths: draw.network.widths, activation: .tanh, parameters: plus).forward(draw.inputs)
            let fMinus = try MLP(widths: draw.network.widths, activation: .tanh, parameters: minus).forward(draw.inputs)
            for r in 0..<jacobian.rows {
                let fd = (fPlus.storage[r] - fMinus.storage[r]) / (2 * h)
                XCTAssertEqual(jacobian[r, c], fd, accuracy: 1e-8, "row \(r), column \(c)")
            }
        }
    }
}
