import Foundation
import HTTP
import XCTest

/// Keep-alive, reuse counters and the transparent reconnect after an idle close.
final class HTTPClientConnectionTests: XCTestCase {
    func testTwoHundredRequestsUseOneConnection() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        for i in 0..<200 {
            let method = ["GET", "PUT", "POST", "HEAD"][i % 4]
            let response = try client.send(HTTPRequest(method: method, url: server.base + "/echo", body: method == "GET" || method == "HEAD" ? [] : [UInt8(i % 256)]))
            XCTAssertEqual(response.status, 200)
        }
        // Asked on the same client, so the stats request itself rides the same connection.
        let stats = try client.json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        XCTAssertEqual(stats.connections, 1, "server accepted more than one connection")
        XCTAssertEqual(stats.hits["/echo"], 200)
        XCTAssertEqual(client.connectionsOpened, 1)
        XCTAssertEqual(client.connectionReuseCount, 200)
        XCTAssertEqual(client.retryCount, 0)
    }

    func testServerClosingTheIdleConnectionIsTransparent() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        for _ in 0..<3 {
            // The server answers, then silently closes the kept-alive connection.
            XCTAssertEqual(try client.send(HTTPRequest(url: server.base + "/close-after")).body, Array("bye".utf8))
            let next = try client.send(HTTPRequest(method: "PUT", url: server.base + "/echo", body: Array("after close".utf8)))
            XCTAssertEqual(next.status, 200)
        }
        let stats = try client.json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        // close-after on connection 1; each PUT (and the next close-after) opens the next one,
        // whose close the next PUT meets; /stats rides the fourth.
        XCTAssertEqual(stats.connections, 4)
        XCTAssertEqual(stats.hits["/echo"], 3, "each PUT arrived exactly once")
        XCTAssertEqual(client.connectionsOpened, 4)
        XCTAssertEqual(client.connectionReuseCount, 3, "close-after 2 and 3 and /stats reused a connection")
    }

    /// What Lambda sees after a freeze: the peer reset the idle connection long ago.
    func testConnectionResetWhileIdleIsTransparent() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        // Asks the server, on a connection of its own, whether it has reset the idle one yet.
        let watcher = try HTTPClient.local()
        for round in 0..<3 {
            XCTAssertEqual(try client.send(HTTPRequest(url: server.base + "/idle-reset?ms=50")).status, 200)
            XCTAssertTrue(try waitUntil { try watcher.json(ServerStats.self, HTTPRequest(url: server.base + "/stats")).resets == round + 1 },
                          "the server did not reset the idle connection within 5 s")
            let echo = try client.json(Echo.self, HTTPRequest(method: "POST", url: server.base + "/echo", body: Array("round \(round)".utf8)))
            XCTAssertEqual(echo.body, "round \(round)")
        }
        let stats = try client.json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        XCTAssertEqual(stats.hits["/echo"], 3, "each POST arrived exactly once")
        XCTAssertEqual(watcher.connectionsOpened, 1)
        XCTAssertEqual(stats.connections, 5, "the client's: one per idle-reset round, plus the first; and the watcher's")
        XCTAssertEqual(client.connectionsOpened, 4)
    }

    func testResponseCutShortIsReportedAndNotResent() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        XCTAssertEqual(try client.send(HTTPRequest(url: server.base + "/echo")).status, 200)
        // On the reused connection: headers and part of the body arrive, then the close.
        assertHTTPError(.connectionReset) { try client.send(HTTPRequest(method: "PUT", url: server.base + "/truncate", body: [1, 2, 3])) }
        let stats = try HTTPClient.local().json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        XCTAssertEqual(stats.hits["/truncate"], 1, "a request that got a response must not be resent")
        XCTAssertEqual(client.retryCount, 0)
        // The client is still usable afterwards.
        XCTAssertEqual(try client.send(HTTPRequest(url: server.base + "/echo")).status, 200)
    }

    func testServerDroppingEveryRequestFailsAsConnectionReset() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        let error = assertHTTPError(.connectionReset) { try client.send(HTTPRequest(url: server.base + "/drop")) }
        XCTAssertEqual(error?.curlCode, 52, "empty reply")
        XCTAssertTrue(error?.message.contains("127.0.0.1:\(server.port)") ?? false, error?.message ?? "")
    }

    func testDroppedRequestOnReusedConnectionIsSentAtMostTwice() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        XCTAssertEqual(try client.send(HTTPRequest(url: server.base + "/echo")).status, 200)
        assertHTTPError(.connectionReset) { try client.send(HTTPRequest(method: "POST", url: server.base + "/drop", body: [7])) }
        let stats = try HTTPClient.local().json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        XCTAssertLessThanOrEqual(stats.hits["/drop"] ?? 0, 2, "one send plus at most one resend on a fresh connection")
        XCTAssertGreaterThanOrEqual(stats.hits["/drop"] ?? 0, 1)
    }

    func testSeparateClientsUseSeparateConnections() throws {
        let server = try TestServer()
        let a = try HTTPClient.local()
        let b = try HTTPClient.local()
        for _ in 0..<5 {
            _ = try a.send(HTTPRequest(url: server.base + "/echo"))
            _ = try b.send(HTTPRequest(url: server.base + "/echo"))
        }
        XCTAssertEqual(a.connectionsOpened, 1)
        XCTAssertEqual(b.connectionsOpened, 1)
        let stats = try a.json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        XCTAssertEqual(stats.connections, 2)
    }
}
