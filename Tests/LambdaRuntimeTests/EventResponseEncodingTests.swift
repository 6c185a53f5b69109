import JSON
import XCTest
@testable import LambdaRuntime

final class EventResponseEncodingTests: XCTestCase {
    func request(_ kind: HTTPEventRequest.Kind, multi: Bool = false) -> HTTPEventRequest {
        HTTPEventRequest(kind: kind, method: "GET", path: "/", usedMultiValueHeaders: multi)
    }

    /// 201 with one plain header, two cookies and a text body.
    var response: HTTPEventResponse {
        var h = HTTPHeaders()
        h.add("Content-Type", "application/json")
        h.add("Set-Cookie", "a=1; Path=/")
        h.add("set-cookie", "b=2")
        return HTTPEventResponse(status: 201, headers: h, body: Array(#"{"ok":true}"#.utf8))
    }

    func encoded(_ r: HTTPEventResponse, for req: HTTPEventRequest) throws -> JSON {
        try JSONParser.parse(r.encoded(for: req))
    }

    func testRESTWithoutMultiValueHeadersPutsRepeatedNamesInMultiValueHeaders() throws {
        let expected: JSON = [
            "statusCode": 201,
            "headers": ["Content-Type": "application/json"],
            "multiValueHeaders": ["Set-Cookie": ["a=1; Path=/", "b=2"]],
            "body": #"{"ok":true}"#, "isBase64Encoded": false,
        ]
        XCTAssertEqual(try encoded(response, for: request(.restAPI)), expected)
    }

    func testRESTWithMultiValueHeadersUsesOnlyThem() throws {
        let expected: JSON = [
            "statusCode": 201,
            "multiValueHeaders": ["Content-Type": ["application/json"], "Set-Cookie": ["a=1; Path=/", "b=2"]],
            "body": #"{"ok":true}"#, "isBase64Encoded": false,
        ]
        XCTAssertEqual(try encoded(response, for: request(.restAPI, multi: true)), expected)
    }

    func testHTTPAPIAndFunctionURLMoveSetCookieToCookies() throws {
        let expected: JSON = [
            "statusCode": 201,
            "headers": ["Content-Type": "application/json"],
            "cookies": ["a=1; Path=/", "b=2"],
            "body": #"{"ok":true}"#, "isBase64Encoded": false,
        ]
        XCTAssertEqual(try encoded(response, for: request(.httpAPI)), expected)
        XCTAssertEqual(try encoded(response, for: request(.functionURL)), expected)
    }

    func testALBWithMultiValueHeadersUsesOnlyThemAndHasAStatusDescription() throws {
        let expected: JSON = [
            "statusCode": 201, "statusDescription": "201 Created",
            "multiValueHeaders": ["Content-Type": ["application/json"], "Set-Cookie": ["a=1; Path=/", "b=2"]],
            "body": #"{"ok":true}"#, "isBase64Encoded": false,
        ]
        let json = try encoded(response, for: request(.applicationLoadBalancer, multi: true))
        XCTAssertEqual(json, expected)
        XCTAssertNil(json["headers"])
    }

    func testALBWithoutMultiValueHeadersJoinsRepeatedNames() throws {
        let expected: JSON = [
            "statusCode": 201, "statusDescription": "201 Created",
            "headers": ["Content-Type": "application/json", "Set-Cookie": "a=1; Path=/, b=2"],
            "body": #"{"ok":true}"#, "isBase64Encoded": false,
        ]
        XCTAssertEqual(try encoded(response, for: request(.applicationLoadBalancer)), expected)
    }

    func testBinaryBodiesAreBase64() throws {
        let binary = HTTPEventResponse(status: 200, body: [0xFF, 0x00, 0xFE])
        let json = try encoded(binary, for: request(.httpAPI))
        XCTAssertEqual(json["body"], "/wD+")
        XCTAssertEqual(json["isBase64Encoded"], true)
        let forced = HTTPEventResponse(status: 200, body: Array("hi".utf8), forceBase64: true)
        XCTAssertEqual(try encoded(forced, for: request(.restAPI))["body"], "aGk=")
    }

    func testUnknownStatusHasANumberOnlyDescription() throws {
        let json = try encoded(HTTPEventResponse(status: 299), for: request(.applicationLoadBalancer))
        XCTAssertEqual(json["statusDescription"], "299")
        XCTAssertEqual(json["body"], "")
    }

    func testAdapterRoundTripThroughTheLoop() throws {
        let event = #"{"version":"2.0","rawPath":"/x","requestContext":{"http":{"method":"POST","path":"/x"}},"body":"aGk=","isBase64Encoded":true}"#
        let client = FakeRuntimeAPIClient([.success(invocation("a", event: event)), .success(invocation("b", event: "[]"))])
        // Decode, answer, encode in the request's shape: what the gateway's handler does.
        let handler = ClosureHandler { event, ctx in
            let req = try HTTPEventRequest(decoding: event)
            return HTTPEventResponse(status: 200, body: Array("\(req.method) \(req.path) \(String(decoding: req.body, as: UTF8.self)) \(ctx.requestID)".utf8))
                .encoded(for: req)
        }
        try LambdaRuntime.run(client: client, handler: handler, options: TestLog().options(limit: 2))
        guard case .respond("a", let body) = client.posts.first else { return XCTFail("\(client.posts)") }
        let expected: JSON = ["statusCode": 200, "headers": [:], "body": "POST /x hi a", "isBase64Encoded": false]
        XCTAssertEqual(try JSONParser.parse(body), expected)
        guard case .error("b", "Runtime.UnsupportedEvent", let message, _) = client.posts.last else {
            return XCTFail("\(client.posts)")
        }
        XCTAssertTrue(message.contains("JSON array"), message)
    }
}
