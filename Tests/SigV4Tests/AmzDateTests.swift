import Foundation
@testable import SigV4
import XCTest

final class AmzDateTests: XCTestCase {
    func testKnownInstants() throws {
        let cases: [(Int64, String)] = [
            (0, "19700101T000000Z"),
            (1_440_938_160, "20150830T123600Z"),  // the suites' signing time
            (951_782_400, "20000229T000000Z"),  // leap day of a century leap year
            (4_107_542_399, "21000228T235959Z"),  // 2100 is not a leap year
            (4_107_542_400, "21000301T000000Z"),
            (253_402_300_799, "99991231T235959Z"),
        ]
        for (seconds, text) in cases {
            let date = try AmzDate(epochSeconds: seconds)
            XCTAssertEqual(date.description, text, "\(seconds)")
            XCTAssertEqual(date.dateStamp, String(text.prefix(8)))
        }
    }

    func testAgreesWithFoundationAcrossTheRange() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let seconds = Int64.random(in: 0...4_102_444_800, using: &generator)  // up to 2100
            XCTAssertEqual(
                try AmzDate(epochSeconds: seconds).description,
                formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))), "\(seconds)")
        }
    }

    func testOutOfRangeTimesAreRefused() {
        for seconds: Int64 in [-1, 253_402_300_800, .max, .min] {
            XCTAssertThrowsError(try AmzDate(epochSeconds: seconds)) { error in
                XCTAssertEqual((error as? SigV4Error)?.code, .invalidTime)
            }
        }
    }

    func testNowIsCloseToFoundationsClock() throws {
        let now = try AmzDate.now()
        XCTAssertLessThan(abs(Double(now.epochSeconds) - Date().timeIntervalSince1970), 5)
    }
}
