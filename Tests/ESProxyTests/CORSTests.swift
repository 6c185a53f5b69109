import JSON
import LambdaRuntime
import XCTest
@testable import ESProxy

/// `CORS_ALLOW_ORIGINS`, preflights and the headers on every answer (Fetch standard, CORS protocol).
final class CORSTests: XCTestCase {
    func testOriginsParseAndCompareSchemeAndHostCaseInsensitivelyPortExactly() throws {
        let p = try CORSPolicy(allowOrigins: "https://Survey.Example.com, http://127.0.0.1:8080", maxAgeSeconds: 600)
        XCTAssertTrue(p.allows("https://survey.example.com"))
        XCTAssertTrue(p.allows("HTTPS://SURVEY.EXAMPLE.COM"))
        XCTAssertTrue(p.allows("http://127.0.0.1:8080"))
        XCTAssertFalse(p.allows("http://127.0.0.1:8081"))
        XCTAssertFalse(p.allows("http://127.0.0.1"))
        XCTAssertFalse(p.allows("http://survey.example.com"), "another scheme is another origin")
        XCTAssertFalse(p.allows("https://survey.example.com.evil.com"))
        XCTAssertFalse(p.allows("null"))
        XCTAssertTrue(try CORSPolicy(allowOrigins: "*", maxAgeSeconds: 600).allows("https://anyone.example"))
        XCTAssertTrue(try CORSPolicy(allowOrigins: "http://[::1]:3000", maxAgeSeconds: 1).allows("http://[::1]:3000"))
    }

    func testMalformedEntriesAreInitErrorsNamingTheVariable() {
        for bad in ["https://survey.example.com/", "https://survey.example.com/path", "survey.example.com",
                    "ftp://survey.example.com", "https://*.example.com", "https://a.example.com,", "",
                    "https://user@host", "https://host:99999", "https://host:", "*, https://a.example.com", "https://a b"] {
            XCTAssertThrowsError(try CORSPolicy(allowOrigins: bad, maxAgeSeconds: 600), bad) { error in
                XCTAssertEqual((error as? ConfigError)?.variable, "CORS_ALLOW_ORIGINS", bad)
            }
        }
    }

    func testConfigurationReadsBothVariables() throws {
        let base = ["ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none"]
        XCTAssertNil(try GatewayConfig(environment: LambdaEnvironment(base)).cors)
        let c = try GatewayConfig(environment: LambdaEnvironment(base.merging(["CORS_ALLOW_ORIGINS": "*"]) { $1 }))
        XCTAssertEqual(c.cors?.maxAgeSeconds, 600)
        XCTAssertEqual(c.cors?.origins, .any)
        for bad in ["-1", "86401", "ten"] {
            XCTAssertThrowsError(try GatewayConfig(environment: LambdaEnvironment(
                base.merging(["CORS_ALLOW_ORIGINS": "*", "CORS_MAX_AGE": bad]) { $1 }))) {
                XCTAssertEqual(($0 as? ConfigError)?.variable, "CORS_MAX_AGE")
            }
        }
    }

    // --- through the gateway ---

    let store = MemoryStore()
    let logs = LogLines()
    let page = "https://survey.example.com"
    let blog = #"{"agree": true, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}"#

    func gateway(_ origins: String? = "https://survey.example.com") throws -> Gateway {
        let clock = FakeClock(1_796_078_467_123)
        return Gateway(routes: try RouteTable([Route(path: "/", index: "bigsurvey", schemaFile: "s", schema: Fixtures.bigsurvey())]),
                       store: store, ids: DocumentIDGenerator(scheme: .uuid4, clock: clock, random: SystemRandom()),
                       maxBodyBytes: 1 << 20, cors: try origins.map { try CORSPolicy(allowOrigins: $0, maxAgeSeconds: 600) },
                       clock: clock, log: logs.logger)
    }

    func send(_ g: Gateway, _ method: String, path: String = "/", origin: String?, body: String = "",
              preflight: (String, String?)? = nil) -> GatewayResponse {
        g.handle(GatewayRequest(method: method, path: path, contentType: "application/json", body: Array(body.utf8),
                                requestID: "req", deadlineUnixMilliseconds: 1_796_078_477_123, origin: origin,
                                preflightMethod: preflight?.0, preflightHeaders: preflight?.1))
    }

