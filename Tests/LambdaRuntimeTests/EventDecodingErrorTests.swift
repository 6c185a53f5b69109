import XCTest
@testable import LambdaRuntime

final class EventDecodingErrorTests: XCTestCase {
    func decode(_ text: String) throws -> HTTPEventRequest {
        try HTTPEventRequest(decoding: Array(text.utf8))
    }

    func assertRefused(_ text: String, _ code: RuntimeError.Code, _ phrase: String, line: UInt = #line) {
        XCTAssertThrowsError(try decode(text), line: line) { error in
            let e = error as? RuntimeError
            XCTAssertEqual(e?.code, code, text, line: line)
            XCTAssertTrue(e?.message.contains(phrase) ?? false, "\(error)", line: line)
        }
    }

    func testNonJSONAndNonObjects() {
        assertRefused("", .eventNotJSON, "not JSON")
        assertRefused("hello", .eventNotJSON, "not JSON")
        assertRefused(#"{"httpMethod":"GET","path":"/",}"#, .eventNotJSON, "not JSON")
        assertRefused("[1]", .unsupportedEvent, "JSON array")
        assertRefused(#""GET /""#, .unsupportedEvent, "JSON string")
        assertRefused(#"{"statusCode":200}"#, .unsupportedEvent, "not an API Gateway")
    }

    func testByteOrderMarkIsAccepted() throws {
        let r = try HTTPEventRequest(decoding: [0xEF, 0xBB, 0xBF] + Array(#"{"httpMethod":"GET","path":"/a"}"#.utf8))
        XCTAssertEqual(r.kind, .restAPI)
        XCTAssertEqual(r.path, "/a")
        XCTAssertThrowsError(try HTTPEventRequest(decoding: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("{}".utf8)))
    }

    func testWebSocketAndAuthorizerRequestsAreRefused() {
        assertRefused(#"{"requestContext":{"eventType":"CONNECT","connectionId":"x"},"httpMethod":"GET","path":"/"}"#,
                      .unsupportedEvent, "WebSocket")
        assertRefused(#"{"type":"TOKEN","methodArn":"arn:x","authorizationToken":"t"}"#, .unsupportedEvent, "authorizer")
        assertRefused(#"{"version":"2.0","type":"REQUEST","routeArn":"arn:x","requestContext":{"http":{"method":"GET"}}}"#,
                      .unsupportedEvent, "authorizer")
    }

    func testMissingOrMistypedFieldsNameTheField() {
        assertRefused(#"{"httpMethod":"GET"}"#, .invalidEvent, "path is missing")
        assertRefused(#"{"httpMethod":"GET","path":5}"#, .invalidEvent, "path must be a string")
        assertRefused(#"{"httpMethod":"GET","path":"/","headers":{"a":1}}"#, .invalidEvent, "headers.a must be a string")
        assertRefused(#"{"httpMethod":"GET","path":"/","multiValueHeaders":{"a":"b"}}"#, .invalidEvent,
                      "multiValueHeaders.a must be an array")
        assertRefused(#"{"version":"2.0","requestContext":{"http":{"path":"/"}}}"#, .invalidEvent,
                      "requestContext.http.method is missing")
        assertRefused(#"{"httpMethod":"GET","path":"/","body":"x","isBase64Encoded":"yes"}"#, .invalidEvent,
                      "isBase64Encoded must be a Boolean")
    }

    func testInvalidBase64BodyIsRefused() {
        assertRefused(#"{"httpMethod":"POST","path":"/","body":"not base64!","isBase64Encoded":true}"#, .invalidBase64,
                      "isBase64Encoded")
    }

    func testNullsAreAbsent() throws {
        let r = try decode(#"{"httpMethod":"GET","path":"/","headers":null,"multiValueHeaders":null,"body":null,"queryStringParameters":{"a":null}}"#)
        XCTAssertEqual(r.headers.count, 0)
        XCTAssertEqual(r.body, [])
        XCTAssertTrue(r.query.isEmpty)
        XCTAssertFalse(r.usedMultiValueHeaders)
    }

    func testQueryStringDecoding() {
        let q = QueryString.parse("a=1&b=x%20y&a=%E2%9C%93&c&d=&=e&bad=%zz&plus=a+b&&")
        XCTAssertEqual(q.map { "\($0.name)|\($0.value)" },
                       ["a|1", "b|x y", "a|\u{2713}", "c|", "d|", "|e", "bad|%zz", "plus|a+b"])
    }

    func testHeadersAreCaseInsensitiveAndKeepRepeats() {
        var h = HTTPHeaders([("Accept", "a"), ("X-Y", "1"), ("x-y", "2")])
        XCTAssertEqual(h["accept"], "a")
        XCTAssertEqual(h.values("X-y"), ["1", "2"])
        h.set("X-Y", "3")
        XCTAssertEqual(h.values("x-y"), ["3"])
        XCTAssertNil(h["missing"])
    }
}
