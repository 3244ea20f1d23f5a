import Deduction
import XCTest

/// The engine on small hand-written claim sets whose answers follow from propositional logic by hand.
final class EngineTests: XCTestCase {
    func testForwardChainingKeepsTheTraceInOrder() {
        let claims = TestClaims.make([
            ("perm", ["kind = mlp", "L >= 1"], ["symmetry(permutation)"]),
            ("exhaust", ["symmetry(permutation)", "activation = tanh"], ["symmetries-exhaustive"]),
            ("global", ["symmetries-exhaustive"], ["identifiable(global, modulo = signed-permutation)"]),
        ])
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 1], "tanh"), claims: claims)
        let global = report.conclusion("identifiable(global, modulo = signed-permutation)")
        XCTAssertEqual(global?.value, .true)
        let trace = global?.trace ?? []
        // perm before exhaust before global; the facts that fed them are in the trace too.
        XCTAssertEqual(trace.filter { ["perm", "exhaust", "global"].contains($0) }, ["perm", "exhaust", "global"])
        XCTAssertTrue(trace.contains("fact: activation = tanh"), "\(trace)")
        // The built-in rule takes it on to local identifiability.
        XCTAssertEqual(report.conclusion("identifiable(local)")?.value, .true)
        XCTAssertEqual(report.conclusion("identifiable(local)")?.trace.last, "rule: global-implies-local")
        // On relu the middle claim fails, so nothing after it is derived.
        let relu = Deducer.deduce(TestClaims.mlp([2, 3, 1], "relu"), claims: claims)
        XCTAssertEqual(relu.conclusion("symmetry(permutation)")?.value, .true)
        XCTAssertNil(relu.conclusion("symmetries-exhaustive").flatMap { $0.value == .unknown ? nil : $0 })
        XCTAssertEqual(relu.claim("exhaust")?.applies, .no)
        XCTAssertEqual(relu.claim("exhaust")?.best?.decidingHypothesis?.text, "activation = tanh")
        XCTAssertEqual(relu.claim("global")?.applies, .unknown)
    }

    func testContrapositiveDerivesANegatedHypothesis() {
        // tanh-type ∧ generic ⇒ exhaustive;  gelu ⇒ not exhaustive.  Hence gelu is not tanh-type, under generic.
        let claims = TestClaims.make([
            ("vb", ["activation.tanh-type", "assume generic"], ["symmetries-exhaustive"]),
            ("flip", ["activation = gelu"], ["not symmetries-exhaustive"]),
        ])
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 1], "gelu"), claims: claims)
        let derived = report.conclusion("not activation.tanh-type")
        XCTAssertEqual(derived?.value, .conditional)
        XCTAssertEqual(derived?.assumptions, [.generic])
        XCTAssertEqual(derived?.trace.last, "contrapositive: vb")
        XCTAssertTrue(derived?.trace.contains("flip") ?? false)
        XCTAssertTrue(report.contradictions.isEmpty)
        // Stating the assumption makes it unconditional.
        let stated = Deducer.deduce(TestClaims.mlp([2, 3, 1], "gelu", assume: [.generic]), claims: claims)
        XCTAssertEqual(stated.conclusion("activation.tanh-type")?.value, .false)
        // The registry already knows relu is not tanh-type: no contrapositive needed, and no contradiction.
        let relu = Deducer.deduce(TestClaims.mlp([2, 3, 1], "relu"), claims: claims)
        XCTAssertEqual(relu.claim("vb")?.applies, .no)
    }

    func testContrapositiveThroughBuiltinRules() {
        // A continuous symmetry forbids local identifiability, so a claim of local identifiability rules it out.
        let claims = TestClaims.make([("local", ["activation = tanh"], ["identifiable(local)"])])
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 1], "tanh"), claims: claims)
        let none = report.conclusion("symmetry(continuous)")
        XCTAssertEqual(none?.value, .false)
        XCTAssertEqual(none?.trace.last, "contrapositive: rule: continuous-fibres")
    }

    func testUnknownPropagatesAndNamesTheMissingQuantity() {
        let claims = TestClaims.make([
            ("enough", ["kind = mlp", "N * nL >= P"], ["identifiable(local, from-sample)"]),
            ("after", ["identifiable(local, from-sample)"], ["symmetries-exhaustive"]),
        ])
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 1], "tanh"), claims: claims)
        XCTAssertEqual(report.claim("enough")?.applies, .unknown)
        XCTAssertEqual(report.claim("enough")?.best?.decidingHypothesis?.holds, nil)
        XCTAssertTrue(report.claim("enough")?.best?.decidingHypothesis?.reason.contains("--samples") ?? false)
        XCTAssertEqual(report.claim("after")?.applies, .unknown)
        XCTAssertTrue(report.open.contains { $0.contains("symmetries-exhaustive") })
        // P = 2·3 + 3 + 3·1 + 1 = 13 by hand: 13 samples suffice, 12 do not.
        let enough = Deducer.deduce(TestClaims.mlp([2, 3, 1], "tanh", samples: 13), claims: claims)
        XCTAssertEqual(enough.claim("after")?.applies, .yes)
        let few = Deducer.deduce(TestClaims.mlp([2, 3, 1], "tanh", samples: 12), claims: claims)
        XCTAssertEqual(few.claim("enough")?.applies, .no)
    }

    func testConditionalNamesTheUnstatedAssumption() {
        let claims = TestClaims.make([("c", ["assume irreducible", "assume generic"], ["symmetries-exhaustive"])])
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 1], "tanh", assume: [.generic]), claims: claims)
        XCTAssertEqual(report.claim("c")?.applies, .conditional)
        XCTAssertEqual(report.claim("c")?.best?.assumptions, [.irreducible])
        XCTAssertEqual(report.conclusion("symmetries-exhaustive")?.assumptions, [.irreducible])
    }

    func testADeliberateContradictionIsCaughtWithBothTraces() {
        let claims = TestClaims.make([
            ("rescale", ["activation.positively-homogeneous", "L >= 1"], ["symmetry(continuous, dim = H)"]),
            ("wrong", ["activation = relu"], ["identifiable(local)"]),
        ])
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 1], "relu"), claims: claims)
        XCTAssertEqual(report.contradictions.count, 1, "\(report.contradictions)")
        let c = report.contradictions.first
        XCTAssertEqual(c?.statement, "identifiable(local)")
        XCTAssertTrue(c?.traceTrue.contains("wrong") ?? false)
        XCTAssertTrue(c?.traceFalse.contains("rescale") ?? false)
        XCTAssertTrue(c?.traceFalse.contains("rule: continuous-fibres") ?? false)
        // On tanh neither claim fires, so there is nothing to contradict.
        XCTAssertTrue(Deducer.deduce(TestClaims.mlp([2, 3, 1], "tanh"), claims: claims).contradictions.isEmpty)
    }

    func testRankArithmeticCatchesIncompatibleRanks() {
        let claims = TestClaims.make([
            ("full", ["kind = mlp"], ["generic-rank = P"]),
            ("drop", ["activation = relu"], ["generic-rank <= P - H"]),
        ])
        // H = 3 > 0: the two ranks cannot both hold.
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 1], "relu"), claims: claims)
        XCTAssertEqual(report.contradictions.map(\.statement).sorted().first, "generic-rank <= P - H")
        // With no hidden layer H = 0 and P - H = P: consistent.
        XCTAssertTrue(Deducer.deduce(TestClaims.mlp([2, 1], "relu"), claims: claims).contradictions.isEmpty)
    }

    func testGroupOrderAndRankSummaries() {
        let claims = TestClaims.make([
            ("perm", ["L >= 1"], ["symmetry(permutation)"]),
            ("flip", ["activation.odd"], ["symmetry(sign-flip)"]),
        ])
        // (2,3,2,1): 3!·2! permutations times 2^5 sign flips = 12 · 32 = 384.
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 2, 1], "arctan"), claims: claims)
        XCTAssertEqual(report.discreteOrder, "384")
        XCTAssertNil(report.continuousDimension)
        XCTAssertNil(report.rankExact)
    }
}
