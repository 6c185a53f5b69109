import XCTest
@testable import LambdaRuntime

final class Base64Tests: XCTestCase {
    // RFC 4648, section 10.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    func testRFC4648Vectors() throws {
        for (plain, encoded) in Self.vectors {
            XCTAssertEqual(try Base64.decode(encoded.utf8), Array(plain.utf8), encoded)
            XCTAssertEqual(Base64.encode(plain.utf8), encoded, plain)
        }
    }

    func testEveryByteValueRoundTrips() throws {
        let all = (0...255).map(UInt8.init)
        for n in [0, 1, 2, 3, 254, 255, 256] {
            let bytes = Array(all.prefix(n))
            XCTAssertEqual(try Base64.decode(Base64.encode(bytes).utf8), bytes)
        }
        XCTAssertEqual(Base64.encode([0xFB, 0xFF]), "+/8=")
    }

    func testInvalidInputIsRefused() {
        let invalid: [(String, String)] = [
            ("Zg", "multiple of 4"),            // missing padding
            ("Zg=", "multiple of 4"),
            ("Zm9v\n", "multiple of 4"),
            ("Zm 9", "not base64"),             // space
            ("Zm9-", "not base64"),             // URL-safe alphabet
            ("Zm9_", "not base64"),
            ("=Zm9", "misplaced"),
            ("Z===", "misplaced"),
            ("Zg==Zm9v", "misplaced"),          // padding before the end
            ("Zm=v", "data after"),
            ("Zh==", "padding bits"),           // non-canonical: unused bits set
            ("Zm9=", "padding bits"),
            ("Zm9v\u{e9}", "multiple of 4"),
            ("Zm\u{e9}", "not base64"),          // non-ASCII (2 UTF-8 bytes, length 4)
        ]
        for (text, phrase) in invalid {
            XCTAssertThrowsError(try Base64.decode(text.utf8), text) { error in
                let e = error as? RuntimeError
                XCTAssertEqual(e?.code, .invalidBase64, text)
                XCTAssertTrue(e?.message.contains(phrase) ?? false, "\(text): \(error)")
            }
        }
    }
}
