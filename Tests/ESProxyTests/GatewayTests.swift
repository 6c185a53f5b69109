import JSON
import JSONSchema
import XCTest
@testable import ESProxy

final class GatewayTests: XCTestCase {
    var store = MemoryStore()
    var logs = LogLines()
    let now: UInt64 = 1_796_078_467_123

    func gateway(maxBody: Int = 1 << 20) throws -> Gateway {
        let routes = try RouteTable([Route(path: "/", index: "bigsurvey", schemaFile: "schemas/bigsurvey.json",
                                           schema: Fixtures.bigsurvey())])
        let clock = FakeClock(now)
        return Gateway(routes: routes, store: store,
                       ids: DocumentIDGenerator(scheme: .uuid4, clock: clock, random: SystemRandom()),
                       maxBodyBytes: maxBody, clock: clock, log: logs.logger)
    }

    func post(_ body: String, path: String = "/", method: String = "POST",
              contentType: String? = "application/json", maxBody: Int = 1 << 20) throws -> (Int, JSON, GatewayResponse) {
        let r = try gateway(maxBody: maxBody).handle(GatewayRequest(
            method: method, path: path, contentType: contentType, body: Array(body.utf8), requestID: "req-1",
            deadlineUnixMilliseconds: now + 10_000))
        return (r.status, try JSONParser.parse(r.body), r)
    }

    let blogDocument = #"{"agree": true, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}"#

    func testTheBlogTestDriveIsStoredWithIdAndTimestamp() throws {
        let (status, body, response) = try post(blogDocument)
        XCTAssertEqual(status, 201)
        XCTAssertEqual(response.headers.first?.value, "application/json")
        XCTAssertEqual(body["result"], "created")
        XCTAssertEqual(body["index"], "bigsurvey")
        let id = try XCTUnwrap(body["id"]?.stringValue)
        XCTAssertTrue(DocumentTests.isCanonicalUUID(id, version: "4"))
        XCTAssertEqual(store.documents.count, 1)
        XCTAssertEqual(store.documents[0].id, id)
        XCTAssertEqual(store.documents[0].index, "bigsurvey")
        XCTAssertEqual(store.documents[0].document, [
            "agree": true, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10",
            "@timestamp": "2026-11-30T22:41:07.123Z",
        ])
        let log = try JSONParser.parse(logs.lines.last!)
        XCTAssertEqual(log["status"], 201)
        XCTAssertEqual(log["documentId"]?.stringValue, id)
        XCTAssertEqual(log["validation"], "passed")
        XCTAssertEqual(log["requestId"], "req-1")
    }

