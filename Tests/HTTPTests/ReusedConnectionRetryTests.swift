import CCurl
@testable import HTTP
import XCTest

final class ReusedConnectionRetryTests: XCTestCase {
    private func failure(_ code: CURLcode, reused: Bool = true, bytes: Bool = false) -> TransferFailure {
        .init(curlCode: code, reusedConnection: reused, receivedResponseBytes: bytes, detail: "")
    }

    func testDeadReusedConnectionIsRetriedOnce() {
        let policy = ReusedConnectionRetry()
        for code in [CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING] {
            XCTAssertTrue(policy.shouldRetry(failure(code), attempt: 1), "\(code)")
            XCTAssertFalse(policy.shouldRetry(failure(code), attempt: 2), "only one retry: \(code)")
        }
    }

    func testNoRetryAfterAnyResponseByte() {
        XCTAssertFalse(ReusedConnectionRetry().shouldRetry(failure(CURLE_RECV_ERROR, bytes: true), attempt: 1))
        XCTAssertFalse(ReusedConnectionRetry().shouldRetry(failure(CURLE_PARTIAL_FILE, bytes: true), attempt: 1))
    }

    func testNoRetryOnFreshConnection() {
        XCTAssertFalse(ReusedConnectionRetry().shouldRetry(failure(CURLE_GOT_NOTHING, reused: false), attempt: 1))
    }

    func testOtherFailuresAreNotRetried() {
        for code in [CURLE_OPERATION_TIMEDOUT, CURLE_COULDNT_CONNECT, CURLE_PEER_FAILED_VERIFICATION, CURLE_COULDNT_RESOLVE_HOST, CURLE_PARTIAL_FILE] {
            XCTAssertFalse(ReusedConnectionRetry().shouldRetry(failure(code), attempt: 1), "\(code)")
        }
    }

    func testRunResendsOnFreshConnectionThenSucceeds() {
        var calls: [Bool] = []
        let (result, retries) = ReusedConnectionRetry().run { fresh -> Result<Int, TransferFailure> in
            calls.append(fresh)
            return calls.count == 1 ? .failure(failure(CURLE_SEND_ERROR)) : .success(200)
        }
        XCTAssertEqual(calls, [false, true])
        XCTAssertEqual(try result.get(), 200)
        XCTAssertEqual(retries, 1)
    }

    func testRunGivesUpAfterTheSecondFailure() {
        var calls = 0
        let (result, retries) = ReusedConnectionRetry().run { _ -> Result<Int, TransferFailure> in
            calls += 1
            return .failure(failure(CURLE_GOT_NOTHING))
        }
        XCTAssertEqual(calls, 2)
        XCTAssertEqual(retries, 1)
        XCTAssertEqual(result, .failure(failure(CURLE_GOT_NOTHING)))
    }

    func testRunReportsFirstFailureWhenNotRetryable() {
        var calls = 0
        let (result, retries) = ReusedConnectionRetry().run { _ -> Result<Int, TransferFailure> in
            calls += 1
            return .failure(failure(CURLE_RECV_ERROR, bytes: true))
        }
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(retries, 0)
        XCTAssertEqual(result, .failure(failure(CURLE_RECV_ERROR, bytes: true)))
    }
}
