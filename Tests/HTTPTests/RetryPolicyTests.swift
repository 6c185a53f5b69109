import CCurl
@testable import HTTP
import XCTest

final class RetryPolicyTests: XCTestCase {
    private func attempt(_ code: CURLcode, reused: Bool = true, bytes: Bool = false, number: Int = 1) -> RetryPolicy.Attempt {
        .init(curlCode: code, reusedConnection: reused, receivedResponseBytes: bytes, number: number)
    }

    func testDeadReusedConnectionIsRetriedOnce() {
        let policy = RetryPolicy()
        for code in [CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING] {
            XCTAssertTrue(policy.shouldRetry(attempt(code)), "\(code)")
            XCTAssertFalse(policy.shouldRetry(attempt(code, number: 2)), "only one retry: \(code)")
        }
    }

    func testNoRetryAfterAnyResponseByte() {
        XCTAssertFalse(RetryPolicy().shouldRetry(attempt(CURLE_RECV_ERROR, bytes: true)))
        XCTAssertFalse(RetryPolicy().shouldRetry(attempt(CURLE_PARTIAL_FILE, bytes: true)))
    }

    func testNoRetryOnFreshConnection() {
        XCTAssertFalse(RetryPolicy().shouldRetry(attempt(CURLE_GOT_NOTHING, reused: false)))
    }

    func testOtherFailuresAreNotRetried() {
        for code in [CURLE_OPERATION_TIMEDOUT, CURLE_COULDNT_CONNECT, CURLE_PEER_FAILED_VERIFICATION, CURLE_COULDNT_RESOLVE_HOST, CURLE_PARTIAL_FILE] {
            XCTAssertFalse(RetryPolicy().shouldRetry(attempt(code)), "\(code)")
        }
    }
}
