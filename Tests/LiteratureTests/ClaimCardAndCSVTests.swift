import XCTest
@testable import Literature

final class ClaimCardParserTests: XCTestCase {
    private let card = """
        # a comment
        id: relu-local-identifiability
        title: Local identifiability of a ReLU network
        check: relu-local-identifiability
        architectures: mlp
        activations: relu, leaky-relu
        depth: any
        status: unverified
        defaults: widths=2,3,1; activation=relu; seed=1
        source: BMB22 | Theorem 8 and Theorem 9
        source: SG22 | Section 4 | related condition
        statement:
          First line of the statement
          continues here.
        hypotheses:
          - one hypothesis
          - another one
            wrapped
        """

    func testFullCard() throws {
        let result = ClaimCardParser.parse(card, file: "x.claim")
        XCTAssertEqual(result.diagnostics, [])
        let claim = try XCTUnwrap(result.claims.first)
        XCTAssertEqual(claim.id, "relu-local-identifiability")
        XCTAssertEqual(claim.title, "Local identifiability of a ReLU network")
        XCTAssertEqual(claim.check, "relu-local-identifiability")
        XCTAssertEqual(claim.architectures, ["mlp"])
        XCTAssertEqual(claim.activations, ["relu", "leaky-relu"])
        XCTAssertEqual(claim.depth, "any")
        XCTAssertFalse(claim.verified)
        XCTAssertEqual(claim.defaults, ["widths": "2,3,1", "activation": "relu", "seed": "1"])
        XCTAssertEqual(claim.sources, [ClaimSource(workKey: "BMB22", locator: "Theorem 8 and Theorem 9"),
                                       ClaimSource(workKey: "SG22", locator: "Section 4", note: "related condition")])
        XCTAssertEqual(claim.statement, "First line of the statement continues here.")
        XCTAssertEqual(claim.hypotheses, ["one hypothesis", "another one wrapped"])
        XCTAssertEqual(claim.location, SourceLocation(file: "x.claim", line: 2, column: 1))
    }

    func testErrors() {
        let text = """
            id: Bad_Id
            colour: blue
            source: BMB22
            defaults: seed=1; widths
            depth: medium
            activations: relu, swish
            just text
            """
        let result = ClaimCardParser.parse(text, file: "b.claim")
        XCTAssertEqual(result.claims, [])
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "b.claim:2:1: error: unknown header 'colour'",
            "b.claim:3:9: error: bad source line: expected 'KEY | locator | optional note'",
            "b.claim:7:1: error: expected 'name: value'",
            "b.claim:1:1: error: missing required field 'title'",
            "b.claim:1:1: error: missing required field 'statement'",
            "b.claim:1:1: error: missing required field 'check'",
            "b.claim:1:5: error: invalid id 'Bad_Id': expected lower-case words joined by '-'",
            "b.claim:5:8: error: invalid depth 'medium': expected shallow, deep or any",
            "b.claim:6:14: error: unknown activation 'swish'",
            "b.claim:4:19: error: malformed defaults: expected 'name=value' pairs separated by ';'",
        ])
    }

    func testIndentedLineOutsideBlock() {
        let result = ClaimCardParser.parse("id: a\n  stray\n", file: "c.claim")
        XCTAssertTrue(result.diagnostics.map(\.description).contains(
            "c.claim:2:3: error: indented line outside 'statement', 'hypotheses' or 'deduction'"))
    }
}

final class CitationListParserTests: XCTestCase {
    func testRows() {
        let text = "citing,cited,relation,source,status\r\nBMB22,VB21,cites,reference list of BMB22,verified\n"
            + "\"SE1\",VB21,recommends,\"MaRDI page of VB21 (\"\"Cited in\"\"), line\nbreak\",unverified\n\n"
        let result = CitationListParser.parse(text, file: "c.csv")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.citations.count, 2)
        XCTAssertEqual(result.citations[0].citing, WorkReference(key: "BMB22"))
        XCTAssertEqual(result.citations[0].cited, WorkReference(key: "VB21"))
        XCTAssertEqual(result.citations[0].location, SourceLocation(file: "c.csv", line: 2, column: 1))
        XCTAssertTrue(result.citations[0].verified)
        XCTAssertEqual(result.citations[1].relation, "recommends")
        XCTAssertEqual(result.citations[1].source, "MaRDI page of VB21 (\"Cited in\"), line\nbreak")
        XCTAssertFalse(result.citations[1].verified)
        XCTAssertEqual(result.citations[1].location.line, 3)
    }

    func testErrors() {
        let text = "citing,cited,relation,source,status\nA,B,cites,s\nA,,cites,s,verified\nA,B,likes,s,verified\n"
            + "A,B,cites,s,maybe\nA,B,cites,s,verified\n"
        let result = CitationListParser.parse(text, file: "c.csv")
        XCTAssertEqual(result.citations.count, 1)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "c.csv:2:1: error: expected 5 fields (citing,cited,relation,source,status), found 4",
            "c.csv:3:3: error: empty 'cited' field",
            "c.csv:4:5: error: unknown relation 'likes': expected cites or recommends",
            "c.csv:5:13: error: unknown status 'maybe': expected verified or unverified",
        ])
        XCTAssertEqual(CitationListParser.parse("a,b\n", file: "c.csv").diagnostics.map(\.description),
                       ["c.csv:1:1: error: missing header: expected 'citing,cited,relation,source,status'"])
        XCTAssertEqual(CitationListParser.parse("citing,cited,relation,source,status\nA,\"B,cites\n", file: "c.csv")
                        .diagnostics.map(\.description), ["c.csv:2:3: error: unterminated quoted field"])
    }
}
