import XCTest
@testable import LinearAlgebra

final class LinearAlgebraSmokeTests: XCTestCase {
    func testModuleLinks() {
        XCTAssertTrue(true)
    }
}
