import Foundation
import JSON
import XCTest
@testable import LambdaRuntime

final class LambdaRuntimeTests: XCTestCase {
    func testEchoesEachEventToItsResponse() throws {
        let client = FakeRuntimeAPIClient([.success(invocation("a", event: "one")), .success(invocation("b", event: "two"))])
        let log = TestLog()
        try LambdaRuntime.run(client: client, handler: ClosureHandler { event, ctx in
            Array("\(ctx.requestID):".utf8) + event
        }, options: log.options(limit: 2))
        XCTAssertEqual(client.calls, [
            .next, .respond(requestID: "a", body: Array("a:one".utf8)),
            .next, .respond(requestID: "b", body: Array("b:two".utf8)),
        ])
    }

    func testThrowingHandlerIsReportedAndTheLoopGoesOn() throws {
        let client = FakeRuntimeAPIClient([.success(invocation("bad")), .success(invocation("good"))])
        let log = TestLog()
        try LambdaRuntime.run(client: client, handler: ClosureHandler { _, ctx in
            if ctx.requestID == "bad" { throw HandlerFailure(why: "boom \"quoted\"") }
            return Array("ok".utf8)
        }, options: log.options(limit: 2))
        let expectedBody = #"{"errorMessage":"handler failed: boom \"quoted\"","errorType":"HandlerFailure","stackTrace":[]}"#
        XCTAssertEqual(client.posts, [
            .error(requestID: "bad", errorType: "HandlerFailure", errorMessage: "handler failed: boom \"quoted\"",
                   body: Array(expectedBody.utf8)),
            .respond(requestID: "good", body: Array("ok".utf8)),
        ])
        XCTAssertTrue(log.lines.contains { $0.contains("bad") && $0.contains("boom") }, "\(log.lines)")
    }

    func testFunctionErrorKeepsItsType() throws {
        let client = FakeRuntimeAPIClient([.success(invocation("x"))])
        try LambdaRuntime.run(client: client, handler: ClosureHandler { _, _ in
            throw FunctionError(errorType: "Gateway.BadInput", errorMessage: "no")
        }, options: TestLog().options(limit: 1))
        guard case .error(_, let type, let message, _) = client.posts.first else { return XCTFail("\(client.calls)") }
        XCTAssertEqual(type, "Gateway.BadInput")
        XCTAssertEqual(message, "no")
    }

    func testResponseAtTheLimitIsSentAndOneByteMoreIsAnError() throws {
        let limit = 6_291_556
        let client = FakeRuntimeAPIClient([.success(invocation("fits")), .success(invocation("over"))])
        try LambdaRuntime.run(client: client, handler: ClosureHandler { _, ctx in
            [UInt8](repeating: 0x61, count: ctx.requestID == "fits" ? limit : limit + 1)
        }, options: TestLog().options(limit: 2))
        XCTAssertEqual(client.posts.count, 2)
        guard case .respond("fits", let body) = client.posts[0] else { return XCTFail("first was not sent") }
        XCTAssertEqual(body.count, limit)
        guard case .error("over", let type, let message, _) = client.posts[1] else { return XCTFail("second was sent") }
        XCTAssertEqual(type, "Function.ResponseSizeTooLarge")
        XCTAssertTrue(message.contains("6291557"), message)
    }

    func testMissingRequestIDEndsTheLoop() {
        let client = FakeRuntimeAPIClient([.success(invocation("x", drop: "Lambda-Runtime-Aws-Request-Id"))])
        XCTAssertThrowsError(try LambdaRuntime.run(client: client, handler: ClosureHandler { e, _ in e },
                                                   options: TestLog().options(limit: 1))) { error in
            XCTAssertEqual((error as? RuntimeError)?.code, .missingRequestID)
        }
        XCTAssertEqual(client.posts, [])
    }

    func testMissingDeadlineIsReportedForThatRequestAndTheLoopGoesOn() throws {
        let client = FakeRuntimeAPIClient([
            .success(invocation("nodeadline", drop: "Lambda-Runtime-Deadline-Ms")), .success(invocation("fine")),
        ])
        var handled: [String] = []
        try LambdaRuntime.run(client: client, handler: ClosureHandler { _, ctx in
            handled.append(ctx.requestID); return []
        }, options: TestLog().options(limit: 2))
        XCTAssertEqual(handled, ["fine"])
        guard case .error("nodeadline", "Runtime.InvalidInvocation", let message, _) = client.posts.first else {
            return XCTFail("\(client.posts)")
        }
        XCTAssertTrue(message.hasPrefix("missingDeadline"), message)
    }

