import Foundation
import HTTP
import XCTest

/// A request that must not arrive twice is never resent, by libcurl or by us.
final class HTTPClientResendTests: XCTestCase {
    func testNoResendWhenTheRequestMustNotArriveTwice() throws {
        let server = try TestServer()
        let client = try HTTPClient.local()
        XCTAssertEqual(try client.send(HTTPRequest(url: server.base + "/echo")).status, 200)
        assertHTTPError(.connectionReset) {
            try client.send(HTTPRequest(method: "POST", url: server.base + "/drop-once?id=b", body: [1],
                                        repeatable: false))
        }
        let stats = try HTTPClient.local().json(ServerStats.self, HTTPRequest(url: server.base + "/stats"))
        XCTAssertEqual(stats.hits["/drop-once"], 1, "sent once, never again")
        XCTAssertEqual(client.retryCount, 0)
        XCTAssertEqual(client.connectionsOpened, 2, "on a fresh connection, where nobody resends")
    }
}
