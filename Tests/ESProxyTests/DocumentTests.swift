import LambdaRuntime
import XCTest
@testable import ESProxy

final class DocumentTests: XCTestCase {
    func testTimestampFormat() {
        XCTAssertEqual(Timestamp.iso8601(unixMilliseconds: 0), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(unixMilliseconds: 951_782_400_007), "2000-02-29T00:00:00.007Z")
        XCTAssertEqual(Timestamp.iso8601(unixMilliseconds: 1_796_078_467_123), "2026-11-30T22:41:07.123Z")
        XCTAssertEqual(Timestamp.iso8601(unixMilliseconds: 4_102_444_799_999), "2099-12-31T23:59:59.999Z")
    }

    func testTimestampAgreesWithFoundationOverManyDays() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var ms: UInt64 = 0
        while ms < 5_000_000_000_000 {
            let expected = f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
            XCTAssertEqual(Timestamp.iso8601(unixMilliseconds: ms), expected)
            ms += 86_400_000 * 37 + 3_723_456
        }
    }

    func testUUID4ShapeAndRandomness() {
        let gen = DocumentIDGenerator(scheme: .uuid4, clock: SystemClock(), random: SystemRandom())
        var seen = Set<String>()
        for _ in 0..<1000 {
            let id = gen.next()
            XCTAssertTrue(Self.isCanonicalUUID(id, version: "4"), id)
            seen.insert(id)
        }
        XCTAssertEqual(seen.count, 1000)
    }

    func testUUID7CarriesTheClockAndSorts() {
        let gen = DocumentIDGenerator(scheme: .uuid7, clock: FakeClock(0x0123_4567_89AB), random: FixedRandom.repeating(0xFF))
        XCTAssertEqual(gen.next(), "01234567-89ab-7fff-bfff-ffffffffffff")
        let real = DocumentIDGenerator(scheme: .uuid7, clock: SystemClock(), random: SystemRandom())
        let a = real.next()
        usleep(2000)
        let b = real.next()
        XCTAssertTrue(Self.isCanonicalUUID(a, version: "7"))
        XCTAssertLessThan(a, b)
    }

    func testRandomBytesAreNotAllEqual() {
        var a = [UInt8](repeating: 0, count: 64), b = a
        SystemRandom().fill(&a)
        SystemRandom().fill(&b)
        XCTAssertNotEqual(a, b)
        XCTAssertGreaterThan(Set(a).count, 16)
    }

    static func isCanonicalUUID(_ s: String, version: Character) -> Bool {
        let chars = Array(s)
        guard chars.count == 36 else { return false }
        for (i, c) in chars.enumerated() {
            if [8, 13, 18, 23].contains(i) { if c != "-" { return false } } else if !"0123456789abcdef".contains(c) { return false }
        }
        return chars[14] == version && "89ab".contains(chars[19])
    }
}
