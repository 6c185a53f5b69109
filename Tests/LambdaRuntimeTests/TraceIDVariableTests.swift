import Foundation
import XCTest
@testable import LambdaRuntime

final class TraceIDVariableTests: XCTestCase {
    let variable = "ESPROXY_TEST_TRACE_ID"

    func value() -> String? { getenv(variable).map { String(cString: $0) } }

    func testSetsRewritesAndRemoves() {
        let v = TraceIDVariable(name: variable)
        v.set("Root=1-abc;Sampled=0")
        XCTAssertEqual(value(), "Root=1-abc;Sampled=0")
        v.set("Root=1-x")
        XCTAssertEqual(value(), "Root=1-x")
        let long = String(repeating: "L", count: 1000)
        v.set(long)
        XCTAssertEqual(value(), long)
        v.set(nil)
        XCTAssertNil(value())
        v.set("again")
        XCTAssertEqual(value(), "again")
    }

    func testManyDistinctValuesDoNotGrowTheEnvironment() {
        // setenv would keep every distinct string; the in-place buffer keeps one.
        let v = TraceIDVariable(name: variable)
        v.set("Root=1-start")
        let installed = getenv(variable)
        for i in 0..<10_000 { v.set("Root=1-5759e988-\(i);Parent=53995c3f42cd8ad8;Sampled=1") }
        XCTAssertEqual(getenv(variable), installed, "the same buffer serves every value")
        XCTAssertEqual(value(), "Root=1-5759e988-9999;Parent=53995c3f42cd8ad8;Sampled=1")
    }

    func testRemovedWhenTheLoopEnds() {
        do {
            let v = TraceIDVariable(name: variable)
            v.set("x")
        }
        XCTAssertNil(value())
    }
}
