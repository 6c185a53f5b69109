import Glibc
import XCTest
@testable import LambdaRuntime

/// The libcurl client against a real port that nothing listens on. (Round trips against a
/// serving Runtime API run in scripts/tests/test_runtime_emulator.py.)
final class CurlRuntimeAPIClientTests: XCTestCase {
    /// A loopback port that was free a moment ago: bound, read back, closed.
    func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        XCTAssertTrue(bound)
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    func testEveryCallToAClosedPortIsUnreachable() throws {
        let client = try CurlRuntimeAPIClient(endpoint: RuntimeAPIEndpoint(parsing: "127.0.0.1:\(try closedPort())"))
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
            environment: LambdaEnvironment(["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(try closedPort())", "AWS_REGION": "eu-west-1"]),
            makeClient: { endpoint throws(RuntimeError) in try CurlRuntimeAPIClient(endpoint: endpoint) },
            initialize: { _ in ClosureHandler { e, _ in e } },
            options: log.options(retry: NextRetryPolicy(delaysMilliseconds: [1, 1])))
        XCTAssertEqual(status, 1)
        XCTAssertEqual(log.sleeps, [1, 1])
        XCTAssertTrue(log.lines.contains { $0.contains("runtimeAPIUnreachable") && $0.contains("3 attempts") }, "\(log.lines)")
    }
}
