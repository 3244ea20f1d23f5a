import XCTest
@testable import Networks

final class NetworksSmokeTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
