import Deduction
import Foundation
import Networks
import XCTest

/// The registry agrees with Networks on names, and its yes/no properties survive a numerical test on
/// Networks' implementation of each activation (an independent evaluation of σ).
final class RegistryTests: XCTestCase {
    let names = ["linear", "identity", "TANH", "Sigmoid", "logistic", "softplus", "exp", "ReLU", "leaky-relu",
                 "leaky-relu:0.2", "LeakyReLU:0.3", "elu", "elu:0.5", "gelu", "SiLU", "swish", "arctan", "atan", "sin",
                 "square", "cube", "t3+t", "poly:1,0.5,0.25", "poly:0,0,0,2", "mish", "leaky-relu:1", "elu:-1",
                 "poly:", "poly:1,x", ""]

    func testNamesAgreeWithNetworks() {
        for name in names {
            XCTAssertEqual(ActivationName(name: name)?.description, Activation(name: name)?.description, name)
        }
    }

    func testCoversEveryNetworksActivation() {
        for name in Activation.canonicalNames {
            let plain = name.replacingOccurrences(of: "[:α]", with: "").replacingOccurrences(of: "c0,c1,…", with: "1,2")
            XCTAssertNotNil(ActivationName(name: plain), name)
        }
    }

    /// σ(−t) = ±σ(t), σ(λt) = λσ(t) and "polynomial" checked on a grid with Networks' σ.
    func testPropertiesHoldNumerically() throws {
        let points = stride(from: -3.0, through: 3.0, by: 0.37).map { $0 }
        for activation in ActivationName.registryGrid {
            let sigma = try XCTUnwrap(Activation(name: activation.description))
            let facts = ActivationRegistry.facts(for: activation)
            func check(_ property: ActivationProperty, _ holds: (Double) -> Bool) {
                guard let claimed = facts.property(property).value else { return }
                let observed = points.allSatisfy(holds)
                XCTAssertEqual(claimed, observed, "\(activation) \(property.rawValue)")
            }
            let scale = { (t: Double) in max(1, abs(sigma.value(t))) * 1e-12 }
            check(.odd) { abs(sigma.value(-$0) + sigma.value($0)) <= scale($0) }
            check(.even) { abs(sigma.value(-$0) - sigma.value($0)) <= scale($0) }
            check(.positivelyHomogeneous) { abs(sigma.value(2.5 * $0) - 2.5 * sigma.value($0)) <= 3 * scale($0) }
            XCTAssertEqual(facts.polynomialDegree, sigma.polynomialDegree, "\(activation) degree")
            XCTAssertEqual(facts.property(.polynomial).value, sigma.polynomialDegree != nil, "\(activation) polynomial")
            // A finite affine group of order 2 in the registry: the non-trivial element t ↦ −t must be a symmetry,
            // σ(−t) = α σ(t) + β with α = −1, β = σ(0) − ασ(0) = 2σ(0).
            if case .finite(order: 2, _) = facts.affineGroup {
                let beta = 2 * sigma.value(0)
                XCTAssertTrue(points.allSatisfy { abs(sigma.value(-$0) - (-sigma.value($0) + beta)) <= 1e-12 },
                              "\(activation): t ↦ −t is not an affine symmetry")
            }
        }
    }

    /// The continuous one-parameter groups the registry lists act as stated (ReLU: dilations, exp: shifts).
    func testContinuousGroupsAct() throws {
        let relu = try XCTUnwrap(Activation(name: "relu")), exp = try XCTUnwrap(Activation(name: "exp"))
        for t in stride(from: -2.0, through: 2.0, by: 0.25) {
            XCTAssertEqual(relu.value(3 * t), 3 * relu.value(t), accuracy: 1e-15)
            XCTAssertEqual(exp.value(t + 0.7), Foundation.exp(0.7) * exp.value(t), accuracy: 1e-12)
        }
        guard case .continuous(1, _) = ActivationRegistry.facts(for: .relu).affineGroup,
              case .continuous(1, _) = ActivationRegistry.facts(for: .exp).affineGroup else {
            return XCTFail("relu and exp have one-parameter affine groups")
        }
    }

    func testUnsettledPropertiesAreUnknownNotFalse() {
        for activation in [ActivationName.gelu, .silu, .softplus, .elu(alpha: 1)] {
            XCTAssertNil(ActivationRegistry.facts(for: activation).property(.tanhType).value, "\(activation)")
        }
        XCTAssertEqual(ActivationRegistry.facts(for: .tanh).property(.tanhType).value, true)
        XCTAssertEqual(ActivationRegistry.facts(for: .relu).property(.tanhType).value, false)
    }
}
