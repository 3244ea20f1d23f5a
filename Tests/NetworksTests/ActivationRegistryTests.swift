import Networks
import TestSupport
import XCTest

/// The activations added for the deduction and analysis issues: values against Python's math module
/// (an independent implementation of erf, atan, expm1 …) and derivatives against central differences.
final class ActivationRegistryTests: XCTestCase {
    private let names = ["arctan", "gelu", "silu", "sin", "cube", "t3+t", "elu", "elu:0.5", "poly:1,-2,0,0.5"]
    private let points: [Double] = [-2.5, -1, -0.3, 0.2, 0.9, 1.7]

    func testValuesMatchPythonMath() throws {
        let script = """
        import math
        def f(name, t):
            if name == 'arctan': return math.atan(t)
            if name == 'gelu': return 0.5 * t * (1 + math.erf(t / math.sqrt(2)))
            if name == 'silu': return t / (1 + math.exp(-t))
            if name == 'sin': return math.sin(t)
            if name == 'cube': return t ** 3
            if name == 't3+t': return t ** 3 + t
            if name == 'elu': return t if t > 0 else math.expm1(t)
            if name == 'elu:0.5': return t if t > 0 else 0.5 * math.expm1(t)
            if name == 'poly:1,-2,0,0.5': return 1 - 2 * t + 0.5 * t ** 3
        print(json.dumps({n: [f(n, t) for t in data['points']] for n in data['names']}))
        """
        let expected = try XCTUnwrap(PythonOracle.json(script, input: ["names": names, "points": points], modules: []) as? [String: [Double]])
        for name in names {
            let activation = try XCTUnwrap(Activation(name: name), name)
            for (t, want) in zip(points, try XCTUnwrap(expected[name])) {
                XCTAssertEqual(activation.value(t), want, accuracy: 1e-13 * max(1, abs(want)), "\(name)(\(t))")
            }
        }
    }

    func testDerivativesMatchCentralDifferences() throws {
        for name in names {
            let activation = try XCTUnwrap(Activation(name: name))
            for t in points {
                let h = 1e-6
                let numeric = (activation.value(t + h) - activation.value(t - h)) / (2 * h)
                XCTAssertEqual(activation.derivative(t), numeric, accuracy: 1e-7, "\(name)'(\(t))")
            }
        }
    }

    func testNamesAreCaseInsensitiveWithAliases() {
        XCTAssertEqual(Activation(name: "ReLU"), .relu)
        XCTAssertEqual(Activation(name: "Sigmoid"), .logistic)
        XCTAssertEqual(Activation(name: "SWISH"), .silu)
        XCTAssertEqual(Activation(name: "leaky-relu:0.1"), .leakyReLU(alpha: 0.1))
        XCTAssertEqual(Activation(name: "t^3+t"), .cubicPlusLinear)
        XCTAssertNil(Activation(name: "elu:-1"))
        XCTAssertNil(Activation(name: "poly:1,x"))
        XCTAssertNil(Activation(name: "mish"))
    }

    func testParityFollowsTheCoefficients() {
        XCTAssertTrue(Activation.cubicPlusLinear.isOdd)
        XCTAssertFalse(Activation.cubicPlusLinear.isEven)
        XCTAssertTrue(Activation.polynomial(coefficients: [1, 0, 3]).isEven)
        XCTAssertFalse(Activation.gelu.isOdd)
        XCTAssertEqual(Activation.cubicPlusLinear.polynomialDegree, 3)
        XCTAssertNil(Activation.tanh.polynomialDegree)
    }
}
