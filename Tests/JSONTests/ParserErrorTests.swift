import JSON
import XCTest

final class ParserErrorTests: XCTestCase {
    /// Parses `bytes` and checks that it fails with `code` at `offset` (and line/column if given).
    private func expect(
        _ bytes: [UInt8], _ code: JSONParseError.Code, at offset: Int, line: Int? = nil, column: Int? = nil,
        options: JSONParser.Options = .init(), file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        do {
            let value = try JSON(parsing: bytes, options: options)
            XCTFail("parsed \(value.serialized()) from \(bytes)", file: file, line: sourceLine)
        } catch {
            XCTAssertEqual(error.code, code, "\(error)", file: file, line: sourceLine)
            XCTAssertEqual(error.offset, offset, "\(error)", file: file, line: sourceLine)
            if let line { XCTAssertEqual(error.line, line, "\(error)", file: file, line: sourceLine) }
            if let column { XCTAssertEqual(error.column, column, "\(error)", file: file, line: sourceLine) }
        }
    }

    private func expect(
        _ text: String, _ code: JSONParseError.Code, at offset: Int, line: Int? = nil, column: Int? = nil,
        options: JSONParser.Options = .init(), file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        expect(Array(text.utf8), code, at: offset, line: line, column: column, options: options,
               file: file, sourceLine: sourceLine)
    }

    func testEmptyInput() {
        expect("", .emptyInput, at: 0)
        expect(" \n\t\r ", .emptyInput, at: 5)
        // An empty raw buffer may have no base address at all.
        XCTAssertThrowsError(try JSONParser.parse(UnsafeRawBufferPointer(start: nil, count: 0))) {
            XCTAssertEqual(($0 as? JSONParseError)?.code, .emptyInput)
        }
    }

    func testTrailingContent() {
        expect("1 2", .trailingContent, at: 2)
        expect("{} {}", .trailingContent, at: 3)
        expect("[1]]", .trailingContent, at: 3)
        expect("null x", .trailingContent, at: 5)
        expect("\"a\"\u{0}", .trailingContent, at: 3)
        expect("1x", .trailingContent, at: 1)
    }

    func testUnexpectedEnd() {
        expect("[", .unexpectedEnd, at: 1)
        expect("[1,", .unexpectedEnd, at: 3)
        expect("{\"a\"", .unexpectedEnd, at: 4)
        expect("{\"a\":", .unexpectedEnd, at: 5)
        expect("{\"a\":1", .unexpectedEnd, at: 6)
        expect("\"abc", .unexpectedEnd, at: 4)
        expect("\"ab\\", .unexpectedEnd, at: 4)
        expect("\"\\u12", .unexpectedEnd, at: 5)
    }

    func testLiterals() {
        expect("NaN", .invalidLiteral, at: 0)
        expect("[Infinity]", .invalidLiteral, at: 1)
        expect("tru", .invalidLiteral, at: 0)
        expect("nullx", .invalidLiteral, at: 0)
        expect("True", .invalidLiteral, at: 0)
        expect("undefined", .invalidLiteral, at: 0)
    }

    func testNumbers() {
        expect("01", .invalidNumber, at: 0)
        expect("-01", .invalidNumber, at: 0)
        expect("[00]", .invalidNumber, at: 1)
        expect("+1", .invalidNumber, at: 0)
        expect(".5", .invalidNumber, at: 0)
        expect("1.", .invalidNumber, at: 0)
        expect("[1.e5]", .invalidNumber, at: 1)
        expect("1e", .invalidNumber, at: 0)
        expect("1e+", .invalidNumber, at: 0)
        expect("-", .invalidNumber, at: 0)
        expect("-a", .invalidNumber, at: 1)
        expect("-Infinity", .invalidNumber, at: 1)
        expect("0x10", .trailingContent, at: 1)
        expect("1e100000001", .numberOutOfRange, at: 0)
        expect("[1, 2e-999999999999999999999]", .numberOutOfRange, at: 4)
    }

