import JSON
import XCTest

final class EqualityTests: XCTestCase {
    private func j(_ text: String) throws -> JSON { try JSON(parsing: text) }

    func testNumbersCompareByValue() throws {
        XCTAssertEqual(try j("1"), try j("1.0"))
        XCTAssertEqual(try j("1.0"), try j("10e-1"))
        XCTAssertEqual(try j("[1, 2]"), try j("[1.0, 2e0]"))
        XCTAssertEqual(try j("-0"), try j("0"))
        XCTAssertNotEqual(try j("1"), try j("1.000000000000000000001"))
        XCTAssertEqual(try j("1").hashValue, try j("10e-1").hashValue)
    }

    func testObjectsIgnoreOrder() throws {
        let a = try j(#"{"a":1,"b":[1,{"c":null}],"d":"x"}"#)
        let b = try j(#"{"d":"x","b":[1,{"c":null}],"a":1.0}"#)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertEqual(a.objectValue, b.objectValue)
        XCTAssertNotEqual(a, try j(#"{"a":1,"b":[1,{"c":null}]}"#))
        XCTAssertNotEqual(a, try j(#"{"a":1,"b":[1,{"c":null}],"e":"x"}"#))
        XCTAssertNotEqual(a, try j(#"{"a":1,"b":[1,{"c":false}],"d":"x"}"#))
    }

    func testLargeObjectsIgnoreOrder() throws {
        let keys = (0..<50).map { "k\($0)" }
        let forward = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        let backward = "{" + keys.reversed().map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        XCTAssertEqual(try j(forward), try j(backward))
        XCTAssertEqual(try j(forward).hashValue, try j(backward).hashValue)
    }

    func testArraysKeepOrder() throws {
        XCTAssertNotEqual(try j("[1,2]"), try j("[2,1]"))
        XCTAssertNotEqual(try j("[1]"), try j("[1,1]"))
    }

    func testStringsCompareByCodePoints() throws {
        let precomposed = JSON.string("\u{E9}")
        let decomposed = JSON.string("e\u{301}")
        // Swift's String would call these equal; JSON must not.
        XCTAssertEqual("\u{E9}", "e\u{301}")
        XCTAssertNotEqual(precomposed, decomposed)
        XCTAssertNotEqual(JSON.object(["\u{E9}": 1]), JSON.object(["e\u{301}": 1]))
        XCTAssertEqual(Set([precomposed, decomposed]).count, 2)
    }

    func testTypesNeverEqual() throws {
        let values: [JSON] = [nil, false, true, 0, 1, "", "1", [], [0], [:], ["a": 0]]
        for (i, a) in values.enumerated() {
            for (k, b) in values.enumerated() { XCTAssertEqual(a == b, i == k, "\(a.serialized()) vs \(b.serialized())") }
        }
        XCTAssertEqual(try j("null").typeName, "null")
        XCTAssertEqual(try j("{}").typeName, "object")
    }

    func testDeepValuesCompareAndHashWithoutRecursion() throws {
        let depth = JSONParser.Options.maxDepthLimit
        let options = JSONParser.Options(maxDepth: depth)
        let a = try JSON(parsing: String(repeating: "{\"a\":[", count: depth / 2) + "1" + String(repeating: "]}", count: depth / 2),
                         options: options)
        let b = try JSON(parsing: String(repeating: "{\"a\":[", count: depth / 2) + "1.0" + String(repeating: "]}", count: depth / 2),
                         options: options)
        let c = try JSON(parsing: String(repeating: "{\"a\":[", count: depth / 2) + "2" + String(repeating: "]}", count: depth / 2),
                         options: options)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(a.hashValue, b.hashValue)
    }
}
