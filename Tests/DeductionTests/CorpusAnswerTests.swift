import Deduction
import Foundation
import Literature
import TestSupport
import XCTest

/// The shipped corpus on architectures whose answers are textbook.
final class CorpusAnswerTests: XCTestCase {
    static let claims: [ClaimRules] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpus/claims")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".claim") }.sorted().flatMap { file -> [ClaimRules] in
            let text = (try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return ClaimCardParser.parse(text, file: file).claims.map {
                ClaimRules(id: $0.id, check: $0.check, form: $0.machineForm)
            }
        }
    }()

    /// Claims about networks the deduction vocabulary cannot describe yet (normalisation layers, attention,
    /// residual streams; the (1,2,1) inverse-stability construction has no conclusion in it): no machine form.
    static let outsideVocabulary: Set<String> = ["normalization-scale-invariance", "attention-head-symmetry",
                                                 "residual-rescaling-symmetry", "inverse-stability-failure"]

    func testCorpusParsesAndEveryCardHasAMachineForm() {
        XCTAssertGreaterThanOrEqual(Self.claims.count, 13)
        for claim in Self.claims where !Self.outsideVocabulary.contains(claim.id) { XCTAssertNotNil(claim.form, claim.id) }
    }

    func testShallowTanhWithOneOutputIsIdentifiableModuloSignedPermutations() {
        let conditional = Deducer.deduce(TestClaims.mlp([4, 6, 1], "tanh"), claims: Self.claims)
        let global = conditional.conclusion("identifiable(global, modulo = signed-permutation)")
        XCTAssertEqual(global?.value, .conditional)
        XCTAssertEqual(global?.assumptions, [.irreducible])
        XCTAssertEqual(global?.trace.last, "tanh-irreducible-uniqueness")
        let stated = Deducer.deduce(TestClaims.mlp([4, 6, 1], "tanh", assume: [.irreducible]), claims: Self.claims)
        XCTAssertEqual(stated.conclusion("identifiable(global, modulo = signed-permutation)")?.value, .true)
        // Signed permutations of 6 units: 2^6 · 6! = 64 · 720.
        XCTAssertEqual(stated.discreteOrder, String(64 * 720))
        XCTAssertEqual(stated.claim("tanh-irreducible-uniqueness")?.applies, .yes)
        // Two outputs: Sussmann's theorem is recorded for one output only (science.md 0.4(7)).
        let two = Deducer.deduce(TestClaims.mlp([4, 6, 2], "tanh", assume: [.irreducible]), claims: Self.claims)
        XCTAssertEqual(two.claim("tanh-irreducible-uniqueness")?.applies, .no)
        XCTAssertEqual(two.claim("tanh-irreducible-uniqueness")?.best?.decidingHypothesis?.text, "nL = 1")
        XCTAssertTrue(conditional.contradictions.isEmpty)
    }

    func testReLUHasPositiveRescalingAndRankAtMostPMinusH() throws {
        let widths = [784, 30, 30, 10]
        let report = Deducer.deduce(TestClaims.mlp(widths, "relu"), claims: Self.claims)
        // P by hand: Σ n_{l-1} n_l + n_l.
        let p = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        XCTAssertEqual(report.architecture.parameterCount, p)
        XCTAssertEqual(report.conclusion("symmetry(continuous, dim = H)")?.value, .true)
        XCTAssertEqual(report.continuousDimension, 60)
        XCTAssertEqual(report.rankBound, p - 60)
        XCTAssertNil(report.rankExact)
        XCTAssertEqual(report.conclusion("identifiable(local)")?.value, .false)
        XCTAssertNil(report.conclusion("symmetry(sign-flip)"))
        let order = try PythonOracle.run("import math; print(math.factorial(30) ** 2)")
        XCTAssertEqual(report.discreteOrder, order.trimmingCharacters(in: .whitespacesAndNewlines))
        // The local rank test is the check's business: reported as undecided, with the command.
        let local = report.conclusion("identifiable(local, from-sample, modulo = rescaling)")
        XCTAssertEqual(local?.value, .unknown)
        XCTAssertEqual(local?.decidedBy?.hasPrefix("nnid verify relu-local-identifiability --widths 784,30,30,10"), true)
        // Too few samples for the rank test to reach P − H: N · nL < P − H settles it negatively.
        let few = Deducer.deduce(TestClaims.mlp(widths, "relu", samples: 100), claims: Self.claims)
        XCTAssertEqual(few.conclusion("identifiable(local, from-sample, modulo = rescaling)")?.value, .false)
        XCTAssertTrue(report.contradictions.isEmpty)
    }

    func testLinearNetworksHaveGLSymmetryAndAreNotIdentifiable() throws {
        let report = Deducer.deduce(TestClaims.mlp([3, 2, 4], "linear", assume: [.generic]), claims: Self.claims)
        XCTAssertEqual(report.conclusion("symmetry(continuous, dim = GL)")?.value, .true)
        XCTAssertEqual(report.conclusion("identifiable(local)")?.value, .false)
        XCTAssertEqual(report.continuousDimension, 4)  // GL(2)
        // NumPy oracle: rank of the Jacobian of (A, b1, B, b2) ↦ (A B, b1 B + b2) at a random point.
        let rank = try PythonOracle.run("""
            import numpy as np
            rng = np.random.default_rng(1)
            theta = rng.standard_normal(20)
            def f(t):
                A = t[:6].reshape(3, 2); b1 = t[6:8]; B = t[8:16].reshape(2, 4); b2 = t[16:20]
                return np.concatenate([(A @ B).ravel(), b1 @ B + b2])
            h = 1e-6
            J = np.array([(f(theta + h * e) - f(theta - h * e)) / (2 * h) for e in np.eye(20)]).T
            print(np.linalg.matrix_rank(J, tol=1e-6))
            """, modules: ["numpy"])
        XCTAssertEqual(report.rankExact, Int(rank.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertTrue(report.contradictions.isEmpty)
    }

    func testGELUHasPermutationSymmetryOnlyAndExhaustivenessIsOpen() {
        let report = Deducer.deduce(TestClaims.mlp([3, 4, 1], "gelu"), claims: Self.claims)
        XCTAssertEqual(report.conclusion("symmetry(permutation)")?.value, .true)
        XCTAssertNil(report.conclusion("symmetry(sign-flip)"))
        XCTAssertNil(report.conclusion("symmetry(continuous, dim = H)"))
        XCTAssertEqual(report.discreteOrder, "24")  // 4!
        XCTAssertEqual(report.conclusion("symmetries-exhaustive")?.value, .unknown)
        XCTAssertTrue(report.open.contains { $0.contains("symmetries-exhaustive") })
        XCTAssertEqual(report.claim("tanh-type-exhaustiveness")?.applies, .unknown)
        XCTAssertEqual(report.claim("tanh-type-exhaustiveness")?.best?.decidingHypothesis?.text, "activation.tanh-type")
    }

    func testDeepTanhExcludesContinuousSymmetryByContrapositive() {
        let report = Deducer.deduce(TestClaims.mlp([2, 3, 3, 1], "tanh", assume: [.generic, .noDeadUnits]),
                                    claims: Self.claims)
        let none = report.conclusion("symmetry(continuous)")
        XCTAssertEqual(none?.value, .false)
        XCTAssertTrue(none?.trace.contains { $0.hasPrefix("contrapositive:") } ?? false, "\(none?.trace ?? [])")
        XCTAssertEqual(report.rankExact, report.architecture.parameterCount)
    }

    func testAuditGridFindsNoContradictionAndEveryClaimApplies() {
        let grid = ConsistencyGrid.run(claims: Self.claims)
        XCTAssertGreaterThan(grid.architecturesChecked, 1000)
        XCTAssertEqual(grid.contradictions.map { "\($0.contradiction.statement) on \($0.architecture.widths)" }, [])
        XCTAssertEqual(grid.withoutMachineForm.filter { !Self.outsideVocabulary.contains($0) }, [])
        XCTAssertEqual(grid.neverApplying.filter { !Self.outsideVocabulary.contains($0) }, [])
    }

    func testAuditGridCatchesAPlantedContradiction() {
        let planted = TestClaims.make([("planted", ["activation = exp", "bias"], ["identifiable(local)"])])
        let exp = ConsistencyGrid.architectures.filter { $0.activation == .exp }
        let grid = ConsistencyGrid.run(claims: Self.claims + planted, on: exp)
        let hit = grid.contradictions.first { $0.contradiction.traceTrue.contains("planted") }
        XCTAssertNotNil(hit)
        XCTAssertTrue(hit?.contradiction.traceFalse.contains("affine-activation-symmetry") ?? false)
    }
}
