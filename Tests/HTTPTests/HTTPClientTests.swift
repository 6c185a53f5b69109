import Foundation
import HTTP
import XCTest

/// Request/response round trips against the local test server.
final class HTTPClientTests: XCTestCase {
    func testGetReturnsStatusHeadersAndBody() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let response = try client.send(HTTPRequest(url: server.base + "/echo?x=1"))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("content-type"), "application/json")
        XCTAssertEqual(response.header("CONTENT-LENGTH"), String(response.body.count))
        let echo = try JSONDecoder().decode(Echo.self, from: Data(response.body))
        XCTAssertEqual(echo.method, "GET")
        XCTAssertEqual(echo.path, "/echo?x=1")
        XCTAssertEqual(echo.bodyLength, 0)
        XCTAssertEqual(echo.header("Content-Length"), [], "a bodyless GET sends no Content-Length")
    }

    func testPutAndPostSendBodyAndHeadersVerbatim() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        for method in ["PUT", "POST", "PATCH"] {
            let body = Array("{\"n\":\"\(method)\",\"bin\":\"\u{00}\u{01}\"}".utf8)
            let echo = try client.json(Echo.self, HTTPRequest(
                method: method, url: server.base + "/echo",
                headers: [("Content-Type", "application/json"), ("X-Custom", "v1"), ("x-custom", "v2")],
                body: body))
            XCTAssertEqual(echo.method, method)
            XCTAssertEqual(echo.body.map { Array($0.utf8) }, body)
            XCTAssertEqual(echo.bodyLength, body.count)
            XCTAssertEqual(echo.header("Content-Type"), ["application/json"])
            XCTAssertEqual(echo.header("X-Custom"), ["v1", "v2"])
            XCTAssertEqual(echo.header("Content-Length"), [String(body.count)])
        }
    }

    func testCurlDefaultHeadersAreNotAdded() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        // 2 MB is above libcurl's threshold for adding Expect: 100-continue.
        let body = [UInt8](repeating: 0x41, count: 2 << 20)
        let echo = try client.json(Echo.self, HTTPRequest(method: "POST", url: server.base + "/echo", body: body))
        XCTAssertEqual(echo.bodyLength, body.count)
        XCTAssertEqual(echo.header("Expect"), [])
        XCTAssertEqual(echo.header("Accept"), [])
        XCTAssertEqual(echo.header("Content-Type"), [])
        XCTAssertEqual(echo.header("User-Agent"), [])
    }

    func testCallerMaySetTheSuppressedHeadersAndEmptyValues() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let echo = try client.json(Echo.self, HTTPRequest(
            method: "POST", url: server.base + "/echo",
            headers: [("Accept", "application/json"), ("X-Empty", "")], body: [1]))
        XCTAssertEqual(echo.header("Accept"), ["application/json"])
        XCTAssertEqual(echo.header("X-Empty"), [""])
    }

    func testEmptyBodiesPerMethod() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let put = try client.json(Echo.self, HTTPRequest(method: "PUT", url: server.base + "/echo"))
        XCTAssertEqual(put.method, "PUT")
        XCTAssertEqual(put.header("Content-Length"), ["0"])
        let delete = try client.json(Echo.self, HTTPRequest(method: "DELETE", url: server.base + "/echo"))
        XCTAssertEqual(delete.method, "DELETE")
        XCTAssertEqual(delete.header("Content-Length"), [])
        // A GET with a body (OpenSearch _search style) after the others: no method state leaks.
        let get = try client.json(Echo.self, HTTPRequest(method: "GET", url: server.base + "/echo", body: Array("q".utf8)))
        XCTAssertEqual(get.method, "GET")
        XCTAssertEqual(get.body, "q")
        let plain = try client.json(Echo.self, HTTPRequest(url: server.base + "/echo"))
        XCTAssertEqual(plain.method, "GET")
        XCTAssertEqual(plain.bodyLength, 0)
    }

    func testHeadReturnsHeadersWithoutBody() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let head = try client.send(HTTPRequest(method: "HEAD", url: server.base + "/bytes?n=1000"))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), "1000")
        XCTAssertEqual(head.body, [])
        // The next request on the same handle must not inherit NOBODY.
        let get = try client.send(HTTPRequest(url: server.base + "/bytes?n=1000"))
        XCTAssertEqual(get.body.count, 1000)
    }

    func testStatusCodesAreResponsesNotErrors() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        for code in [200, 201, 204, 400, 403, 404, 409, 429, 500, 503] {
            let response = try client.send(HTTPRequest(url: server.base + "/status?code=\(code)"))
            XCTAssertEqual(response.status, code)
            XCTAssertEqual(response.body, code == 204 ? [] : Array("status \(code)".utf8))
        }
    }

    func testRedirectsAreNotFollowed() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let response = try client.send(HTTPRequest(url: server.base + "/redirect"))
        XCTAssertEqual(response.status, 302)
        XCTAssertEqual(response.header("location"), "/echo")
        XCTAssertEqual(response.body, Array("moved".utf8))
    }

    func testDuplicateFoldedAndPaddedResponseHeaders() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let response = try client.send(HTTPRequest(url: server.base + "/multi"))
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.headers.filter { $0.name.lowercased() == "x-dup" }.map(\.value), ["first", "second"])
        XCTAssertEqual(response.header("X-DUP"), "first")
        XCTAssertEqual(response.header("x-folded"), "part one part two")
        XCTAssertEqual(response.header("x-spaces"), "padded")
        XCTAssertNil(response.header("x-absent"))
        XCTAssertFalse(response.headers.contains { $0.name.hasPrefix("HTTP/") }, "the status line is not a header")
    }

    func testBigBodiesBothWays() throws {
        let server = try TestServer()
        let client = try HTTPClient.local(timeoutMilliseconds: 60_000)
        let size = 5 * 1024 * 1024
        let download = try client.send(HTTPRequest(url: server.base + "/bytes?n=\(size)"))
        XCTAssertEqual(download.body.count, size)
        XCTAssertTrue(download.body.enumerated().allSatisfy { $0.element == UInt8($0.offset % 251) }, "body bytes differ from the pattern")

        let upload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let echo = try client.json(Echo.self, HTTPRequest(method: "PUT", url: server.base + "/echo", body: upload))
        XCTAssertEqual(echo.bodyLength, size)
        XCTAssertEqual(echo.bodySHA256, sha256Hex(upload))
    }
}

/// SHA-256 via the openssl CLI (tests may shell out; the HTTP module does not hash).
func sha256Hex(_ bytes: [UInt8]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl", "dgst", "-sha256", "-r"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    guard (try? process.run()) != nil else { return "openssl failed to start" }
    let writer = Thread { input.fileHandleForWriting.write(Data(bytes)); try? input.fileHandleForWriting.close() }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}
