import XCTest
@testable import JSONSchema

/// Hand-written cases beyond the suite: the old proxy's ipv4 bug, RFC examples, and edges.
final class FormatTests: XCTestCase {
    private func check(_ format: String, _ cases: [(String, Bool)], file: StaticString = #filePath, line: UInt = #line) throws {
        let checker = try XCTUnwrap(Formats.checker(named: format), file: file, line: line)
        XCTAssertEqual(checker.name, format)
        for (input, expected) in cases {
            XCTAssertEqual(checker.check(input), expected, "\(format): \(input.debugDescription)", file: file, line: line)
        }
    }

    func testUnknownFormatHasNoChecker() {
        XCTAssertNil(Formats.checker(named: "no-such-format"))
        XCTAssertNil(Formats.checker(named: "IPV4"))
        XCTAssertEqual(Formats.names.count, 19)
    }

    func testIPv4RejectsOutOfRangeOctets() throws {
        try check("ipv4", [("192.168.10.10", true), ("999.1.1.1", false), ("300.1.1.1", false), ("1.1.1.256", false),
                           ("01.1.1.1", false), ("1.1.1", false), ("1.1.1.1.", false), ("0.0.0.0", true)])
    }

    func testIPv6() throws {
        try check("ipv6", [("::", true), ("::1", true), ("2001:db8::ff00:42:8329", true), ("1:2:3:4:5:6:7::", true),
                           ("::2:3:4:5:6:7:8", true), ("1:2:3:4:5:6:1.2.3.4", true), ("1:2:3:4:5:6:7:1.2.3.4", false),
                           ("1:2:3:4:5:6:7:8:9", false), (":::", false), ("1::2::3", false), ("12345::", false),
                           ("::1.2.3.04", false), ("1:2", false), ("fe80::1%lo0", false)])
    }

    func testDateTimeLeapSecondsAndOffsets() throws {
        try check("date-time", [("2016-12-31T23:59:60Z", true), ("2016-12-31T18:59:60-05:00", true),
                                ("2017-01-01T00:59:60+01:00", true), ("2016-12-31T23:59:60+01:00", false),
                                ("2000-02-29T00:00:00Z", true), ("1900-02-29T00:00:00Z", false),
                                ("2000-01-01 00:00:00Z", false), ("2000-01-01T00:00:00.Z", false),
                                ("2000-01-01T00:00:00+2400", false)])
        try check("time", [("00:00:00Z", true), ("23:59:59.999+14:00", true), ("12:00:00+0100", false)])
        try check("date", [("2024-02-29", true), ("2023-02-29", false), ("2024-12-31", true)])
    }

    func testDuration() throws {
        try check("duration", [("P1Y", true), ("P1Y2M3DT4H5M6S", true), ("PT0S", true), ("P3W", true), ("P", false),
                               ("PT", false), ("P1H", false), ("PT1D", false), ("P1M1Y", false), ("P1.5D", false),
                               ("p1d", false), ("P1DT", false), ("P1W2D", false)])
    }

    func testEmail() throws {
        try check("email", [("a@b.c", true), ("first.last+tag@example.co.uk", true), ("\"a\\\"b\"@example.com", true),
                            ("a@[IPv6:2001:db8::1]", true), ("a@[x-tag:abc]", true), ("a@b@c.com", false),
                            ("a.@b.com", false), ("\"unterminated@example.com", false), ("é@example.com", false),
                            (String(repeating: "a", count: 65) + "@example.com", false), ("a@-b.com", false),
                            ("a@[1.2.3.4]", true), ("a@[1.2.3.256]", false), ("a@[]", false), ("a@xn--bcher-kva.example", true),
                            ("a@xn--bcher-kva-.example", false), ("a@b", true), ("a@", false), ("\"a\\é\"@b.com", false)])
        try check("idn-email", [("é@example.com", true), ("用户@例子.广告", true), ("a@b..c", false), ("@example.com", false)])
    }

    func testHostnames() throws {
        try check("hostname", [("example.com", true), ("EXAMPLE.com", true), ("xn--bcher-kva.example", true),
                               ("xn--bcher-kva-.example", false), ("bücher.example", false), ("a.-b", false),
                               (String(repeating: "a.", count: 126) + "a", true), (String(repeating: "a.", count: 127) + "a", false)])
        try check("idn-hostname", [("bücher.example", true), ("BÜCHER.example", false), ("xn--bcher-kva.example", true),
                                   ("例子。测试", true), ("a\u{200D}b", false), ("ab\u{094D}\u{200D}", true),
                                   ("\u{05D0}\u{05D1}.com", true), ("\u{05D0}1\u{05D1}", true), ("a\u{0308}", true),
                                   ("a b", false), ("a_b", false)])
    }

