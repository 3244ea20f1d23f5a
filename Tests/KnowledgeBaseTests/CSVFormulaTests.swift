import XCTest
@testable import KnowledgeBase

/// OWASP "CSV Injection": the six trigger characters, and numbers that are not formulas.
final class CSVFormulaTests: XCTestCase {
    func testEveryTriggerIsNeutralisedAndNumbersAreNot() {
        for cell in ["=1+1", "+A1", "-A1", "@SUM(A1)", "\tcmd", "\rcmd", "-", "+", "=", "-1e", "+.", "--1"] {
            XCTAssertEqual(CSVFormula.neutralized(cell), "'" + cell, cell)
        }
        for cell in ["-3", "+1.5", "-0.25e-3", "12", "-.5", "title = x", "a-b", "'quoted", ""] {
            XCTAssertEqual(CSVFormula.neutralized(cell), cell, cell)
        }
    }

    func testCSVWriterQuotesNeutralisedCells() throws {
        let path = Fixtures.temporaryDatabasePath() + ".csv"
        let sink = try ExportOutput(path: path)
        sink.writeCSVField("=cmd|' /C calc'!A0")
        sink.writeASCII(",")
        sink.writeCSVField("-7")
        try sink.finish()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "\"'=cmd|' /C calc'!A0\",-7")
    }
}
