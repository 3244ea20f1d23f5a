import XCTest
@testable import Claims

final class ClaimsSmokeTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