    func testValuesAreKeptExactly() throws {
        let doc = #"{"anumber": 123456789012345678901234567890.50, "textblob": "caf\u00e9 \ud83d\ude00 \"q\" \\ é", "ipaddr": "10.0.0.1"}"#
        XCTAssertEqual(try post(doc).0, 201)
        let stored = store.documents[0].document.serialized()
        XCTAssertTrue(stored.contains(#""anumber":123456789012345678901234567890.50"#), stored)
        XCTAssertTrue(stored.contains(#""textblob":"café 😀 \"q\" \\ é""#), stored)
    }

    func testTheBlogBadRequestGetsEveryError() throws {
        let (status, body, _) = try post(#"{"agree": true, "anumber": "one", "textblob": "abc sdf", "ipaddr": "999.1.1.1"}"#)
        XCTAssertEqual(status, 400)
        XCTAssertEqual(body["error"], "validation_failed")
        XCTAssertEqual(body["requestId"], "req-1")
        let details = try XCTUnwrap(body["details"]?.arrayValue)
        XCTAssertEqual(Set(details.compactMap { $0["instanceLocation"]?.stringValue }), ["/anumber", "/ipaddr"])
        XCTAssertTrue(details.contains { $0["message"]?.stringValue?.contains("ipv4") == true }, "\(details)")
        XCTAssertTrue(store.documents.isEmpty)
        XCTAssertEqual(try JSONParser.parse(logs.lines.last!)["validation"], "failed")
    }

    func testClientCannotSendItsOwnTimestamp() throws {
        let (status, body, _) = try post(#"{"anumber": 1, "textblob": "a", "ipaddr": "1.2.3.4", "@timestamp": "1999-01-01T00:00:00Z"}"#)
        XCTAssertEqual(status, 400)
        XCTAssertEqual(body["error"], "validation_failed")
        XCTAssertTrue(store.documents.isEmpty)
    }

    func testTimestampAndSchemaErrorsComeInOneAnswer() throws {
        // A schema that allows any field: the gateway's own rule still refuses `@timestamp`, in the
        // same answer as the schema's errors, so the client sees everything to fix at once.
        let schema = try Schema(JSONParser.parse(Array(#"{"properties": {"anumber": {"type": "number"}}}"#.utf8)))
        let clock = FakeClock(now)
        let g = Gateway(routes: try RouteTable([Route(path: "/", index: "open", schemaFile: "open.json", schema: schema)]),
                        store: store, ids: DocumentIDGenerator(scheme: .uuid4, clock: clock, random: SystemRandom()),
                        maxBodyBytes: 1 << 20, clock: clock, log: logs.logger)
        let r = g.handle(GatewayRequest(method: "POST", path: "/", contentType: "application/json",
                                        body: Array(#"{"anumber": "one", "@timestamp": "1999-01-01T00:00:00Z"}"#.utf8),
                                        requestID: "req-2", deadlineUnixMilliseconds: now + 10_000))
        XCTAssertEqual(r.status, 400)
        let details = try XCTUnwrap(try JSONParser.parse(r.body)["details"]?.arrayValue)
        let pairs = Set(details.compactMap { d in
            d["instanceLocation"]?.stringValue.flatMap { i in d["keywordLocation"]?.stringValue.map { "\(i) \($0)" } }
        })
        XCTAssertEqual(pairs, ["/anumber /properties/anumber/type", "/@timestamp /properties/@timestamp"])
        XCTAssertTrue(store.documents.isEmpty)
        XCTAssertEqual(try JSONParser.parse(logs.lines.last!)["validationErrors"], 2)
    }

    func testRefusalsNeverReachTheStore() throws {
        let cases: [(String, String, String, String?, Int, String)] = [
            (blogDocument, "/nope", "POST", "application/json", 404, "not_found"),
            (blogDocument, "/", "GET", "application/json", 405, "method_not_allowed"),
            (blogDocument, "/", "PUT", "application/json", 405, "method_not_allowed"),
            (blogDocument, "/", "POST", "text/plain", 415, "unsupported_media_type"),
            (blogDocument, "/", "POST", nil, 415, "unsupported_media_type"),
            ("{\"anumber\": 1,}", "/", "POST", "application/json", 400, "invalid_json"),
            ("{\"a\":1,\"a\":2}", "/", "POST", "application/json", 400, "invalid_json"),
            ("\u{FEFF}" + blogDocument, "/", "POST", "application/json", 400, "invalid_json"),
            ("1", "/", "POST", "application/json", 400, "not_an_object"),
            ("null", "/", "POST", "application/json", 400, "not_an_object"),
            ("", "/", "POST", "application/json", 400, "invalid_json"),
        ]
        for (body, path, method, type, status, code) in cases {
            let (s, b, r) = try post(body, path: path, method: method, contentType: type)
            XCTAssertEqual(s, status, "\(method) \(path) \(type ?? "-") \(body)")
            XCTAssertEqual(b["error"]?.stringValue, code)
            XCTAssertEqual(b["status"], .number(JSONNumber(status)))
            if status == 405 { XCTAssertTrue(r.headers.contains { $0.name == "Allow" && $0.value == "POST" }) }
        }
        XCTAssertTrue(store.documents.isEmpty)
    }

    func testOversizedBody() throws {
        let (status, body, _) = try post(blogDocument, maxBody: 20)
        XCTAssertEqual(status, 413)
        XCTAssertEqual(body["error"], "payload_too_large")
        XCTAssertTrue(store.documents.isEmpty)
    }

    func testDeepNestingFailsCleanly() throws {
        let deep = "{\"anumber\":1,\"textblob\":\"a\",\"ipaddr\":\"1.1.1.1\",\"x\":" + String(repeating: "[", count: 100_000)
        let (status, body, _) = try post(deep)
        XCTAssertEqual(status, 400)
        XCTAssertEqual(body["error"], "invalid_json")
    }

    func testStoreFailureIsAnsweredAndLogged() throws {
        store.next = WriteReport(error: GatewayError(.domainUnavailable, "the document store is unavailable"), retries: 3, lastStatus: 503)
        let (status, body, _) = try post(blogDocument)
        XCTAssertEqual(status, 502)
        XCTAssertEqual(body["error"], "domain_unavailable")
        let log = try JSONParser.parse(logs.lines.last!)
        XCTAssertEqual(log["level"], "ERROR")
        XCTAssertEqual(log["retries"], 3)
        XCTAssertEqual(log["domainStatus"], 503)
    }

    func testLogsNeverHoldTheBody() throws {
        _ = try post(#"{"anumber": 1, "textblob": "SECRET-BODY-TEXT", "ipaddr": "1.1.1.1"}"#)
        _ = try post(#"{"anumber": "SECRET-BODY-TEXT", "textblob": "x", "ipaddr": "1.1.1.1"}"#)
        XCTAssertFalse(logs.lines.joined().contains("SECRET-BODY-TEXT"))
    }

    func testTextLogFormatAndLevels() throws {
        let sink = LogLines()
        let text = InvocationLogger(level: .warn, format: .text, clock: FakeClock(0)) { sink.lines.append($0) }
        var r = InvocationRecord(requestID: "r", method: "POST", path: "/", status: 201)
        text.invocation(r)
        XCTAssertTrue(sink.lines.isEmpty, "INFO is below WARN")
        r.status = 502
        r.error = "domain_unavailable"
        text.invocation(r)
        XCTAssertEqual(sink.lines.count, 1)
        // The text form: `TIMESTAMP LEVEL invocation key=value ...`, the fields of the documented schema.
        let fields = try LogSchema.textFields(try XCTUnwrap(sink.lines.first))
        try LogSchema.assertValid(fields)
        XCTAssertEqual(fields["timestamp"], "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(fields["level"], "ERROR")
        XCTAssertEqual(fields["status"], 502)
        XCTAssertEqual(fields["error"], "domain_unavailable")
    }

    func testEveryLogLineMatchesTheDocumentedSchema() throws {
        _ = try post(blogDocument)
        _ = try post(#"{"anumber": "one"}"#)
        _ = try post("{", path: "/")
        _ = try post(blogDocument, path: "/nope")
        _ = try post(blogDocument, method: "GET")
        store.next = WriteReport(error: GatewayError(.domainUnavailable, "down"), retries: 2, domainMilliseconds: 4, lastStatus: 503)
        _ = try post(blogDocument)
        XCTAssertEqual(logs.lines.count, 6)
        for line in logs.lines { try LogSchema.assertValid(JSONParser.parse(Array(line.utf8))) }
    }

    func testTextLogCannotBeForgedByTheClient() throws {
        let sink = LogLines()
        let text = InvocationLogger(level: .info, format: .text, clock: FakeClock(0)) { sink.lines.append($0) }
        let r = InvocationRecord(requestID: "r", method: "POST", path: "/x\r\n1970-01-01T00:00:00.000Z ERROR forged status=500",
                                 status: 404)
        text.invocation(r)
        XCTAssertEqual(sink.lines.count, 1)
        XCTAssertFalse(sink.lines[0].contains("\n") || sink.lines[0].contains("\r"))
        XCTAssertTrue(sink.lines[0].contains(#"path="/x\r\n1970-01-01T00:00:00.000Z ERROR forged status=500""#), sink.lines[0])
    }
}