    /// The ASCII fast path must answer exactly as the full IDNA check does, for both formats.
    func testASCIIHostnameFastPathAgreesWithFullCheck() {
        let alphabet = ["a", "Z", "0", "-", ".", "_", "x", "n", "é"]
        var inputs = [""], layer = [""]
        for _ in 0..<4 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            inputs += layer
        }
        inputs += ["xn--bcher-kva.example", "XN--bcher-kva.example", "xn--.a", "xn--a", "a.xn--bcher-kva-", "xn--zca",
                   String(repeating: "a", count: 63) + ".b", String(repeating: "a", count: 64) + ".b",
                   String(repeating: "a.", count: 126) + "a", String(repeating: "a.", count: 127) + "a"]
        var fastAnswers = 0
        for input in inputs {
            XCTAssertEqual(HostnameFormat.isHostname(input), HostnameFormat.isHostnameFully(input), input.debugDescription)
            XCTAssertEqual(HostnameFormat.isIDNHostname(input), HostnameFormat.isIDNHostnameFully(input), input.debugDescription)
            var copy = input
            if copy.withUTF8(HostnameFormat.plainASCIIHostname) != nil { fastAnswers += 1 }
        }
        // Most of these inputs must actually take the fast path, or the comparison proves little.
        XCTAssertGreaterThan(fastAnswers, inputs.count / 2)
    }

    func testPunycodeRoundTripsRFC3492Examples() {
        let samples: [(String, String)] = [("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
                                           ("ü", "tda")]
        for (unicode, encoded) in samples {
            let scalars = unicode.unicodeScalars.map(\.value)
            XCTAssertEqual(String(decoding: Punycode.encode(scalars), as: UTF8.self), encoded)
            XCTAssertEqual(Punycode.decode(Array(encoded.utf8)), scalars)
        }
        XCTAssertNil(Punycode.decode(Array("X".utf8)), "truncated variable-length integer")
        XCTAssertNil(Punycode.decode(Array("zzzzzzzzzzzzzzzzz".utf8)), "overflow")
        XCTAssertNil(Punycode.decode(Array("ü-a".utf8)), "non-ASCII basic code point")
    }

    func testIDNADerivedProperty() {
        let cases: [(Unicode.Scalar, IDNA.Property)] = [
            ("a", .pvalid), ("A", .disallowed), ("-", .pvalid), ("ß", .pvalid), ("\u{0640}", .disallowed),
            ("\u{200C}", .contextJ), ("\u{00B7}", .contextO), ("\u{0661}", .contextO), (" ", .disallowed),
            ("\u{1100}", .disallowed), ("\u{20D0}", .disallowed), ("字", .pvalid), ("\u{0301}", .pvalid),
            ("!", .disallowed), ("\u{FB01}", .disallowed), ("\u{E0001}", .disallowed),
        ]
        for (scalar, expected) in cases {
            XCTAssertEqual(IDNA.property(scalar), expected, "U+\(String(scalar.value, radix: 16))")
        }
    }

    func testURIFamily() throws {
        try check("uri", [("https://user:pw@example.com:8080/a/b?c=d#e", true), ("mailto:a@b.c", true),
                          ("http://[v7.a:b]/", true), ("http://[vx.a]/", false), ("http://a b/", false),
                          ("http://host:80x/", false), ("http://ex%41mple.com/", true), ("http://é.com/", false)])
        try check("uri-reference", [("../a?b#c", true), ("a:b/c", true), ("%zz", false), ("a%2", false)])
        try check("iri", [("http://é.com/ü?ä#ö", true), ("http://é.com/\u{E000}", false), ("http://é.com/?\u{E000}", true)])
        try check("iri-reference", [("ü/ö", true), ("#\u{FFFF}", false)])
    }

    func testURITemplate() throws {
        try check("uri-template", [("/users/{id}{?fields*,limit:10}", true), ("{", false), ("}", false), ("{x:0}", false),
                                   ("{=x}", false), ("{x.}", false), ("{x%4}", false), ("%", false), ("{x}{y}", true)])
    }

    func testPointersUUIDAndRegex() throws {
        try check("json-pointer", [("", true), ("/a~0b~1c", true), ("/~", false), ("a", false)])
        try check("relative-json-pointer", [("0", true), ("10/a", true), ("0#", true), ("00", false), ("#", false)])
        try check("uuid", [("123e4567-e89b-12d3-a456-426614174000", true), ("123e4567e89b12d3a456426614174000", false),
                           ("{123e4567-e89b-12d3-a456-426614174000}", false)])
        try check("regex", [("^[a-z]+$", true), ("(?<x>a)\\k<x>", true), ("[", false), ("a{2,1}", false), ("\\p{Script=Greek}", false)])
    }
}