    func testCommentsAndStrayCharacters() {
        expect("// c\n1", .unexpectedCharacter, at: 0)
        expect("[1 /* c */]", .unexpectedCharacter, at: 3)
        expect("{'a': 1}", .unexpectedCharacter, at: 1)
        expect("[1 2]", .unexpectedCharacter, at: 3)
        expect("{\"a\" 1}", .unexpectedCharacter, at: 5)
        expect("{\"a\":1 \"b\":2}", .unexpectedCharacter, at: 7)
        expect("{a:1}", .unexpectedCharacter, at: 1)
        expect("[,1]", .unexpectedCharacter, at: 1)
        expect("{,}", .unexpectedCharacter, at: 1)
        expect("[1}", .unexpectedCharacter, at: 2)
        expect("{\"a\":1]", .unexpectedCharacter, at: 6)
        expect("]", .unexpectedCharacter, at: 0)
        expect([0xC3, 0xA9], .unexpectedCharacter, at: 0)
    }

    func testTrailingCommas() {
        expect("[1,]", .trailingComma, at: 2)
        expect("[1, \n ]", .trailingComma, at: 2, line: 1, column: 3)
        expect("{\"a\":1,}", .trailingComma, at: 6)
    }

    func testControlCharactersInStrings() {
        expect("\"a\u{0}b\"", .controlCharacterInString, at: 2)
        expect("\"a\nb\"", .controlCharacterInString, at: 2)
        expect("\"a\tb\"", .controlCharacterInString, at: 2)
        expect("\"\\n\u{1F}\"", .controlCharacterInString, at: 3)
    }

