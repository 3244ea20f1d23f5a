import XCTest
@testable import Claims

/// Runs a check and asserts the parts every new-kind check shares: status, every control detected.
func runNewKindCheck(_ id: String, _ overrides: CheckParameters = CheckParameters(), expect status: CheckStatus = .passed,
                     file: StaticString = #filePath, line: UInt = #line) -> CheckReport {
    let report = ClaimRegistry.run(checkID: id, overrides: overrides)
    XCTAssertEqual(report.status, status, "\(id): \(report.reason ?? "")", file: file, line: line)
    if status == .passed {
        XCTAssertFalse(report.controls.isEmpty, file: file, line: line)
        for control in report.controls { XCTAssertTrue(control.detected, "\(id): control \(control.name)", file: file, line: line) }
    }
    return report
}

func intMetric(_ report: CheckReport, _ name: String) -> Int? {
    if case .int(let v)? = report.metrics[name] { return v }
    return nil
}

func doubleMetric(_ report: CheckReport, _ name: String) -> Double? {
    switch report.metrics[name] {
    case .double(let v)?: return v
    case .int(let v)?: return Double(v)
    default: return nil
    }
}
