import Foundation
import LinearAlgebra
import TestSupport
import XCTest
@testable import Networks

/// Group orders (exact big integers) and orbit enumeration (science.md §2.1, §2.3).
final class SymmetryOrbitTests: XCTestCase {
    func testBigUIntArithmeticAgainstHandValues() throws {
        XCTAssertEqual(BigUInt.factorial(0).description, "1")
        XCTAssertEqual(BigUInt.factorial(20).description, "2432902008176640000")
        XCTAssertEqual(BigUInt.factorial(25).description, "15511210043330985984000000")
        XCTAssertEqual(BigUInt.powerOfTwo(100).description, "1267650600228229401496703205376")
        XCTAssertEqual(BigUInt.zero.description, "0")
        // Carries across limbs: (2^64 − 1) + 1 = 2^64, (2^32)² = 2^64.
        XCTAssertEqual(BigUInt(UInt.max) + BigUInt(1), BigUInt.powerOfTwo(64))
        XCTAssertEqual(BigUInt.powerOfTwo(32) * BigUInt.powerOfTwo(32), BigUInt.powerOfTwo(64))
        XCTAssertEqual((BigUInt(999_999_999) * BigUInt(1_000_000_001)).description, "999999999999999999")
        XCTAssertEqual(BigUInt(12345).exactUInt, 12345)
        XCTAssertNil(BigUInt.powerOfTwo(70).exactUInt)
        XCTAssertNil(BigUInt(exactly: -1))
        XCTAssertTrue(BigUInt(5) < BigUInt(7))
        XCTAssertTrue(BigUInt(UInt.max) < BigUInt.powerOfTwo(64))
        XCTAssertFalse(BigUInt.powerOfTwo(64) < BigUInt.powerOfTwo(64))
        let big = "123456789012345678901234567890123456789"
        XCTAssertEqual(BigUInt(decimal: big)?.description, big)
        XCTAssertNil(BigUInt(decimal: "12a"))
        XCTAssertNil(BigUInt(decimal: "-3"))
        XCTAssertNil(BigUInt(decimal: ""))
    }

