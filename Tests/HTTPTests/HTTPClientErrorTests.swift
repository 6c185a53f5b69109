import Foundation
import HTTP
import TestSupport
import XCTest

/// Transport failures map to the right `HTTPError.Code` with a message naming the destination.
final class HTTPClientErrorTests: XCTestCase {
    func testRefusedPort() throws {
        let port = try LoopbackPort.closed()
        let client = try HTTPClient.local()
        let error = assertHTTPError(.connectionRefused) { try client.send(HTTPRequest(url: "http://127.0.0.1:\(port)/x")) }
        XCTAssertTrue(error?.message.hasPrefix("connection refused by 127.0.0.1:\(port)") ?? false, error?.message ?? "")
        XCTAssertEqual(error?.curlCode, 7)
    }

    func testUnresolvableHost() throws {
        let client = try HTTPClient.local()
        let error = assertHTTPError(.dnsFailure) { try client.send(HTTPRequest(url: "http://nonexistent.invalid/")) }
        XCTAssertTrue(error?.message.contains("nonexistent.invalid") ?? false, error?.message ?? "")
    }

    func testRequestTimeoutAndPerRequestOverride() throws {
        let server = try TestServer()
        let client = try HTTPClient(.init(timeoutMilliseconds: 200, ignoreProxyEnvironment: true))
        let error = assertHTTPError(.timeout) { try client.send(HTTPRequest(url: server.base + "/sleep?ms=3000")) }
        XCTAssertEqual(error?.curlCode, 28)
        // A per-request limit wins over the client's default, both ways.
        XCTAssertEqual(try client.send(HTTPRequest(url: server.base + "/sleep?ms=400", timeoutMilliseconds: 10_000)).status, 200)
        let unlimited = try HTTPClient.local(timeoutMilliseconds: nil)
        assertHTTPError(.timeout) { try unlimited.send(HTTPRequest(url: server.base + "/sleep?ms=3000", timeoutMilliseconds: 200)) }
        XCTAssertEqual(try unlimited.send(HTTPRequest(url: server.base + "/sleep?ms=300")).status, 200)
    }

    func testInvalidURLs() throws {
        let client = try HTTPClient.local()
        for url in ["ftp://127.0.0.1/x", "127.0.0.1/x", "", "http://exa mple/", "http://[::1/"] {
            assertHTTPError(.invalidURL) { try client.send(HTTPRequest(url: url)) }
        }
    }

    func testHeaderInjectionAndBadMethodAreRejected() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let url = server.base + "/echo"
        assertHTTPError(.invalidRequest) { try client.send(HTTPRequest(url: url, headers: [("X-A", "1\r\nX-B: 2")])) }
        assertHTTPError(.invalidRequest) { try client.send(HTTPRequest(url: url, headers: [("X A", "1")])) }
        assertHTTPError(.invalidRequest) { try client.send(HTTPRequest(url: url, headers: [("", "1")])) }
        assertHTTPError(.invalidRequest) { try client.send(HTTPRequest(method: "GET /x", url: url)) }
        assertHTTPError(.invalidRequest) { try client.send(HTTPRequest(method: "", url: url)) }
        let stats = try client.json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        XCTAssertNil(stats.hits["/echo"], "rejected requests must not be sent")
    }

    func testMissingConfiguredCABundleFailsAtInit() {
        assertHTTPError(.caBundleNotFound) { try HTTPClient(.init(caBundlePath: "/nonexistent/ca.pem")) }
    }
}
