@testable import SigV4
import XCTest

/// SigV4 URI encoding: every byte except `A-Z a-z 0-9 - _ . ~` becomes `%XY` (upper-case hex).
final class URIEncodingTests: XCTestCase {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

    func testEveryByteAgainstTheSpecificationTable() {
        for value in 0...255 {
            let byte = UInt8(value)
            let expected = Self.unreserved.contains(byte)
                ? String(UnicodeScalar(byte)) : "%" + String(format: "%02X", value)
            XCTAssertEqual(URIEncoding.encode(bytes: [byte]), expected, "byte \(value)")
            XCTAssertEqual(URIEncoding.isUnreserved(byte), Self.unreserved.contains(byte), "byte \(value)")
        }
    }

    func testStringsAreEncodedAsUTF8BytesWithUpperCaseHex() {
        XCTAssertEqual(URIEncoding.encode("ሴ"), "%E1%88%B4")
        XCTAssertEqual(URIEncoding.encode("a b+c/d=e&f"), "a%20b%2Bc%2Fd%3De%26f")
        XCTAssertEqual(URIEncoding.encode("already%20encoded"), "already%2520encoded")
        XCTAssertEqual(URIEncoding.encode("-_.~AZaz09"), "-_.~AZaz09")
        XCTAssertEqual(URIEncoding.encode(""), "")
    }

    func testDecodingTakesHexPairsAndLeavesEverythingElse() {
        XCTAssertEqual(URIEncoding.decode("%E1%88%B4"), Array("ሴ".utf8))
        XCTAssertEqual(URIEncoding.decode("%2f%2F"), Array("//".utf8))
        XCTAssertEqual(URIEncoding.decode("a+b"), Array("a+b".utf8), "+ is not a space in SigV4")
        XCTAssertEqual(URIEncoding.decode("%zz%4"), Array("%zz%4".utf8), "malformed escapes stay literal")
        XCTAssertEqual(URIEncoding.decode("100%"), Array("100%".utf8))
        XCTAssertEqual(URIEncoding.decode("%FF"), [0xFF], "decoded bytes need not be UTF-8")
    }

    func testDecodeThenEncodeNormalisesEscapes() {
        for (raw, canonical) in [("%7e", "~"), ("%41", "A"), ("a%2fb", "a%2Fb"), ("ሴ", "%E1%88%B4"), ("%FF", "%FF")] {
            XCTAssertEqual(URIEncoding.encode(bytes: URIEncoding.decode(raw)), canonical, raw)
        }
    }
}