    func testBigUIntCodableIsADecimalString() throws {
        let value = BigUInt.factorial(30)
        let data = try JSONEncoder().encode([value])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"265252859812191058636308480000000\"]")
        XCTAssertEqual(try JSONDecoder().decode([BigUInt].self, from: data), [value])
        XCTAssertThrowsError(try JSONDecoder().decode([BigUInt].self, from: Data("[\"1e5\"]".utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode([BigUInt].self, from: Data("[12]".utf8)))
    }

    func testGroupOrdersAgainstHandValues() throws {
        XCTAssertEqual(try permutationGroupOrder([2, 3, 1]), BigUInt(6))
        XCTAssertEqual(try signedPermutationGroupOrder([2, 3, 1]), BigUInt(48))
        XCTAssertEqual(try permutationGroupOrder([2, 3, 3, 1]), BigUInt(36))
        XCTAssertEqual(try signedPermutationGroupOrder([2, 3, 3, 1]), BigUInt(2304))
        // No hidden layer: the trivial group.
        XCTAssertEqual(try permutationGroupOrder([4, 2]), BigUInt(1))
        XCTAssertThrowsError(try permutationGroupOrder([2, 0, 1])) {
            XCTAssertEqual($0 as? NetworkError, .invalidWidths([2, 0, 1]))
        }
    }

    func testGroupOrdersForWideLayersAgainstPython() throws {
        let widths = [5, 100, 250, 317, 3]
        let output = try PythonOracle.run("""
            import math
            h = [100, 250, 317]
            print(math.prod(math.factorial(n) for n in h))
            print(math.prod(2**n * math.factorial(n) for n in h))
            """)
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(try permutationGroupOrder(widths).description, lines.first)
        XCTAssertEqual(try signedPermutationGroupOrder(widths).description, lines.last)
    }

    func testSignedPermutationOrbitOfTheReferenceTanhNet() throws {
        let draw = try SymmetryFixtures.referenceDraw(.tanh)
        let orbit = try draw.network.orbit(under: .signedPermutations)
        XCTAssertEqual(orbit.groupOrder, 48)
        XCTAssertEqual(orbit.points.count, 48)
        XCTAssertTrue(orbit.isFree)
        XCTAssertGreaterThan(orbit.minimumDistance, 0.01)
        XCTAssertEqual(orbit.points[0], draw.network.parameters)
        var worst = 0.0
        for point in orbit.points {
            let image = try MLP(widths: [2, 3, 1], activation: .tanh, parameters: point)
            worst = max(worst, try SymmetryFixtures.relativeOutputChange(draw.network, image, on: draw.inputs))
        }
        XCTAssertLessThanOrEqual(worst, 1e-13)
        // The 6 permutations of the ReLU net: same invariance.
        let relu = try SymmetryFixtures.referenceDraw(.relu)
        let permutations = try relu.network.orbit(under: .permutations)
        XCTAssertEqual(permutations.points.count, 6)
        for point in permutations.points {
            let image = try MLP(widths: [2, 3, 1], activation: .relu, parameters: point)
            XCTAssertLessThanOrEqual(try SymmetryFixtures.relativeOutputChange(relu.network, image, on: relu.inputs), 1e-13)
        }
    }

    func testTwinUnitsMakeTheActionNonFree() throws {
        var net = try SymmetryFixtures.referenceDraw(.tanh).network
        // Unit 3 = sign-flipped copy of unit 1, outgoing weight included: a flip-and-swap fixes θ.
        for j in 0..<2 { net.weights[0][2, j] = -net.weights[0][0, j] }
        net.biases[0][2] = -net.biases[0][0]
        net.weights[1][0, 2] = -net.weights[1][0, 0]
        let twin = try net.orbit(under: .signedPermutations)
        XCTAssertEqual(twin.groupOrder, 48)
        XCTAssertEqual(twin.points.count, 24)  // stabilizer {e, swap(1,3)·flip(1,3)} of order 2
        XCTAssertEqual(twin.minimumDistance, 0)
        XCTAssertFalse(twin.isFree)

        // Incoming-only twin (c_3 ≠ −c_1): still free; the closest image is that same flip-and-swap,
        // at distance |c_1 + c_3| (hand computation: only the outgoing weights differ).
        var incomingOnly = net
        incomingOnly.weights[1][0, 2] = 0.21084073795065827
        let free = try incomingOnly.orbit(under: .signedPermutations)
        XCTAssertEqual(free.points.count, 48)
        XCTAssertEqual(free.minimumDistance, abs(net.weights[1][0, 0] + 0.21084073795065827), accuracy: 1e-15)

        // A unit fixed by its own flip (all its parameters zero).
        var dead = try SymmetryFixtures.referenceDraw(.tanh).network
        for j in 0..<2 { dead.weights[0][1, j] = 0 }
        dead.biases[0][1] = 0
        dead.weights[1][0, 1] = 0
        let fixed = try dead.orbit(under: .signedPermutations)
        XCTAssertEqual(fixed.points.count, 24)
        XCTAssertEqual(fixed.minimumDistance, 0)
    }

    func testDeepOrbitAndTheSizeLimit() throws {
        let net = try SymmetryFixtures.referenceDraw(.tanh, widths: [2, 2, 3, 1]).network
        let orbit = try net.orbit(under: .signedPermutations)
        XCTAssertEqual(orbit.groupOrder, 8 * 48)
        XCTAssertEqual(orbit.points.count, 384)
        XCTAssertGreaterThan(orbit.minimumDistance, 0)
        XCTAssertThrowsError(try net.orbit(under: .signedPermutations, limit: 100)) {
            XCTAssertEqual($0 as? SymmetryError, .orbitTooLarge(order: BigUInt(384), limit: 100))
        }
        let wide = try MLP(widths: [1, 30, 1], activation: .tanh,
                           parameters: [Double](repeating: 0.5, count: MLP.parameterCount([1, 30, 1])))
        XCTAssertThrowsError(try wide.orbit(under: .permutations)) { error in
            guard case SymmetryError.orbitTooLarge(let order, _)? = error as? SymmetryError else {
                return XCTFail("expected orbitTooLarge, got \(error)")
            }
            XCTAssertEqual(order, BigUInt.factorial(30))
        }
    }
}