    func headers(_ r: GatewayResponse) -> [String: String] {
        Dictionary(r.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    func testPreflightFromAnAllowedOrigin() throws {
        let r = send(try gateway(), "OPTIONS", origin: page, preflight: ("POST", "Content-Type, Idempotency-Key"))
        XCTAssertEqual(r.status, 204)
        XCTAssertTrue(r.body.isEmpty)
        let h = headers(r)
        XCTAssertEqual(h["access-control-allow-origin"], page)
        XCTAssertEqual(h["access-control-allow-methods"], "POST")
        XCTAssertEqual(h["access-control-allow-headers"], "content-type, idempotency-key")
        XCTAssertEqual(h["access-control-max-age"], "600")
        XCTAssertEqual(h["vary"], "Origin")
        XCTAssertTrue(store.documents.isEmpty)
        let line = try JSONParser.parse(Array(logs.lines[0].utf8))
        XCTAssertEqual(line["method"], "OPTIONS")
        XCTAssertEqual(line["status"], 204)
        try LogSchema.assertValid(line)
        XCTAssertEqual(headers(send(try gateway("*"), "OPTIONS", origin: page, preflight: ("POST", nil)))["access-control-allow-origin"], "*")
    }

    func testRefusedPreflightsCarryNoCORSHeaders() throws {
        let g = try gateway()
        let cases: [(String, (String, String?), String)] = [
            ("https://evil.example", ("POST", nil), "origin_not_allowed"),
            (page, ("PUT", nil), "header_not_allowed"),
            (page, ("POST", "content-type, x-api-key"), "header_not_allowed"),
        ]
        for (origin, preflight, code) in cases {
            let r = send(g, "OPTIONS", origin: origin, preflight: preflight)
            XCTAssertEqual(r.status, 403, "\(origin) \(preflight)")
            XCTAssertEqual(try JSONParser.parse(r.body)["error"]?.stringValue, code)
            XCTAssertFalse(r.headers.contains { $0.name.lowercased().hasPrefix("access-control-") }, "\(r.headers)")
        }
        XCTAssertEqual(send(g, "OPTIONS", path: "/nope", origin: page, preflight: ("POST", nil)).status, 404)
    }

    func testEveryAnswerToAnAllowedOriginIsReadable() throws {
        let g = try gateway()
        for (method, path, body, status) in [("POST", "/", blog, 201), ("POST", "/", "{}", 400), ("POST", "/nope", blog, 404),
                                             ("GET", "/", "", 405)] {
            let r = send(g, method, path: path, origin: page, body: body)
            XCTAssertEqual(r.status, status)
            let h = headers(r)
            XCTAssertEqual(h["access-control-allow-origin"], page, "\(status)")
            XCTAssertEqual(h["vary"], "Origin")
            XCTAssertEqual(h["access-control-expose-headers"], "Idempotent-Replayed")
        }
        XCTAssertEqual(store.documents.count, 1)
    }

    func testAPostFromAnotherOriginWritesNothing() throws {
        let r = send(try gateway(), "POST", origin: "https://evil.example", body: blog)
        XCTAssertEqual(r.status, 403)
        XCTAssertEqual(try JSONParser.parse(r.body)["error"], "origin_not_allowed")
        XCTAssertNil(headers(r)["access-control-allow-origin"])
        XCTAssertTrue(store.documents.isEmpty)
    }

    func testClientsWithoutOriginAndGatewaysWithoutCORSAreUnaffected() throws {
        let r = send(try gateway(), "POST", origin: nil, body: blog)
        XCTAssertEqual(r.status, 201)
        XCTAssertNil(headers(r)["access-control-allow-origin"])
        let noCORS = try gateway(nil)
        XCTAssertEqual(send(noCORS, "OPTIONS", origin: page, preflight: ("POST", nil)).status, 405, "as before CORS existed")
        let posted = send(noCORS, "POST", origin: "https://anyone.example", body: blog)
        XCTAssertEqual(posted.status, 201)
        XCTAssertFalse(posted.headers.contains { $0.name.lowercased().hasPrefix("access-control-") })
    }
}
