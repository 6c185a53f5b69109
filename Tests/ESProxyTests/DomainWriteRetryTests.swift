import XCTest
@testable import ESProxy

final class DomainWriteRetryTests: XCTestCase {
    let policy = DomainWriteRetry()

    func testRetryableStatuses() {
        for s in [429, 502, 503, 504] { XCTAssertTrue(DomainWriteRetry.isRetryable(status: s), "\(s)") }
        for s in [200, 201, 400, 401, 403, 404, 409, 413, 500] { XCTAssertFalse(DomainWriteRetry.isRetryable(status: s), "\(s)") }
    }

    func testBackoffGrowsWithJitterAndCap() {
        let deadline: UInt64 = 1_000_000
        XCTAssertEqual(policy.decide(retriesSoFar: 0, nowMilliseconds: 0, deadlineMilliseconds: deadline, random: 0), .retry(afterMilliseconds: 0))
        XCTAssertEqual(policy.decide(retriesSoFar: 0, nowMilliseconds: 0, deadlineMilliseconds: deadline, random: 50), .retry(afterMilliseconds: 50))
        XCTAssertEqual(policy.decide(retriesSoFar: 0, nowMilliseconds: 0, deadlineMilliseconds: deadline, random: 51), .retry(afterMilliseconds: 0))
        XCTAssertEqual(policy.decide(retriesSoFar: 3, nowMilliseconds: 0, deadlineMilliseconds: deadline, random: 400), .retry(afterMilliseconds: 400))
        XCTAssertEqual(policy.decide(retriesSoFar: 3, nowMilliseconds: 0, deadlineMilliseconds: deadline, random: 401), .retry(afterMilliseconds: 0))
        XCTAssertEqual(policy.decide(retriesSoFar: 40, nowMilliseconds: 0, deadlineMilliseconds: deadline, random: 1000), .retry(afterMilliseconds: 1000))
        XCTAssertEqual(policy.decide(retriesSoFar: 40, nowMilliseconds: 0, deadlineMilliseconds: deadline, random: 1001), .retry(afterMilliseconds: 0))
    }

    func testGivesUpWhenNoAttemptFitsBeforeTheDeadline() {
        // 250 ms answer margin + 100 ms minimum attempt.
        XCTAssertEqual(policy.decide(retriesSoFar: 0, nowMilliseconds: 1000, deadlineMilliseconds: 1350, random: 0), .retry(afterMilliseconds: 0))
        XCTAssertEqual(policy.decide(retriesSoFar: 0, nowMilliseconds: 1000, deadlineMilliseconds: 1349, random: 0), .giveUp)
        XCTAssertEqual(policy.decide(retriesSoFar: 2, nowMilliseconds: 1000, deadlineMilliseconds: 1400, random: 60), .giveUp)
        XCTAssertEqual(policy.decide(retriesSoFar: 0, nowMilliseconds: 5000, deadlineMilliseconds: 1000, random: 0), .giveUp)
    }

    func testAttemptTimeout() {
        XCTAssertEqual(policy.attemptTimeout(nowMilliseconds: 0, deadlineMilliseconds: 10_000), 9_750)
        XCTAssertNil(policy.attemptTimeout(nowMilliseconds: 0, deadlineMilliseconds: 349))
        XCTAssertNil(policy.attemptTimeout(nowMilliseconds: 10_000, deadlineMilliseconds: 0))
    }
}
