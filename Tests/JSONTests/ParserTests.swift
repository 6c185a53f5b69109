import Foundation
@testable import JSON
import TestSupport
import XCTest

final class ParserTests: XCTestCase {
    private func parse(_ text: String, _ options: JSONParser.Options = .init()) throws -> JSON {
        try JSON(parsing: text, options: options)
    }

    func testScalars() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertEqual(try parse(" false\n"), .bool(false))
        XCTAssertEqual(try parse("\"hi\"").stringValue, "hi")
        XCTAssertEqual(try parse("-12.5e3").numberValue?.literal, "-12.5e3")
        XCTAssertEqual(try parse("0").numberValue?.isZero, true)
    }

    func testContainersKeepOrderAndValues() throws {
        let v = try parse(#" { "b" : [1, 2, {"x": null}], "a": {}, "c": [] } "#)
        let o = try XCTUnwrap(v.objectValue)
        XCTAssertEqual(Array(o.keys), ["b", "a", "c"])
        XCTAssertEqual(o["b"]?.arrayValue?.count, 3)
        XCTAssertEqual(o["b"]?.arrayValue?[2]["x"], .null)
        XCTAssertEqual(o["a"]?.objectValue?.isEmpty, true)
        XCTAssertEqual(o["c"]?.arrayValue?.isEmpty, true)
    }

    func testLargeObjectLooksUpAllKeys() throws {
        let text = "{" + (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
        let o = try XCTUnwrap(parse(text).objectValue)
        XCTAssertEqual(o.count, 100)
        for k in 0..<100 { XCTAssertEqual(o["k\(k)"]?.numberValue?.intValue, k) }
    }

    func testNumbersAreNormalisedExactly() throws {
        let n = try XCTUnwrap(parse("-120.0500e-2").numberValue)
        XCTAssertTrue(n.negative)
        XCTAssertEqual(n.digits, [1, 2, 0, 0, 5])
        XCTAssertEqual(n.exponent, -4)
        let big = try XCTUnwrap(parse("123456789012345678901234567890").numberValue)
        XCTAssertEqual(big.digits.count, 29)
        XCTAssertEqual(big.exponent, 1)
        let z = try XCTUnwrap(parse("-0.000e5").numberValue)
        XCTAssertTrue(z.isZero)
        XCTAssertFalse(z.negative)
        // Literal kept; value normalised to (sign, digits without leading/trailing zeros, exponent).
        let cases: [(String, Bool, [UInt8], Int)] = [
            ("0", false, [], 0), ("-0", false, [], 0), ("-0.0", false, [], 0), ("1", false, [1], 0),
            ("10", false, [1], 1), ("100e-2", false, [1], 0), ("0.001", false, [1], -3), ("1E+2", false, [1], 2),
            ("1e-0", false, [1], 0), ("9007199254740993", false, [9, 0, 0, 7, 1, 9, 9, 2, 5, 4, 7, 4, 0, 9, 9, 3], 0),
            ("-3.14159", true, [3, 1, 4, 1, 5, 9], -5), ("5e100000000", false, [5], 100_000_000),
            ("0.1e-100000000", false, [1], -100_000_001), ("120e1", false, [1, 2], 2), ("-0.0500", true, [5], -2),
        ]
        for (text, negative, digits, exponent) in cases {
            let parsed = try XCTUnwrap(parse("[\(text)]").arrayValue?.first?.numberValue, text)
            XCTAssertEqual(parsed.literal, text)
            XCTAssertEqual(parsed.negative, negative, text)
            XCTAssertEqual(parsed.digits, digits, text)
            XCTAssertEqual(parsed.exponent, exponent, text)
        }
    }

    func testStringsDecodeEscapesAndUTF8() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\b\f\n\r\t""#).stringValue, "a\"b\\c/d\u{8}\u{C}\n\r\t")
        XCTAssertEqual(try parse(#""\u00e9\u20AC\u0000""#).stringValue, "é€\u{0}")
        let emoji = try XCTUnwrap(parse(#""\ud83d\ude00""#).stringValue)
        XCTAssertEqual(Array(emoji.unicodeScalars), ["\u{1F600}"])
        XCTAssertEqual(try parse("\"héllo 😀 中文\"").stringValue, "héllo 😀 中文")
        XCTAssertEqual(try parse("\"x\u{7F}y\"").stringValue, "x\u{7F}y")
        XCTAssertEqual(try parse(#""é\né""#).stringValue, "é\né")
        XCTAssertEqual(try parse("\"\u{10FFFF}\"").stringValue, "\u{10FFFF}")
        XCTAssertEqual(try parse(#""\udbff\udfff""#).stringValue, "\u{10FFFF}")
        XCTAssertEqual(try parse(#""\uFFFF""#).stringValue, "\u{FFFF}")
    }

    func testStringsMadeFromCheckedBytesAreWholeStrings() throws {
        // The parser builds strings from bytes it has validated without validating them again;
        // the results must behave as any other String: characters, scalars and UTF-8 per
        // RFC 3629 (C3 A9 is U+00E9; F0 9F 98 80 is U+1F600), short (inline) and long (heap).
        let long = String(repeating: "a", count: 40)
        let cases: [(bytes: [UInt8], scalars: [UInt32], characters: Int)] = [
            ([0x61, 0xC3, 0xA9], [0x61, 0xE9], 2),
            ([0xF0, 0x9F, 0x98, 0x80], [0x1F600], 1),
            ([0x65, 0xCC, 0x81], [0x65, 0x301], 1),
            (Array(long.utf8) + [0xC3, 0xA9], Array(repeating: 0x61, count: 40) + [0xE9], 41),
            (Array(long.utf8), Array(repeating: 0x61, count: 40), 40),
            ([0x5C, 0x75, 0x30, 0x30, 0x65, 0x39, 0x21], [0xE9, 0x21], 2),  // \u00e9!
        ]
        for c in cases {
            let text = [UInt8(ascii: "\"")] + c.bytes + [UInt8(ascii: "\"")]
            let object = [UInt8(ascii: "{")] + text + Array(":1}".utf8)
            for s in [try XCTUnwrap(JSON(parsing: text).stringValue),
                      try XCTUnwrap(JSON(parsing: object).objectValue?.members.first?.key)] {
                XCTAssertEqual(s.unicodeScalars.map(\.value), c.scalars, "\(c.bytes)")
                XCTAssertEqual(s.count, c.characters, "\(c.bytes)")
                XCTAssertEqual(s.unicodeScalars.reversed().map(\.value), c.scalars.reversed(), "\(c.bytes)")
            }
        }
    }

    func testDecomposedKeysAreDistinct() throws {
        // "é" precomposed and "e" + combining acute are different keys for a data store.
        let v = try parse("{\"\u{E9}\": 1, \"e\u{301}\": 2}")
        XCTAssertEqual(v.objectValue?.count, 2)
        XCTAssertEqual(v["\u{E9}"]?.numberValue?.intValue, 1)
        XCTAssertEqual(v["e\u{301}"]?.numberValue?.intValue, 2)
    }

    func testInputForms() throws {
        let bytes: [UInt8] = Array(#"{"a":[1]}"#.utf8)
        let expected = try JSON(parsing: bytes)
        XCTAssertEqual(expected["a"], .array([.number(JSONNumber(1))]))
        XCTAssertEqual(try JSONParser.parse(bytes[...]), expected)
        XCTAssertEqual(try bytes.withUnsafeBytes { try JSONParser.parse($0) }, expected)
        // A non-contiguous collection is copied first.
        XCTAssertEqual(try JSONParser.parse(bytes.lazy.map { $0 }), expected)
    }

    func testByteOrderMarkOption() throws {
        let text: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)
        XCTAssertEqual(try JSON(parsing: text, options: .init(allowByteOrderMark: true)), .array([.number(JSONNumber(1))]))
        XCTAssertThrowsError(try JSON(parsing: text)) { error in
            XCTAssertEqual((error as? JSONParseError)?.code, .byteOrderMark)
            XCTAssertEqual((error as? JSONParseError)?.offset, 0)
        }
        // Only one mark is skipped.
        let two: [UInt8] = [0xEF, 0xBB, 0xBF] + text
        XCTAssertThrowsError(try JSON(parsing: two, options: .init(allowByteOrderMark: true))) { error in
            XCTAssertEqual((error as? JSONParseError)?.code, .unexpectedCharacter)
            XCTAssertEqual((error as? JSONParseError)?.offset, 3)
        }
        // A mark alone holds no value.
        XCTAssertThrowsError(try JSON(parsing: [0xEF, 0xBB, 0xBF], options: .init(allowByteOrderMark: true))) { error in
            XCTAssertEqual((error as? JSONParseError)?.code, .emptyInput)
        }
    }

    func testDepthLimitBoundaries() throws {
        let options = JSONParser.Options(maxDepth: 3)
        XCTAssertNoThrow(try parse("[[[]]]", options))
        XCTAssertNoThrow(try parse(#"{"a":{"b":[1]}}"#, options))
        XCTAssertThrowsError(try parse("[[[[]]]]", options))
        XCTAssertEqual(JSONParser.Options(maxDepth: 1_000_000).maxDepth, JSONParser.Options.maxDepthLimit)
        XCTAssertEqual(JSONParser.Options(maxDepth: 0).maxDepth, 1)
        var o = JSONParser.Options()
        XCTAssertEqual(o.maxDepth, 256)
        o.maxDepth = .max
        XCTAssertEqual(o.maxDepth, JSONParser.Options.maxDepthLimit)
    }

    func testMaxDepthValueIsSafeToUse() throws {
        // The deepest value the parser can produce must survive parsing, equality, hashing,
        // serialising and release on a thread with a 4 MiB stack (the main thread has 8 MiB).
        let depth = JSONParser.Options.maxDepthLimit
        let text = String(repeating: "[{\"a\":", count: depth / 2) + "1" + String(repeating: "}]", count: depth / 2)
        let finished = expectation(description: "deep value handled")
        let thread = Thread {
            do {
                var v: JSON? = try JSON(parsing: text, options: .init(maxDepth: depth))
                let w = try JSON(parsing: text, options: .init(maxDepth: depth))
                XCTAssertEqual(v, w)
                XCTAssertEqual(v?.hashValue, w.hashValue)
                XCTAssertEqual(v?.serialized(), text)
                v = nil
            } catch {
                XCTFail("\(error)")
            }
            finished.fulfill()
        }
        thread.stackSize = 4 << 20
        thread.start()
        wait(for: [finished], timeout: 600)
    }

    func testCorpusEventsParse() throws {
        let root = try Corpora.require("events")
        let urls = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        let files = urls.filter { $0.pathExtension == "json" }
        XCTAssertGreaterThan(files.count, 200)
        var withMark = 0
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { withMark += 1 }
            do {
                let v = try JSON(parsing: bytes, options: .init(allowByteOrderMark: true))
                XCTAssertEqual(try JSON(parsing: v.serializedBytes()), v, url.path)
            } catch {
                XCTFail("\(url.path): \(error)")
            }
        }
        XCTAssertGreaterThan(withMark, 0)
        // The one deliberately broken fixture is refused for its trailing comma.
        let broken = try XCTUnwrap(urls.first { $0.lastPathComponent.hasSuffix(".json.txt") })
        XCTAssertThrowsError(try JSON(parsing: [UInt8](Data(contentsOf: broken)), options: .init(allowByteOrderMark: true))) {
            XCTAssertEqual(($0 as? JSONParseError)?.code, .trailingComma)
        }
    }
}

/// Long strings with escapes are decoded straight into the string's storage: same values, same
/// refusals at the same places as short ones.
final class LongStringTests: XCTestCase {
    func testLongEscapedStringsDecodeAsShortOnesDo() throws {
        let piece = #"ab\"c\\d\n\u00e9\ud83d\ude00é/\/"#
        let decoded = "ab\"c\\d\n\u{e9}\u{1F600}é//"
        let count = 70_000 / piece.utf8.count + 1
        let text = "[\"" + String(repeating: piece, count: count) + "\", \"" + piece + "\"]"
        let value = try JSONParser.parse(text)
        XCTAssertEqual(value.arrayValue?[0].stringValue, String(repeating: decoded, count: count))
        XCTAssertEqual(value.arrayValue?[1].stringValue, decoded)
        XCTAssertGreaterThanOrEqual(piece.utf8.count * count, JSONParser.directDecodingThreshold)
    }

    func testRefusalsInLongStringsPointAtTheSameByte() {
        let filler = String(repeating: #"x\n"#, count: 40_000)
        for (bad, code) in [("\u{1}", JSONParseError.Code.controlCharacterInString), (#"\x"#, .invalidEscape),
                            (#"\udc00"#, .unpairedSurrogate), (#"\u12g4"#, .invalidEscape)] {
            let text = "\"" + filler + bad + filler + "\""
            XCTAssertThrowsError(try JSONParser.parse(text), bad) { error in
                let e = error as! JSONParseError
                XCTAssertEqual(e.code, code, bad)
                XCTAssertEqual(e.offset, 1 + filler.utf8.count, bad)
            }
        }
        var bytes = Array(("\"" + filler).utf8) + [0xC3, 0x28] + Array((filler + "\"").utf8)
        XCTAssertThrowsError(try JSONParser.parse(bytes)) { XCTAssertEqual(($0 as! JSONParseError).code, .invalidUTF8) }
        bytes = Array(("\"" + filler).utf8)
        XCTAssertThrowsError(try JSONParser.parse(bytes)) { XCTAssertEqual(($0 as! JSONParseError).code, .unexpectedEnd) }
    }
}
