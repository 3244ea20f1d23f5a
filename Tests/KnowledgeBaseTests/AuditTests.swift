import XCTest
@testable import KnowledgeBase

final class AuditTests: XCTestCase {
    func testPlantedAnomaliesAreFound() throws {
        let kb = try GraphFixtures.plantedBase()
        let findings = try kb.audit(AuditOptions(executableChecks: ["stated-check"]))
        func has(_ kind: AuditKind, _ subject: String) -> Bool {
            findings.contains { $0.kind == kind && $0.subject == subject }
        }
        let stub = try XCTUnwrap(kb.allWorks().first(where: \.isStub)?.key)
        XCTAssertTrue(has(.anachronisticCitation, "Mat01 -> VB21"))
        XCTAssertFalse(has(.anachronisticCitation, "HOST -> VB21"), "2020 citing 2021 is within the tolerance")
        XCTAssertTrue(has(.probableDuplicate, "DUP1 = DUP2"))
        XCTAssertTrue(has(.claimWithoutSource, "sourceless"))
        XCTAssertTrue(has(.checkWithoutClaim, "orphan-check"))
        XCTAssertTrue(has(.edgeToStub, stub))
        XCTAssertTrue(has(.unverifiedEdge, "HOST -> VB21"))
        XCTAssertTrue(has(.unverifiedWork, "HOST"))
        XCTAssertTrue(has(.unverifiedClaim, "sourceless"))
        XCTAssertFalse(findings.contains { $0.kind == .claimWithoutCheck }, "stated-check is runnable here")
        XCTAssertTrue(has(.claimWithoutMachineForm, "sourceless"))
        XCTAssertEqual(findings.count, 9, findings.map { "\($0.kind.rawValue) \($0.subject)" }.joined(separator: "\n"))
        XCTAssertEqual(findings.first?.severity, .error, "errors first")
        XCTAssertEqual(findings.filter { $0.severity == .error }.count, 3)
    }

    func testToleranceAndChecksOptions() throws {
        let kb = try GraphFixtures.plantedBase()
        let strict = try kb.audit(AuditOptions(preprintToleranceYears: 0, executableChecks: ["stated-check"]))
        XCTAssertTrue(strict.contains { $0.kind == .anachronisticCitation && $0.subject == "HOST -> VB21" })
        // Without a list, only checks registered with a description count; ingest registered stated-check bare.
        let defaults = try kb.audit()
        XCTAssertEqual(Set(defaults.filter { $0.kind == .claimWithoutCheck }.map(\.subject)), ["sourceless", "stated"])
    }

    func testCleanBaseIsClean() throws {
        XCTAssertEqual(try GraphFixtures.cleanBase().audit(), [])
    }

    func testArxivDOIDuplicate() throws {
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        _ = try kb.ingest([(path: "d.bib", result: .init(works: [
            Fixtures.work("P", "Preprint title", authors: [("A", "Alpha")], year: 2020, doi: "10.48550/arXiv.2006.11727"),
            Fixtures.work("Q", "Journal title", authors: [("B", "Beta")], year: 2021, arxiv: "2006.11727"),
        ]))])
        XCTAssertEqual(try kb.audit().map(\.subject), ["P = Q"])
    }
}
