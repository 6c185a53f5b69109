import JSON
import XCTest

final class SerializerTests: XCTestCase {
    private func roundTrip(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try JSON(parsing: text).serialized()
    }

    func testCompactCanonicalText() throws {
        XCTAssertEqual(try roundTrip(" { \"b\" : [ 1 , true , null ] ,\n \"a\" : { } , \"c\":[ ] } "),
                       #"{"b":[1,true,null],"a":{},"c":[]}"#)
        XCTAssertEqual(try roundTrip("false"), "false")
        XCTAssertEqual(try roundTrip("[[[]],{}]"), "[[[]],{}]")
    }

    func testNumbersKeepTheirLiteral() throws {
        for literal in ["123456789012345678901234567890", "-0.0", "1.10", "1E+2", "-1e-7", "0", "9007199254740993"] {
            XCTAssertEqual(try roundTrip(literal), literal)
            XCTAssertEqual(try roundTrip("[\(literal)]"), "[\(literal)]")
        }
    }

    func testStringEscapingIsMinimal() throws {
        let value = JSON.string("q\" b\\ \u{8}\u{C}\n\r\t \u{0}\u{1F}\u{7F} / é 😀")
        XCTAssertEqual(value.serialized(), #""q\" b\\ \b\f\n\r\t \u0000\u001f"# + "\u{7F} / é 😀\"")
        XCTAssertEqual(try JSON(parsing: value.serialized()), value)
        // Escapes in the input become the minimal form.
        XCTAssertEqual(try roundTrip(#""\u0041\/\u00e9\ud83d\ude00\u001F""#), "\"A/é😀\\u001f\"")
    }

    func testEveryControlCharacterRoundTrips() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let text = JSON.string(all).serialized()
        XCTAssertFalse(text.utf8.contains { $0 < 0x20 })
        XCTAssertEqual(try JSON(parsing: text).stringValue?.unicodeScalars.elementsEqual(all.unicodeScalars), true)
    }

    func testKeysAreEscapedAndOrdered() throws {
        var o = JSONObject()
        o["z\""] = 1
        o["a\n"] = "x"
        o["é"] = [nil, false]
        XCTAssertEqual(JSON.object(o).serialized(), #"{"z\"":1,"a\n":"x","é":[null,false]}"#)
        XCTAssertEqual(JSON.object(o).serializedBytes(), Array(JSON.object(o).serialized().utf8))
    }

    func testNonASCIIStaysRaw() throws {
        let text = "\"中文 e\u{301} \u{10FFFF}\""
        XCTAssertEqual(try roundTrip(text), text)
    }

    func testLiteralsBuildValues() {
        let v: JSON = ["b": [1, "two", true, nil], "a": ["x": -3]]
        XCTAssertEqual(v.serialized(), #"{"b":[1,"two",true,null],"a":{"x":-3}}"#)
        XCTAssertEqual(v.objectValue.map { Array($0.keys) }, ["b", "a"])
    }

    func testDeepValuesSerialiseWithoutRecursion() throws {
        let depth = JSONParser.Options.maxDepthLimit
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        XCTAssertEqual(try JSON(parsing: text, options: .init(maxDepth: depth)).serialized(), text)
    }
}
