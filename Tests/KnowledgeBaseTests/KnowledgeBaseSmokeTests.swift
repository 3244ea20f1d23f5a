import XCTest
@testable import KnowledgeBase

final class KnowledgeBaseSmokeTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
