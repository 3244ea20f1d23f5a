import XCTest
@testable import Literature

final class LiteratureSmokeTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
