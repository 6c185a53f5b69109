import Foundation
import HTTP
import XCTest

/// HTTPS against a test server with a certificate made at test time.
final class HTTPClientTLSTests: XCTestCase {
    func testRightCAVerifiesAndConnectionIsReused() throws {
        let tls = try TLSFixture()
        let cert = try tls.makeCertificate("server", subjectAltName: "IP:127.0.0.1,DNS:localhost")
        let server = try TestServer(certificate: cert.certificate, key: cert.key)
        let client = try HTTPClient(.init(caBundlePath: cert.certificate, ignoreProxyEnvironment: true))
        for i in 0..<10 {
            let echo = try client.json(Echo.self, HTTPRequest(method: "PUT", url: "https://127.0.0.1:\(server.port)/echo", body: Array("tls \(i)".utf8)))
            XCTAssertEqual(echo.body, "tls \(i)")
        }
        XCTAssertEqual(client.connectionsOpened, 1)
        let stats = try client.json(ServerStats.self, HTTPRequest(url: "https://localhost:\(server.port)/stats"))
        XCTAssertGreaterThanOrEqual(stats.connections, 1)
    }

    func testWrongCAFailsVerification() throws {
        let tls = try TLSFixture()
        let cert = try tls.makeCertificate("server", subjectAltName: "IP:127.0.0.1")
        let other = try tls.makeCertificate("other", subjectAltName: "IP:127.0.0.1")
        let server = try TestServer(certificate: cert.certificate, key: cert.key)
        let client = try HTTPClient(.init(caBundlePath: other.certificate, ignoreProxyEnvironment: true))
        let url = "https://127.0.0.1:\(server.port)/echo"
        let error = assertHTTPError(.tls) { try client.send(HTTPRequest(url: url)) }
        XCTAssertEqual(error?.message.hasPrefix("TLS: certificate verify failed for \(url)"), true, error?.message ?? "")
        let stats = try HTTPClient(.init(caBundlePath: cert.certificate, ignoreProxyEnvironment: true))
            .json(ServerStats.self, HTTPRequest(url: "https://127.0.0.1:\(server.port)/stats"))
        XCTAssertNil(stats.hits["/echo"], "no request may be sent over an unverified connection")
    }

    func testHostNameMismatchFails() throws {
        let tls = try TLSFixture()
        let cert = try tls.makeCertificate("server", subjectAltName: "DNS:elsewhere.example")
        let server = try TestServer(certificate: cert.certificate, key: cert.key)
        let client = try HTTPClient(.init(caBundlePath: cert.certificate, ignoreProxyEnvironment: true))
        assertHTTPError(.tls) { try client.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo")) }
    }

    /// The client insists on TLS 1.2+. (Debian's system OpenSSL policy refuses TLS 1.1 as well;
    /// this guards platforms whose policy does not.)
    func testServerLimitedToTLS11IsRefused() throws {
        let tls = try TLSFixture()
        let cert = try tls.makeCertificate("server", subjectAltName: "IP:127.0.0.1")
        let server = try TestServer(certificate: cert.certificate, key: cert.key, maxTLS11: true)
        let client = try HTTPClient(.init(caBundlePath: cert.certificate, ignoreProxyEnvironment: true))
        assertHTTPError(.tls) { try client.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo")) }
    }

    func testPlainHTTPClientAgainstTLSServerIsNotAResponse() throws {
        let tls = try TLSFixture()
        let cert = try tls.makeCertificate("server", subjectAltName: "IP:127.0.0.1")
        let server = try TestServer(certificate: cert.certificate, key: cert.key)
        let client = try HTTPClient.local(timeoutMilliseconds: 3_000)
        XCTAssertThrowsError(try client.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/echo")))
    }

    /// Without a configured path the bundle comes from the environment, only for https.
    func testCABundleFromEnvironmentAndPlainHTTPNeedsNone() throws {
        let tls = try TLSFixture()
        let cert = try tls.makeCertificate("server", subjectAltName: "IP:127.0.0.1")
        let server = try TestServer(certificate: cert.certificate, key: cert.key)
        let plain = try TestServer()
        let saved = ProcessInfo.processInfo.environment["SSL_CERT_FILE"]
        defer { if let saved { setenv("SSL_CERT_FILE", saved, 1) } else { unsetenv("SSL_CERT_FILE") } }

        setenv("SSL_CERT_FILE", cert.certificate, 1)
        let viaEnvironment = try HTTPClient(.init(ignoreProxyEnvironment: true))
        XCTAssertEqual(try viaEnvironment.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo")).status, 200)

        setenv("SSL_CERT_FILE", tls.directory.appendingPathComponent("missing.crt").path, 1)
        let broken = try HTTPClient(.init(ignoreProxyEnvironment: true))
        XCTAssertEqual(try broken.send(HTTPRequest(url: plain.base + "/echo")).status, 200, "plain http must not need a CA bundle")
        let error = assertHTTPError(.caBundleNotFound) { try broken.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo")) }
        XCTAssertTrue(error?.message.contains("SSL_CERT_FILE") ?? false, error?.message ?? "")
        XCTAssertEqual(try broken.send(HTTPRequest(url: plain.base + "/echo")).status, 200)

        // With neither variable set the system bundle is used, and it does not trust our cert.
        let savedAWS = ProcessInfo.processInfo.environment["AWS_CA_BUNDLE"]
        defer { if let savedAWS { setenv("AWS_CA_BUNDLE", savedAWS, 1) } }
        unsetenv("SSL_CERT_FILE")
        unsetenv("AWS_CA_BUNDLE")
        guard FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt") else { return }
        let system = try HTTPClient(.init(ignoreProxyEnvironment: true))
        let systemError = assertHTTPError(.tls) { try system.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo")) }
        XCTAssertEqual(systemError?.curlCode, 60)
    }
}
