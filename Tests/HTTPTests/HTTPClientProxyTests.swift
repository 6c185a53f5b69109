import Foundation
import HTTP
import XCTest

/// `ignoreProxyEnvironment` keeps libcurl from routing through `http_proxy`.
final class HTTPClientProxyTests: XCTestCase {
    private let variables = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"]
    private var saved: [String: String] = [:]

    override func setUp() {
        saved = ProcessInfo.processInfo.environment.filter { variables.contains($0.key) }
        for name in variables { unsetenv(name) }
    }

    override func tearDown() {
        for name in variables { unsetenv(name) }
        for (name, value) in saved { setenv(name, value, 1) }
    }

    func testProxyEnvironmentIsHonouredUnlessIgnored() throws {
        let server = try TestServer()
        let deadProxy = try TestServer()
        let proxyPort = deadProxy.port
        deadProxy.stop()
        setenv("http_proxy", "http://127.0.0.1:\(proxyPort)", 1)

        let direct = try HTTPClient(.init(ignoreProxyEnvironment: true))
        XCTAssertEqual(try direct.send(HTTPRequest(url: server.base + "/echo")).status, 200)

        // The control: the same variable does reach libcurl when not ignored.
        let proxied = try HTTPClient(.init(ignoreProxyEnvironment: false))
        let error = assertHTTPError(.connectionRefused) { try proxied.send(HTTPRequest(url: server.base + "/echo")) }
        XCTAssertNotNil(error)
    }
}
