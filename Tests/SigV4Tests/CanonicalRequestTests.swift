@testable import SigV4
import XCTest

/// Pieces of Task 1 that the suites exercise only by example: header values, paths, queries,
/// the exact text layout, and the errors for input that is not an HTTP request.
final class CanonicalRequestTests: XCTestCase {
    private let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    func testHeaderValuesAreTrimmedAndInnerWhitespaceCollapsed() {
        let cases: [(String, String)] = [
            ("value", "value"),
            ("  value  ", "value"),
            ("a   b    c", "a b c"),
            ("\"a   b   c\"", "\"a b c\""),
            ("a\tb", "a b"),
            ("value1\n  value2\n     value3", "value1 value2 value3"),
            ("a\r\n b", "a b"),
            (" \t ", ""),
            ("", ""),
            ("x y", "x y"),
        ]
        for (raw, canonical) in cases {
            XCTAssertEqual(CanonicalRequest.canonicalValue(raw), canonical, raw.debugDescription)
        }
    }

    func testHeadersAreLowerCasedMergedInOrderAndSorted() throws {
        let headers = try CanonicalRequest.canonicalHeaders([
            ("X-B", "2"), ("Host", "h"), ("x-b", " 1 "), ("A", "x"), ("X-B", "3"),
        ])
        XCTAssertEqual(headers.map(\.name), ["a", "host", "x-b"])
        XCTAssertEqual(headers.map(\.value), ["x", "h", "2,1,3"])
    }

    func testSeveralRepeatedNamesKeepTheirOwnOrder() throws {
        let headers = try CanonicalRequest.canonicalHeaders([
            ("b", "1"), ("a", "1"), ("c", "x"), ("b", "2"), ("a", "2"), ("a", "3"), ("b", "3"),
        ])
        XCTAssertEqual(headers.map { "\($0.name):\($0.value)" }, ["a:1,2,3", "b:1,2,3", "c:x"])
    }

    func testBadHeaderNamesAreRefused() {
        for name in ["", "Bad Name", "x:y", "ሴ", "a\nb"] {
            XCTAssertThrowsError(try CanonicalRequest.canonicalHeaders([(name, "v")]), name.debugDescription) { error in
                XCTAssertEqual((error as? SigV4Error)?.code, .invalidHeaderName)
            }
        }
    }

    func testPathNormalisationAndEncoding() throws {
        let normalised: [(String, String)] = [
            ("/", "/"), ("/a/b", "/a/b"), ("/a/b/", "/a/b/"), ("/a/./b", "/a/b"), ("/a/b/../c", "/a/c"),
            ("/a/b/..", "/a"), ("/a/b/.", "/a/b"), ("/..", "/"), ("/../../a", "/a"), ("//a//b//", "/a/b/"),
            ("/a b", "/a%20b"), ("/a%20b", "/a%2520b"), ("/ሴ", "/%E1%88%B4"), ("/$x", "/%24x"),
            ("/bigsurvey/_create/0b9c4c1e-2f6a-4c39-9d0e-4d3c3c6f9a11", "/bigsurvey/_create/0b9c4c1e-2f6a-4c39-9d0e-4d3c3c6f9a11"),
        ]
        for (path, canonical) in normalised {
            XCTAssertEqual(try CanonicalRequest.canonicalPath(path, normalize: true), canonical, path)
        }
        let kept: [(String, String)] = [("//a//", "//a//"), ("/a/./b/..", "/a/./b/.."), ("/a b", "/a%20b")]
        for (path, canonical) in kept {
            XCTAssertEqual(try CanonicalRequest.canonicalPath(path, normalize: false), canonical, path)
        }
    }

    /// A final `.` or `..` segment leaves no trailing slash: AWS's own signers (aws-c-auth, botocore)
    /// keep one only when the request path ends in `/`, and the service checks against them.
    /// Found by scripts/tests/test_differential_sigv4.py.
    func testDotSegmentsAtTheEndLeaveNoTrailingSlash() throws {
        let cases: [(String, String)] = [
            ("/a/b/..", "/a"), ("/a/b/.", "/a/b"), ("/a/..", "/"), ("/a/.", "/a"), ("/a/b/../", "/a/"),
            ("/a/./", "/a/"), ("/a/b/..//", "/a/"), ("/.", "/"), ("/a%20b/..", "/"), ("/x/y%2F/.", "/x/y%252F"),
        ]
        for (path, canonical) in cases {
            XCTAssertEqual(try CanonicalRequest.canonicalPath(path, normalize: true), canonical, path)
        }
    }

    func testBadPathsAreRefused() {
        for path in ["", "relative", "/a?b=c", "/a#frag"] {
            XCTAssertThrowsError(try CanonicalRequest.canonicalPath(path, normalize: true), path) { error in
                XCTAssertEqual((error as? SigV4Error)?.code, .invalidPath)
                XCTAssertTrue((error as? SigV4Error)?.message.contains("path") == true)
            }
        }
    }

    func testQueryIsEncodedAndSortedByNameThenValue() {
        let pairs = CanonicalRequest.parameters(of: .pairs([("b", "2"), ("a", "z"), ("a", "y"), ("c", ""), ("sp ace", "1+1")]))
        XCTAssertEqual(CanonicalRequest.canonicalQuery(pairs), "a=y&a=z&b=2&c=&sp%20ace=1%2B1")
    }

    func testRawQueryIsDecodedThenReEncoded() {
        let raw = CanonicalRequest.parameters(of: .raw("b=2&&a=%7e&flag&%E1%88%B4=x%2fy"))
        XCTAssertEqual(CanonicalRequest.canonicalQuery(raw), "%E1%88%B4=x%2Fy&a=~&b=2&flag=")
        XCTAssertEqual(CanonicalRequest.canonicalQuery(CanonicalRequest.parameters(of: .raw(""))), "")
    }

    func testSortingIsByteOrderNotAlphabetical() {
        // Upper case sorts before lower case, and encoded names sort by their escapes.
        let pairs = CanonicalRequest.parameters(of: .pairs([("a", "1"), ("B", "1"), ("_", "1"), ("~", "1"), (" ", "1")]))
        XCTAssertEqual(CanonicalRequest.canonicalQuery(pairs), "%20=1&B=1&_=1&a=1&~=1")
    }

    func testDescriptionIsTheSpecificationLayout() throws {
        let request = try CanonicalRequest(
            method: "PUT", path: "/index/_doc/1", query: .pairs([("refresh", "true")]),
            headers: [("Host", "example.com"), ("Content-Type", "application/json")], payloadHash: emptyHash)
        XCTAssertEqual(
            request.description,
            "PUT\n/index/_doc/1\nrefresh=true\ncontent-type:application/json\nhost:example.com\n\ncontent-type;host\n" + emptyHash)
        XCTAssertEqual(request.signedHeaders, "content-type;host")
        XCTAssertEqual(request.utf8Bytes(), Array(request.description.utf8))
    }

    func testBadMethodsAreRefused() {
        for method in ["", "GET POST", "G\nET"] {
            XCTAssertThrowsError(
                try CanonicalRequest(method: method, path: "/", headers: [("host", "h")], payloadHash: emptyHash)
            ) { error in
                XCTAssertEqual((error as? SigV4Error)?.code, .invalidMethod)
            }
        }
    }
}
