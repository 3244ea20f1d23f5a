import LinearAlgebra
import XCTest
@testable import Networks

/// Levenberg–Marquardt refits (science.md §5.3) and projections onto fibers (§6.2, §7).
final class RefitTests: XCTestCase {
    /// Canonical form of a one-hidden-layer tanh net modulo the signed permutations of its hidden units:
    /// flip each unit (w, b, c) → (−w, −b, −c) so that c > 0, then sort the units by c.
    private func signedPermutationCanonical(_ net: MLP) -> [[Double]] {
        (0..<net.widths[1]).map { i -> [Double] in
            let c = net.weights[1][0, i]
            let sign: Double = c < 0 ? -1 : 1
            return [sign * c] + net.weights[0].row(i).map { sign * $0 } + [sign * net.biases[0][i]]
        }.sorted { $0[0] < $1[0] } + [[net.biases[1][0]]]
    }

    func testTanhRefitRecoversTargetUpToSignedPermutation() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 30)
        let targets = try draw.network.forward(draw.inputs)
        var options = LevenbergMarquardtOptions()
        options.maxIterations = 150
        let result = try fitMLP(widths: [2, 3, 1], activation: .tanh, inputs: draw.inputs, targets: targets,
                                starts: 3, seed: 1001, options: options)
        XCTAssertEqual(result.attempts.count, 3)
        let best = result.best
        XCTAssertLessThanOrEqual(best.residual, 1e-10, "histories: \(result.attempts.map { ($0.residual, $0.iterations) })")
        XCTAssertTrue(best.converged)
        XCTAssertEqual(best.history.last, best.residual)
        let fitted = signedPermutationCanonical(best.network)
        let target = signedPermutationCanonical(draw.network)
        XCTAssertLessThanOrEqual(maxAbsDifference(fitted.flatMap { $0 }, target.flatMap { $0 }), 1e-6)
        // Sussmann (§4.1): every zero-residual fit, not only the best, is a signed permutation of the target.
        for attempt in result.attempts where attempt.converged {
            let canonical = signedPermutationCanonical(attempt.network).flatMap { $0 }
            XCTAssertLessThanOrEqual(maxAbsDifference(canonical, target.flatMap { $0 }), 1e-6)
        }
        // Control: the start itself was far from the target in the same canonical coordinates.
        var rng = SplitMix64(seed: try XCTUnwrap(best.seed))
        let start = try MLP(widths: [2, 3, 1], activation: .tanh, parameters: (0..<13).map { _ in 2 * rng.nextUnit() - 1 })
        XCTAssertGreaterThan(maxAbsDifference(signedPermutationCanonical(start).flatMap { $0 }, target.flatMap { $0 }), 0.1)
    }

    func testUnderparameterisedRefitCannotReachZeroResidual() throws {
        // A (2,1,1) tanh net cannot reproduce a generic (2,3,1) one: the residual stays large.
        let draw = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 40)
        let targets = try draw.network.forward(draw.inputs)
        var options = LevenbergMarquardtOptions()
        options.maxIterations = 100
        let result = try fitMLP(widths: [2, 1, 1], activation: .tanh, inputs: draw.inputs, targets: targets,
                                starts: 2, seed: 5, options: options)
        XCTAssertGreaterThan(result.best.residual, 1e-3)
        XCTAssertFalse(result.best.converged)
    }

    func testProjectionOfIdentifiableReLUReturnsToSameLifting() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)
        XCTAssertEqual(try draw.network.localIdentifiability(inputs: draw.inputs).verdict, .identifiable)
        let start = try ReLUTestSupport.perturbed(draw.network, size: 1e-4, seed: 77)
        XCTAssertGreaterThan(try draw.network.pathLiftingDistance(to: start), 1e-6)
        let projection = try projectOntoFiber(target: draw.network, start: start, inputs: draw.inputs)
        XCTAssertTrue(projection.converged)
        XCTAssertLessThanOrEqual(projection.residual, 1e-12)
        XCTAssertLessThanOrEqual(try draw.network.pathLiftingDistance(to: projection.network), 1e-8)
    }

    func testProjectionOfDeadUnitNetworkKeepsOutputsButChangesLifting() throws {
        var draw = try detNet(widths: [2, 3, 1], activation: .relu, seed: 1, samples: 200)
        draw.network.biases[0][2] = -10
        XCTAssertEqual(try draw.network.localIdentifiability(inputs: draw.inputs).verdict, .notIdentifiable)
        let start = try ReLUTestSupport.perturbed(draw.network, size: 1e-3, seed: 78)
        let projection = try projectOntoFiber(target: draw.network, start: start, inputs: draw.inputs)
        XCTAssertLessThanOrEqual(projection.residual, 1e-12)
        let original = try draw.network.pathLifting()
        let projected = try projection.network.pathLifting()
        // Path order (PathEnumeration): inputs (0,0) (0,1) (0,2) (1,0) (1,1) (1,2), hidden (0) (1) (2), β.
        let throughDeadUnit: Set = [2, 5, 8]
        for row in 0..<original.rows {
            let difference = abs(original[row, 0] - projected[row, 0])
            if throughDeadUnit.contains(row) {
                XCTAssertGreaterThan(difference, 1e-6, "path \(row) runs through the dead unit")
            } else {
                XCTAssertLessThanOrEqual(difference, 1e-8, "path \(row) avoids the dead unit")
            }
        }
    }

    func testMismatchedTargetsAreTypedErrors() throws {
        let draw = try detNet(widths: [2, 3, 1], activation: .tanh, seed: 1, samples: 5)
        XCTAssertThrowsError(try fitMLP(widths: [2, 3, 1], activation: .tanh, inputs: draw.inputs,
                                        targets: Matrix(rows: 4, cols: 1), starts: 1, seed: 0))
        XCTAssertThrowsError(try fitMLP(widths: [2, 3, 1], activation: .tanh, inputs: draw.inputs,
                                        targets: Matrix(rows: 5, cols: 1), starts: 0, seed: 0))
        let other = try detNet(widths: [2, 4, 1], activation: .tanh, seed: 1, samples: 5)
        XCTAssertThrowsError(try projectOntoFiber(target: draw.network, start: other.network, inputs: draw.inputs))
    }
}
