import Foundation
import XCTest
@testable import LambdaRuntime

final class LambdaContextTests: XCTestCase {
    let clock = FakeClock(now: 1_700_000_000_000)

    func testReadsEveryHeaderRegardlessOfCase() throws {
        let inv = Invocation(event: [], headers: [
            ("lambda-runtime-aws-request-id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd"),
            ("LAMBDA-RUNTIME-DEADLINE-MS", "1542409706888"),
            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime"),
            ("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"),
            ("Lambda-Runtime-Client-Context", #"{"client":{}}"#),
            ("Lambda-Runtime-Cognito-Identity", #"{"cognitoIdentityId":"x"}"#),
        ])
        let ctx = try LambdaContext(invocation: inv, clock: clock)
        XCTAssertEqual(ctx.requestID, "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        XCTAssertEqual(ctx.deadlineMilliseconds, 1_542_409_706_888)
        XCTAssertEqual(ctx.invokedFunctionARN, "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime")
        XCTAssertEqual(ctx.traceID, "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
        XCTAssertEqual(ctx.clientContext, #"{"client":{}}"#)
        XCTAssertEqual(ctx.cognitoIdentity, #"{"cognitoIdentityId":"x"}"#)
    }

    func testOptionalHeadersMayBeAbsent() throws {
        let ctx = try LambdaContext(invocation: invocation("r"), clock: clock)
        XCTAssertNil(ctx.traceID)
        XCTAssertNil(ctx.clientContext)
        XCTAssertNil(ctx.cognitoIdentity)
    }

    func testEachMissingRequiredHeaderHasItsOwnError() {
        let cases: [(String, RuntimeError.Code)] = [
            ("Lambda-Runtime-Aws-Request-Id", .missingRequestID),
            ("Lambda-Runtime-Deadline-Ms", .missingDeadline),
            ("Lambda-Runtime-Invoked-Function-Arn", .missingInvokedFunctionARN),
        ]
        for (header, code) in cases {
            XCTAssertThrowsError(try LambdaContext(invocation: invocation("r", drop: header), clock: clock)) { error in
                XCTAssertEqual((error as? RuntimeError)?.code, code, header)
                XCTAssertTrue("\(error)".contains(header), "\(error)")
            }
        }
    }

    func testMalformedDeadlineIsRefused() {
        for bad in ["", "soon", "-5", "1.5e12", "12345678901234567890", "0x10"] {
            XCTAssertThrowsError(try LambdaContext(invocation: invocation("r", deadline: bad), clock: clock), bad) { error in
                XCTAssertEqual((error as? RuntimeError)?.code, .invalidDeadline, bad)
            }
        }
    }

    func testRemainingTimeIsNegativeAfterTheDeadline() throws {
        let ctx = try LambdaContext(invocation: invocation("r", deadline: "1699999999000"), clock: clock)
        XCTAssertEqual(ctx.remainingMilliseconds, -1000)
    }

    func testSystemClockIsNearFoundationsClock() {
        let foundation = Int64(Date().timeIntervalSince1970 * 1000)
        let ours = Int64(SystemClock().unixMilliseconds())
        // A wrong unit or epoch is off by orders of magnitude; a minute is generous.
        XCTAssertLessThan(abs(ours - foundation), 60_000)
    }

    func testSystemClockSleepsAndMeasuresMonotonically() {
        let clock = SystemClock()
        let start = clock.monotonicNanoseconds()
        clock.sleep(milliseconds: 20)
        let elapsed = clock.milliseconds(since: start)
        XCTAssertGreaterThanOrEqual(elapsed, 20)
        XCTAssertLessThan(elapsed, 5_000)
    }
}