    func testUnreachableNextIsRetriedThenGivesUp() {
        let down = RuntimeError(.runtimeAPIUnreachable, "connection refused")
        let client = FakeRuntimeAPIClient([.failure(down), .failure(down), .failure(down), .failure(down)])
        let log = TestLog()
        XCTAssertThrowsError(try LambdaRuntime.run(client: client, handler: ClosureHandler { e, _ in e },
                                                   options: log.options())) { error in
            XCTAssertEqual((error as? RuntimeError)?.code, .runtimeAPIUnreachable)
            XCTAssertTrue("\(error)".contains("4 attempts"), "\(error)")
        }
        XCTAssertEqual(client.calls, [.next, .next, .next, .next])
        XCTAssertEqual(log.sleeps, [1, 2, 3])
    }

    func testDefaultNextRetriesPauseTenFiftyAndTwoHundredFiftyMilliseconds() {
        // The documented defaults (README, "The Lambda runtime"), on the fake clock: no real sleep.
        let down = RuntimeError(.runtimeAPIUnreachable, "connection refused")
        let client = FakeRuntimeAPIClient([.failure(down), .failure(down), .failure(down), .failure(down)])
        let clock = FakeClock(now: 1_700_000_000_000)
        XCTAssertThrowsError(try LambdaRuntime.run(client: client, handler: ClosureHandler { e, _ in e },
                                                   options: RuntimeOptions(clock: clock, log: { _ in })))
        XCTAssertEqual(clock.sleeps, [10, 50, 250])
        XCTAssertEqual(clock.now, 1_700_000_000_310)
        XCTAssertEqual(client.calls, [.next, .next, .next, .next])
    }

    func testBriefOutageIsRiddenOver() throws {
        let down = RuntimeError(.runtimeAPIUnreachable, "connection refused")
        let client = FakeRuntimeAPIClient([.failure(down), .failure(down), .success(invocation("later"))])
        let log = TestLog()
        try LambdaRuntime.run(client: client, handler: ClosureHandler { e, _ in e }, options: log.options(limit: 1))
        XCTAssertEqual(client.posts, [.respond(requestID: "later", body: Array("{}".utf8))])
        XCTAssertEqual(log.sleeps, [1, 2])
    }

    func testErrorStatusFromNextIsNotRetried() {
        let client = FakeRuntimeAPIClient([.failure(RuntimeError(.unexpectedStatus, "500")), .success(invocation("x"))])
        let log = TestLog()
        XCTAssertThrowsError(try LambdaRuntime.run(client: client, handler: ClosureHandler { e, _ in e },
                                                   options: log.options())) { error in
            XCTAssertEqual((error as? RuntimeError)?.code, .unexpectedStatus)
        }
        XCTAssertEqual(log.sleeps, [])
    }

    func testRefusedResultIsLoggedAndTheLoopGoesOn() throws {
        let client = FakeRuntimeAPIClient([.success(invocation("a")), .success(invocation("b"))])
        client.postFailure = RuntimeError(.unexpectedStatus, "POST answered 410")
        let log = TestLog()
        try LambdaRuntime.run(client: client, handler: ClosureHandler { e, _ in e }, options: log.options(limit: 2))
        XCTAssertEqual(client.posts.count, 2)
        XCTAssertEqual(log.lines.filter { $0.contains("410") }.count, 2)
    }

    func testUnansweredResultPostEndsTheLoop() {
        let client = FakeRuntimeAPIClient([.success(invocation("a")), .success(invocation("b"))])
        client.postFailure = RuntimeError(.runtimeAPIUnreachable, "gone")
        XCTAssertThrowsError(try LambdaRuntime.run(client: client, handler: ClosureHandler { e, _ in e },
                                                   options: TestLog().options(limit: 2)))
        XCTAssertEqual(client.posts.count, 1)
    }

    func testTraceIDIsPutInTheEnvironmentForEachInvocation() throws {
        let traced = invocation("t", extra: [("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")])
        let client = FakeRuntimeAPIClient([.success(traced), .success(invocation("u"))])
        var seen: [String?] = []
        try LambdaRuntime.run(client: client, handler: ClosureHandler { _, _ in
            seen.append(getenv("_X_AMZN_TRACE_ID").map { String(cString: $0) }); return []
        }, options: TestLog().options(limit: 2))
        XCTAssertEqual(seen, ["Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", nil])
    }

    func testRemainingTimeComesFromTheInjectedClock() throws {
        let client = FakeRuntimeAPIClient([.success(invocation("d", deadline: "1700000003500"))])
        var remaining: Int64 = 0
        try LambdaRuntime.run(client: client, handler: ClosureHandler { _, ctx in
            remaining = ctx.remainingMilliseconds; return []
        }, options: TestLog().options(limit: 1, clock: 1_700_000_001_000))
        XCTAssertEqual(remaining, 2500)
    }
}
