import Deduction
import Literature
import XCTest

/// The machine-readable syntax: round trips, and errors located at file:line:col.
final class SyntaxTests: XCTestCase {
    func testEveryFormPrintsBackAsItself() throws {
        let lines = [
            "kind = mlp", "kind in cnn, mlp", "activation = leaky-relu", "activation in relu, tanh", "activation.odd",
            "not activation.tanh-type", "bias", "no-bias", "widths non-increasing", "assume no-dead-units",
            "N * nL >= P - H", "r * (n0 + nL - r) + B * nL = 14", "min-hidden-width >= 2", "L = 1",
            "symmetry(continuous, dim = GL)", "generic-rank <= P - H", "identifiable(global, modulo = signed-permutation)",
            "identifiable(local, from-sample, modulo = rescaling)", "not identifiable(local)",
            "counterexample(local-not-global)", "symmetries-exhaustive", "factorisation(path-lifting)",
        ]
        for line in lines {
            XCTAssertEqual(try MachineSyntax.hypothesis(line).description, line)
        }
        XCTAssertEqual(try MachineSyntax.hypothesis("not-identifiable(local)").description, "not identifiable(local)")
        XCTAssertEqual(try MachineSyntax.conclusion("identifiable(local, from-sample) by-check").byCheck, true)
    }

    func testExpressionsEvaluateWithPrecedence() throws {
        // (3,2,4) with biases: P = 3·2 + 2 + 2·4 + 4 = 20, H = 2, r = 2, n0 = 3, nL = 4.
        let a = Architecture(kind: .mlp, widths: [3, 2, 4], activation: .linear)
        guard case .comparison(let x, _, _) = try MachineSyntax.hypothesis("r * (n0 + nL - r) + B * nL = 0").atom,
              case .comparison(let y, _, _) = try MachineSyntax.hypothesis("P - H - 1 = 0").atom else {
            return XCTFail("expected comparisons")
        }
        XCTAssertEqual(x.value(on: a), 2 * (3 + 4 - 2) + 4)
        XCTAssertEqual(y.value(on: a), 17)  // left-associative: (20 - 2) - 1
    }

    func testSyntaxErrorsPointAtTheOffendingText() {
        let cases: [(String, Int, String)] = [
            ("activation.oddd", 11, "unknown activation property 'oddd'"),
            ("kind = transformer", 7, "unknown architecture kind"),
            ("N * nL >= P-H", 10, "put spaces around '-'"),
            ("assume smooth", 7, "unknown assumption"),
            ("activation = mish", 13, "unknown activation 'mish'"),
            ("frobnicate", 0, "unknown predicate"),
        ]
        for (text, offset, message) in cases {
            XCTAssertThrowsError(try MachineSyntax.hypothesis(text), text) { error in
                let e = error as? MachineSyntaxError
                XCTAssertEqual(e?.offset, offset, text)
                XCTAssertTrue(e?.message.contains(message) ?? false, "\(text): \(String(describing: e))")
            }
        }
        XCTAssertThrowsError(try MachineSyntax.conclusion("kind = mlp")) { error in
            XCTAssertTrue((error as? MachineSyntaxError)?.message.contains("must be a fact") ?? false)
        }
    }

    func testCardParserReportsFileLineColumn() {
        let card = """
            id: demo
            title: Demo
            check: demo
            statement:
              Something.
            deduction:
              rule: first
                if: kind = mlp
                if: activation.oddd
                then: symmetry(permutation)
              rule: second
                if: L >= 1
                then: identifiable(local, modulo = foo)
            """
        let result = ClaimCardParser.parse(card, file: "demo.claim")
        let messages = result.diagnostics.map { "\($0.location.line):\($0.location.column)" }
        // Line 9 "    if: activation.oddd": 'oddd' starts at column 4 + 4 + 11 + 1 = 20.
        // Line 13 "    then: identifiable(local, modulo = foo)": 'foo' at column 4 + 6 + 29 + 1 = 40.
        XCTAssertEqual(messages, ["9:20", "13:40"], "\(result.diagnostics)")
        XCTAssertTrue(result.claims.isEmpty)
    }

    func testCardParserAcceptsAndStoresTheForm() throws {
        let card = """
            id: demo
            title: Demo
            check: demo
            statement:
              Something.
            deduction:
              if: kind = mlp
              then: symmetry(permutation)
            """
        let result = ClaimCardParser.parse(card, file: "demo.claim")
        XCTAssertTrue(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let form = try XCTUnwrap(result.claims.first?.machineForm)
        XCTAssertEqual(form.rules.count, 1)
        // JSON round trip, as the database stores it.
        let data = try JSONEncoder().encode(form)
        XCTAssertEqual(try JSONDecoder().decode(MachineForm.self, from: data), form)
    }

    func testSeveralRulesNeedLabels() {
        let card = "id: demo\ntitle: Demo\ncheck: demo\nstatement:\n  S.\ndeduction:\n  if: L >= 1\n  then: symmetry(permutation)\n"
            + "  rule: second\n  if: L >= 1\n  then: symmetry(permutation)\n"
        let result = ClaimCardParser.parse(card, file: "demo.claim")
        XCTAssertTrue(result.diagnostics.contains { $0.message.contains("each needs 'rule: LABEL'") }, "\(result.diagnostics)")
    }
}
