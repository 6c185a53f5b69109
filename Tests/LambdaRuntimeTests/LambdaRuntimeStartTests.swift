import XCTest
@testable import LambdaRuntime

final class LambdaRuntimeStartTests: XCTestCase {
    struct ConfigMissing: Error, CustomStringConvertible {
        var description: String { "SCHEMA_FILE is not set" }
    }

    func testFailedInitIsReportedAndExitsNonZero() {
        let client = FakeRuntimeAPIClient([.success(invocation("never"))])
        var endpoints: [RuntimeAPIEndpoint] = []
        let log = TestLog()
        let status = LambdaRuntime.start(
            environment: LambdaEnvironment(["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "AWS_REGION": "eu-west-1"]),
            makeClient: { endpoints.append($0); return client },
            initialize: { _ throws -> ClosureHandler in throw ConfigMissing() },
            options: log.options())
        XCTAssertEqual(status, 1)
        XCTAssertEqual(endpoints.map(\.port), [9001])
        XCTAssertEqual(client.calls, [.initError(errorType: "ConfigMissing", errorMessage: "SCHEMA_FILE is not set")])
        XCTAssertTrue(log.lines.contains { $0.contains("SCHEMA_FILE is not set") })
    }

    func testInitializerSeesTheEnvironmentThenTheLoopRuns() {
        let client = FakeRuntimeAPIClient([.success(invocation("one", event: "hi"))])
        let status = LambdaRuntime.start(
            environment: LambdaEnvironment(["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "AWS_REGION": "eu-west-1", "GREETING": "hello "]),
            makeClient: { _ in client },
            initialize: { env in
                let prefix = Array((env["GREETING"] ?? "").utf8)
                return ClosureHandler { e, _ in prefix + e }
            },
            options: TestLog().options(limit: 1))
        XCTAssertEqual(status, 0)
        XCTAssertEqual(client.posts, [.respond(requestID: "one", body: Array("hello hi".utf8))])
    }

    func testMissingOrBadEndpointExitsWithoutCallingTheAPI() {
        for env in [[:], ["AWS_LAMBDA_RUNTIME_API": "https://x:1"]] {
            let log = TestLog()
            var made = 0
            let status = LambdaRuntime.start(
                environment: LambdaEnvironment(env),
                makeClient: { _ in made += 1; return FakeRuntimeAPIClient() },
                initialize: { _ in ClosureHandler { e, _ in e } }, options: log.options())
            XCTAssertEqual(status, 1)
            XCTAssertEqual(made, 0)
            XCTAssertTrue(log.lines.contains { $0.contains("AWS_LAMBDA_RUNTIME_API") }, "\(log.lines)")
        }
    }

    func testLoopEndingOnAnUnreachableAPIExitsNonZero() {
        let log = TestLog()
        let status = LambdaRuntime.start(
            environment: LambdaEnvironment(["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "AWS_REGION": "eu-west-1"]),
            makeClient: { _ in FakeRuntimeAPIClient() },
            initialize: { _ in ClosureHandler { e, _ in e } }, options: log.options())
        XCTAssertEqual(status, 1)
        XCTAssertTrue(log.lines.contains { $0.contains("runtimeAPIUnreachable") }, "\(log.lines)")
    }

    func testTheRuntimeNeedsNoRegionOfItsOwn() {
        // The environment is the function's to read: the runtime starts without AWS_REGION (a
        // function that does not sign needs none) and the initializer sees exactly what was set.
        let client = FakeRuntimeAPIClient([.success(invocation("one", event: "hi"))])
        var seenRegion: String?? = .none
        let status = LambdaRuntime.start(
            environment: LambdaEnvironment(["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"]),
            makeClient: { _ in client },
            initialize: { env in seenRegion = .some(env["AWS_REGION"]); return ClosureHandler { e, _ in e } },
            options: TestLog().options(limit: 1))
        XCTAssertEqual(status, 0)
        XCTAssertEqual(seenRegion, .some(nil))
        XCTAssertEqual(client.posts, [.respond(requestID: "one", body: Array("hi".utf8))])
    }

    func testRetryPolicyDecisions() {
        let policy = NextRetryPolicy(delaysMilliseconds: [10, 20])
        XCTAssertEqual(policy.decision(afterFailures: 1), .retry(afterMilliseconds: 10))
        XCTAssertEqual(policy.decision(afterFailures: 2), .retry(afterMilliseconds: 20))
        XCTAssertEqual(policy.decision(afterFailures: 3), .giveUp)
        XCTAssertEqual(NextRetryPolicy(delaysMilliseconds: []).decision(afterFailures: 1), .giveUp)
    }
}
