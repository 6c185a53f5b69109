@testable import JSON
import XCTest

final class NumberTests: XCTestCase {
    private func n(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONNumber {
        guard let v = JSONNumber(text) else {
            XCTFail("not a number: \(text)", file: file, line: line)
            return JSONNumber(0)
        }
        return v
    }

    func testGrammarOfInit() {
        for good in ["0", "-0", "1.5", "1e5", "1E-5", "-0.0e+0", "123456789012345678901234567890"] {
            XCTAssertNotNil(JSONNumber(good), good)
        }
        for bad in ["", "-", "01", "+1", ".5", "1.", "1e", "1e+", "NaN", "Infinity", " 1", "1 ", "0x1", "1e100000001"] {
            XCTAssertNil(JSONNumber(bad), bad)
        }
    }

    func testEqualityIsByValue() {
        XCTAssertEqual(n("1"), n("1.0"))
        XCTAssertEqual(n("1"), n("10e-1"))
        XCTAssertEqual(n("100"), n("1e2"))
        XCTAssertEqual(n("0"), n("-0.0"))
        XCTAssertEqual(n("0.00120"), n("1.2e-3"))
        XCTAssertNotEqual(n("1"), n("-1"))
        XCTAssertNotEqual(n("9007199254740993"), n("9007199254740992"))
        XCTAssertEqual(n("1.10").literal, "1.10")
        XCTAssertEqual(n("1.10").hashValue, n("1.1").hashValue)
    }

    func testOrdering() {
        let ascending = ["-1e10", "-100", "-2.5", "-2.05", "-1", "-0.001", "0", "1e-300", "0.1", "0.11", "1",
                         "1.0000000000000000000001", "2", "10", "99", "100", "1e20", "123456789012345678901234567890",
                         "1e100000000"]
        for (i, a) in ascending.enumerated() {
            for (j, b) in ascending.enumerated() {
                XCTAssertEqual(n(a) < n(b), i < j, "\(a) < \(b)")
                XCTAssertEqual(n(a) == n(b), i == j, "\(a) == \(b)")
            }
        }
        XCTAssertFalse(n("-0") < n("0"))
        XCTAssertFalse(n("0") < n("-0"))
    }

    func testIntegerAndIntValue() {
        XCTAssertTrue(n("1.0").isInteger)
        XCTAssertTrue(n("1e3").isInteger)
        XCTAssertTrue(n("-0.0").isInteger)
        XCTAssertFalse(n("1.5").isInteger)
        XCTAssertFalse(n("1e-1").isInteger)
        XCTAssertEqual(n("12e2").intValue, 1200)
        XCTAssertEqual(n("-9223372036854775808").intValue, Int.min)
        XCTAssertEqual(n("9223372036854775807").intValue, Int.max)
        XCTAssertNil(n("9223372036854775808").intValue)
        XCTAssertNil(n("1.5").intValue)
        XCTAssertEqual(JSONNumber(-42).literal, "-42")
    }

    func testIsMultipleOf() {
        let yes: [(String, String)] = [
            ("0.0075", "0.0001"), ("1e308", "0.5"), ("9", "3"), ("-9", "3"), ("0", "7"), ("-0.0", "0.1"),
            ("0.3", "0.1"), ("1.5", "0.5"), ("3", "1.5"), ("1e-5", "1e-6"), ("10", "10"), ("4", "0.0001"),
            ("1e100000000", "2"), ("1e100000000", "1.6e-5"), ("19.99", "0.01"), ("-7.5", "2.5"),
            ("18446744073709551615", "5"), ("29999999999999999997", "9999999999999999999"),
            ("123456789012345678901234567890", "10"), ("1e-100000000", "1e-100000000"),
        ]
        let no: [(String, String)] = [
            ("4.5", "2"), ("10", "3"), ("0.30000000000000004", "0.1"), ("1e-6", "1e-5"), ("1", "2"),
            ("-1", "2"), ("1e100000000", "3"), ("1e100000000", "7"), ("0.5", "1"), ("1e-100000000", "1"),
            ("29999999999999999998", "9999999999999999999"), ("18446744073709551616", "18446744073709551615"),
            ("123456789012345678901234567891", "10"), ("19.999", "0.01"),
        ]
        for (a, d) in yes { XCTAssertTrue(n(a).isMultiple(of: n(d)), "\(a) multiple of \(d)") }
        for (a, d) in no { XCTAssertFalse(n(a).isMultiple(of: n(d)), "\(a) not multiple of \(d)") }
    }

    func testIsMultipleOfWithLongDivisors() {
        let d = "1234567890123456789012345"
        XCTAssertTrue(n("3703703670370370367037035").isMultiple(of: n(d)))
        XCTAssertTrue(n("3703703670370370367037035e7").isMultiple(of: n(d)))
        XCTAssertTrue(n("-370370367037037036703703.5").isMultiple(of: n("123456789012345678901234.5")))
        XCTAssertFalse(n("3703703670370370367037036").isMultiple(of: n(d)))
        XCTAssertFalse(n("3703703670370370367037035e-1").isMultiple(of: n(d)))
        XCTAssertFalse(n("1234567890123456789012344").isMultiple(of: n(d)))
        // 2^70 and 5^30: the powers of 2 and 5 decide, whatever the exponent.
        XCTAssertTrue(n("1e70").isMultiple(of: n("1180591620717411303424")))
        XCTAssertFalse(n("1e69").isMultiple(of: n("1180591620717411303424")))
        XCTAssertTrue(n("1e100000000").isMultiple(of: n("1180591620717411303424")))
        XCTAssertTrue(n("1e30").isMultiple(of: n("931322574615478515625")))
        XCTAssertFalse(n("1e29").isMultiple(of: n("931322574615478515625")))
        XCTAssertFalse(n("1e100000000").isMultiple(of: n("1234567890123456789012345")))
    }

    func testBigAndSmallPathsAgree() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 1...19, using: &rng)
            var divisor = (0..<count).map { _ in UInt8.random(in: 0...9, using: &rng) }
            divisor[0] = UInt8.random(in: 1...9, using: &rng)
            let m = JSONNumber.uint64(divisor)
            // Half the cases are built to divide evenly.
            var digits = (0..<Int.random(in: 1...40, using: &rng)).map { _ in UInt8.random(in: 0...9, using: &rng) }
            if Bool.random(using: &rng) {
                let factor = UInt64.random(in: 1...999, using: &rng)
                digits = Array(String(UInt128(m) * UInt128(factor)).utf8).map { $0 - 48 }
            }
            let zeros = Int.random(in: 0...30, using: &rng)
            let small = JSONNumber.remainder(of: digits, zeros: zeros, modulo: m) == 0
            XCTAssertEqual(JSONNumber.isDivisibleBig(digits, zeros: zeros, by: divisor), small, "\(digits) \(zeros) \(m)")
        }
    }

    func testDoubleValue() {
        XCTAssertEqual(n("1.5").doubleValue, 1.5)
        XCTAssertEqual(n("-1e400").doubleValue, -.infinity)
        XCTAssertEqual(n("1e-400").doubleValue, 0)
    }
}
