import LinearAlgebra
import XCTest
@testable import Networks

/// Exact Jacobian rank modulo primes (science.md §0.3 item 6) and the NumPy cross-check of R_Γ.
final class ReLUExactRankTests: XCTestCase {
    /// The elimination `exactJacobianRank` relies on (LinearAlgebra.rankModulo), on hand-worked matrices.
    func testModularRankOfSmallMatricesByHand() throws {
        // Rows 1 and 2 are proportional: rank 2 over Q and modulo 7.
        XCTAssertEqual(rankModulo(try IntegerMatrix([[1, 2, 3], [2, 4, 6], [1, 0, 1]]), prime: 7), 2)
        // diag(3, 1) has rank 2 over Q but rank 1 modulo 3: the modular rank is only a lower bound.
        XCTAssertEqual(rankModulo(try IntegerMatrix([[3, 0], [0, 1]]), prime: 3), 1)
        XCTAssertEqual(rankModulo(try IntegerMatrix([[3, 0], [0, 1]]), prime: 5), 2)
        XCTAssertEqual(rankModulo(IntegerMatrix(rows: 0, cols: 0), prime: 5), 0)
    }

    func testDyadicResidues() throws {
        // 1/2 mod 7 = 4 (2·4 = 8 ≡ 1); −3/4 mod 7 = −3·2 = −6 ≡ 1.
        XCTAssertEqual(try DyadicRational(exactly: 0.5, what: "x").residue(modulo: 7), 4)
        XCTAssertEqual(try DyadicRational(exactly: -0.75, what: "x").residue(modulo: 7), 1)
        XCTAssertThrowsError(try DyadicRational(exactly: 0.1, what: "x"))
    }

    /// Integer inputs on the grid {−3, …, 3}².
    private func integerGrid() -> Matrix {
        Matrix((-3...3).flatMap { a in (-3...3).map { b in [Double(a), Double(b)] } })
    }

    func testShallowIntegerNetworkIsCertifiedAtPMinusH() throws {
        let net = try MLP(weights: [Matrix([[1, 2], [-1, 1], [2, -1]]), Matrix([[1, -2, 1]])],
                          biases: [[0.5, -0.5, 1.5], [0]], activation: .relu)
        let certificate = try net.exactJacobianRank(inputs: integerGrid())
        XCTAssertEqual(certificate.upperBound, 10)
        XCTAssertEqual(certificate.modularRanks, [10, 10])
        XCTAssertTrue(certificate.certifiesMaximalRank)
        XCTAssertEqual(try net.localIdentifiability(inputs: integerGrid()).rGamma, 10)
    }

    func testDeepIntegerNetworkWithQuarterBiases() throws {
        let net = try MLP(weights: [Matrix([[1, 2], [-1, 1], [2, -1]]), Matrix([[1, -1, 2], [2, 1, -1], [-1, 1, 1]]),
                                    Matrix([[1, 2, -1]])],
                          biases: [[0.5, -0.5, 1.5], [0.25, -1.75, 0.25], [0]], activation: .relu)
        let certificate = try net.exactJacobianRank(inputs: integerGrid())
        XCTAssertEqual(certificate.upperBound, 19)
        // The floating-point rank must agree with the exact one whenever the gap is clean.
        let report = try net.localIdentifiability(inputs: integerGrid())
        XCTAssertFalse(report.isIllConditioned)
        XCTAssertEqual(certificate.rankLowerBound, report.rGamma)
        XCTAssertTrue(certificate.certifiesMaximalRank)
    }

    func testExactDeadUnitRankAndBoundaryRefusal() throws {
        var net = try MLP(weights: [Matrix([[1, 2], [-1, 1], [2, -1]]), Matrix([[1, -2, 1]])],
                          biases: [[0.5, -0.5, -20.5], [0]], activation: .relu)
        // Unit 2 is dead on the grid (2a − b ≤ 9 < 20.5): the rank drops to 7, as in §7.6 (d).
        XCTAssertEqual(try net.exactJacobianRank(inputs: integerGrid()).modularRanks, [7, 7])
        net.biases[0][2] = 0  // 2a − b = 0 at (0, 0): an exact zero pre-activation must be refused
        XCTAssertThrowsError(try net.exactJacobianRank(inputs: integerGrid())) { error in
            guard case .sampleOnSwitchingBoundary(let sample, let neuron, _, _)? = error as? ReLUAnalysisError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(sample, 15)  // (a, b) = (−1, −2) is the first grid point with 2a − b = 0: index 2·7 + 1
            XCTAssertEqual(neuron.index, 2)
        }
    }
}
