import XCTest
@testable import LambdaRuntime

final class RuntimeAPIEndpointTests: XCTestCase {
    func testAcceptedForms() throws {
        let cases: [(String, String, Int, String)] = [
            ("127.0.0.1:9001", "127.0.0.1", 9001, ""),
            ("localhost", "localhost", 80, ""),
            ("http://127.0.0.1:9001", "127.0.0.1", 9001, ""),
            ("http://127.0.0.1:9001/", "127.0.0.1", 9001, ""),
            ("http://127.0.0.1:9001/base", "127.0.0.1", 9001, "/base"),
            ("HTTP://example.internal/a/b/", "example.internal", 80, "/a/b"),
            ("[::1]:9001", "[::1]", 9001, ""),
            ("http://[::1]/x", "[::1]", 80, "/x"),
        ]
        for (text, host, port, base) in cases {
            let e = try RuntimeAPIEndpoint(parsing: text)
            XCTAssertEqual(e, try RuntimeAPIEndpoint(parsing: text))
            XCTAssertEqual(e.host, host, text)
            XCTAssertEqual(e.port, port, text)
            XCTAssertEqual(e.basePath, base, text)
        }
    }

    func testURLsOfTheAPIPaths() throws {
        let plain = try RuntimeAPIEndpoint(parsing: "127.0.0.1:9001")
        XCTAssertEqual(plain.url(RuntimeAPI.nextPath), "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next")
        let based = try RuntimeAPIEndpoint(parsing: "http://127.0.0.1:9001/base/")
        XCTAssertEqual(based.url(RuntimeAPI.responsePath(requestID: "abc")),
                       "http://127.0.0.1:9001/base/2018-06-01/runtime/invocation/abc/response")
        XCTAssertEqual(based.url(RuntimeAPI.errorPath(requestID: "abc")),
                       "http://127.0.0.1:9001/base/2018-06-01/runtime/invocation/abc/error")
        XCTAssertEqual(based.url(RuntimeAPI.initErrorPath), "http://127.0.0.1:9001/base/2018-06-01/runtime/init/error")
    }

    func testRefusedForms() {
        for bad in ["", ":9001", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:90a1",
                    "https://127.0.0.1:9001", "ftp://h:1", "127.0.0.1 :9001", "[::1", "[::1]x", "user@h:1",
                    "http://h:1/base?q", "http://h:1/b#f", "h\u{e9}:1"] {
            XCTAssertThrowsError(try RuntimeAPIEndpoint(parsing: bad), bad) { error in
                XCTAssertEqual((error as? RuntimeError)?.code, .invalidRuntimeAPIEndpoint, bad)
            }
        }
    }
}
