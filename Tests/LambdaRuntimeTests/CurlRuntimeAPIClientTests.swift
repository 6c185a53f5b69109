import Glibc
import TestSupport
import XCTest
@testable import LambdaRuntime

/// The libcurl client against a real port that nothing listens on. (Round trips against a
/// serving Runtime API run in scripts/tests/test_runtime_emulator.py.)
final class CurlRuntimeAPIClientTests: XCTestCase {
    func testEveryCallToAClosedPortIsUnreachable() throws {
        let client = try CurlRuntimeAPIClient(endpoint: RuntimeAPIEndpoint(parsing: "127.0.0.1:\(try LoopbackPort.closed())"))
        let calls: [() throws -> Void] = [
            { _ = try client.next() },
            { try client.respond(requestID: "r", body: []) },
            { try client.reportError(requestID: "r", error: FunctionError(errorType: "T", errorMessage: "m")) },
            { try client.reportInitError(FunctionError(errorType: "T", errorMessage: "m")) },
        ]
        for call in calls {
            XCTAssertThrowsError(try call()) { error in
                XCTAssertEqual((error as? RuntimeError)?.code, .runtimeAPIUnreachable, "\(error)")
            }
        }
    }

    func testLoopAgainstAClosedPortRetriesThenExitsNonZero() throws {
        let log = TestLog()
        let status = LambdaRuntime.start(
            environment: LambdaEnvironment(["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(try LoopbackPort.closed())", "AWS_REGION": "eu-west-1"]),
            makeClient: { endpoint throws(RuntimeError) in try CurlRuntimeAPIClient(endpoint: endpoint) },
            initialize: { _ in ClosureHandler { e, _ in e } },
            options: log.options(retry: NextRetryPolicy(delaysMilliseconds: [1, 1])))
        XCTAssertEqual(status, 1)
        XCTAssertEqual(log.sleeps, [1, 1])
        XCTAssertTrue(log.lines.contains { $0.contains("runtimeAPIUnreachable") && $0.contains("3 attempts") }, "\(log.lines)")
    }
}