    func testEscapes() {
        expect(#""\x""#, .invalidEscape, at: 1)
        expect(#""\'""#, .invalidEscape, at: 1)
        expect(#""ab\U0041""#, .invalidEscape, at: 3)
        expect(#""\u12G4""#, .invalidEscape, at: 1)
        expect(#""\u""#, .invalidEscape, at: 1)
    }

    func testUnpairedSurrogates() {
        expect(#""\ud83d""#, .unpairedSurrogate, at: 1)
        expect(#""\ud83dx""#, .unpairedSurrogate, at: 1)
        expect(#""a\ud83d\u0041""#, .unpairedSurrogate, at: 2)
        expect(#""\ud83d\ud83d""#, .unpairedSurrogate, at: 1)
        expect(#""\ude00""#, .unpairedSurrogate, at: 1)
        expect(#""\ude00\ud83d""#, .unpairedSurrogate, at: 1)
        expect(#""\ud83d\n""#, .unpairedSurrogate, at: 1)
    }

    func testInvalidUTF8() {
        let q: UInt8 = 0x22
        expect([q, 0x80, q], .invalidUTF8, at: 1)                      // lone continuation byte
        expect([q, 0xC0, 0x80, q], .invalidUTF8, at: 1)                // overlong NUL
        expect([q, 0xC1, 0xBF, q], .invalidUTF8, at: 1)                // overlong 2-byte
        expect([q, 0xE0, 0x80, 0xAF, q], .invalidUTF8, at: 1)          // overlong 3-byte
        expect([q, 0xF0, 0x80, 0x80, 0xAF, q], .invalidUTF8, at: 1)    // overlong 4-byte
        expect([q, 0xED, 0xA0, 0x80, q], .invalidUTF8, at: 1)          // encoded high surrogate
        expect([q, 0xED, 0xBF, 0xBF, q], .invalidUTF8, at: 1)          // encoded low surrogate
        expect([q, 0xF4, 0x90, 0x80, 0x80, q], .invalidUTF8, at: 1)    // U+110000
        expect([q, 0xF5, 0x80, 0x80, 0x80, q], .invalidUTF8, at: 1)    // lead byte above F4
        expect([q, 0xFF, q], .invalidUTF8, at: 1)
        expect([q, 0x61, 0xC3, q], .invalidUTF8, at: 2)                // truncated before the quote
        expect([q, 0xE2, 0x82], .invalidUTF8, at: 1)                   // truncated at the end
        expect([q, 0xE2, 0x82, 0x41, q], .invalidUTF8, at: 1)          // bad third byte
        expect([q, 0x5C, 0x6E, 0xC3, q], .invalidUTF8, at: 3)          // after an escape
        // Keys are strings too.
        expect([0x7B, q, 0xC0, 0xAF, q, 0x3A, 0x31, 0x7D], .invalidUTF8, at: 2)
    }

    func testEveryByteAtEveryWordPosition() throws {
        // Strings are scanned a word at a time, before and after an escape: each byte value must
        // be noticed wherever it falls.
        for (prefix, decoded) in [([UInt8](), ""), ([0x5C, 0x6E], "\n")] {
            for byte in 0...255 {
                let c = UInt8(byte)
                for position in 0..<17 {
                    let input = [0x22] + prefix + Array(repeating: 0x61, count: position) + [c]
                        + Array(repeating: 0x61, count: 10) + [0x22]
                    let at = 1 + prefix.count + position
                    switch c {
                    case ..<0x20: expect(input, .controlCharacterInString, at: at)
                    case 0x22: expect(input, .trailingContent, at: at + 1)
                    case 0x5C: expect(input, .invalidEscape, at: at)
                    case 0x80...: expect(input, .invalidUTF8, at: at)
                    default:
                        let expected = decoded + String(repeating: "a", count: position) + String(UnicodeScalar(c))
                            + String(repeating: "a", count: 10)
                        XCTAssertEqual(try JSON(parsing: input).stringValue, expected)
                    }
                }
            }
        }
    }

    func testDuplicateKeys() {
        expect(#"{"a":1,"a":2}"#, .duplicateKey, at: 7)
        expect(#"{"a":1, "b":{"c":1}, "a":2}"#, .duplicateKey, at: 21)
        // Escaped and raw spellings of the same key are the same key.
        expect(#"{"é":1,"\u00e9":2}"#, .duplicateKey, at: 8)
        // Large objects check duplicates through a hash set.
        let many = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let text = "{" + many + ",\"k7\":0}"
        expect(text, .duplicateKey, at: text.utf8.count - 7)
        // A key repeated in a nested object is caught there.
        expect("[{\"x\":[]},{\"x\":1,\"x\":1}]", .duplicateKey, at: 17)
    }

    func testDuplicateKeyMessage() throws {
        XCTAssertThrowsError(try JSON(parsing: "{\n  \"a\": 1,\n  \"a\": 2\n}")) { error in
            guard let error = error as? JSONParseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.line, 3)
            XCTAssertEqual(error.column, 3)
            XCTAssertEqual(error.message, #"duplicate key "a" at line 3, column 3"#)
            XCTAssertEqual(error.description, error.message)
        }
        // Keys in messages are escaped, so a hostile key cannot forge lines in a log.
        XCTAssertThrowsError(try JSON(parsing: #"{"a\nb":1,"a\nb":2}"#)) { error in
            XCTAssertEqual((error as? JSONParseError)?.detail, #"duplicate key "a\nb""#)
        }
    }

    func testColumnsCountScalars() {
        // "é" is two bytes but one column; the error is at the 'x'.
        expect("[\"é\", x]", .invalidLiteral, at: 7, line: 1, column: 7)
        expect("[\n1,\n\n  x]", .invalidLiteral, at: 8, line: 4, column: 3)
    }

    func testMessagesNameTheProblem() throws {
        let cases: [(String, String)] = [
            ("[1,]", "trailing comma in array at line 1, column 3"),
            ("01", "leading zeros are not allowed in numbers at line 1, column 1"),
            ("[1 // c\n]", "unexpected '/' (comments are not allowed), expected ',' or ']' at line 1, column 4"),
            ("NaN", "invalid literal \"NaN\", expected true, false or null at line 1, column 1"),
            ("", "no JSON value in the input at line 1, column 1"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try JSON(parsing: text)) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testDeepNestingFailsCleanly() {
        let n = 100_000
        for options in [JSONParser.Options(), JSONParser.Options(maxDepth: JSONParser.Options.maxDepthLimit)] {
            let limit = options.maxDepth
            let arrays = String(repeating: "[", count: n) + String(repeating: "]", count: n)
            expect(arrays, .depthLimitExceeded, at: limit, options: options)
            let objects = String(repeating: "{\"a\":", count: n) + "1" + String(repeating: "}", count: n)
            expect(objects, .depthLimitExceeded, at: 5 * limit, options: options)
            // Unclosed nesting fails the same way, before the missing end is noticed.
            expect(String(repeating: "[", count: n), .depthLimitExceeded, at: limit, options: options)
        }
        // Exactly at the limit is fine; one more is not.
        let options = JSONParser.Options(maxDepth: 300)
        XCTAssertNoThrow(try JSON(parsing: String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
                                  options: options))
        expect(String(repeating: "[", count: 301) + String(repeating: "]", count: 301), .depthLimitExceeded, at: 300,
               options: options)
    }
}
