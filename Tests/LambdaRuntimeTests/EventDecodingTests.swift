import Foundation
import TestSupport
import XCTest
@testable import LambdaRuntime

/// Exact decoding of chosen corpus events. Expectations were read off the files by hand; the
/// complete header set of each is also compared with an independent reading of the file.
final class EventDecodingTests: XCTestCase {
    struct Expect {
        let file: String
        let kind: HTTPEventRequest.Kind
        let method: String
        let path: String
        var rawPath: String? = nil
        /// Header name (in a different case than the file where possible) and all its values.
        var headers: [(String, [String])] = []
        /// The full query list, in order.
        var query: [(String, String)] = []
        let body: String
        var sourceIP: String? = nil
        var requestID: String? = nil
        var stage: String? = nil
        var multi = false
    }

    static let cases: [Expect] = [
        // REST API, payload 1.0
        Expect(file: "swift-aws-lambda-events/APIGatewayTests.todoPostEventBody.json", kind: .restAPI,
               method: "POST", path: "/todos", rawPath: "/todos",
               headers: [("content-type", ["application/json"]), ("HOST", ["127.0.0.1:3000"])],
               body: #"{"title":"a todo"}"#, sourceIP: "127.0.0.1", requestID: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
               stage: "test", multi: true),
        Expect(file: "aws-lambda-rust-runtime/lambda-http/tests/data/apigw_multi_value_proxy_request.json", kind: .restAPI,
               method: "POST", path: "/hello/world", rawPath: "/hello/world", headers: [("headername", ["headerValue"])],
               query: [("name", "me"), ("multiValueName", "you"), ("multiValueName", "me")],
               body: "{\r\n\t\"a\": 1\r\n}", sourceIP: "192.168.196.186", requestID: "deef4878-7910-11e6-8f14-25afc3e9ae33",
               stage: "testStage", multi: true),
        Expect(file: "aws-lambda-dotnet/Libraries/test/Amazon.Lambda.AspNetCoreServer.Test/values-put-withbody-apigateway-request.json",
               kind: .restAPI, method: "PUT", path: "/api/bodytests", rawPath: "/api/bodytests",
               headers: [("CONTENT-TYPE", ["application/json"]), ("contentlength", ["45"])],
               body: #"{"firstName":"Smith","lastName": "Agent"}"#, sourceIP: "127.0.0.1", requestID: "test-invoke-request",
               stage: "test-invoke-stage", multi: false),
        Expect(file: "aws-lambda-java-libs/aws-lambda-java-tests/src/test/resources/apigw_rest_event.json", kind: .restAPI,
               method: "GET", path: "/my/path", rawPath: "/my/path",
               headers: [("header2", ["value1", "value2"]), ("header3", ["value1,value2"])],
               query: [("parameter1", "value1"), ("parameter2", "value1"), ("parameter2", "value2")],
               body: "Hello from Lambda!", sourceIP: "IP", requestID: "id=", stage: "$default", multi: true),
        Expect(file: "aws-sam-cli/rendered-defaults/apigateway-aws-proxy.json", kind: .restAPI, method: "POST",
               path: "/path/to/resource", rawPath: "/prod/path/to/resource", headers: [("cache-control", ["max-age=0"])],
               query: [("foo", "bar")], body: #"{"test":"body"}"#, sourceIP: "127.0.0.1",
               requestID: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", stage: "prod", multi: true),
        Expect(file: "powertools-lambda-python/tests/events/apiGatewayProxyEvent.json", kind: .restAPI, method: "GET",
               path: "/my/path", headers: [("origin", ["https://aws.amazon.com"]), ("Header2", ["value1", "value2"])],
               query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")],
               body: "Hello from Lambda!", sourceIP: "192.168.0.1/32", requestID: "id=", stage: "$default", multi: true),
        Expect(file: "swift-aws-lambda-events/APIGatewayTests.postEventBodyNilHeaders.json", kind: .restAPI,
               method: "POST", path: "/todos", headers: [("host", ["127.0.0.1:3000"])], body: #"{"title":"a todo"}"#,
               stage: "test", multi: true),
        Expect(file: "aws-lambda-dotnet/Libraries/test/Amazon.Lambda.AspNetCoreServer.Test/values-get-all-httpapi-request.json",
               kind: .restAPI, method: "GET", path: "/api/resourcepath",
               headers: [("host", ["atm5u4y7o1.execute-api.us-west-2.amazonaws.com"])], body: "",
               sourceIP: "192.182.149.40", requestID: nil, stage: "$default", multi: true),
        // HTTP API, payload 2.0
        Expect(file: "aws-lambda-rust-runtime/lambda-http/tests/data/apigw_v2_proxy_request.json", kind: .httpAPI,
               method: "POST", path: "/my/path", rawPath: "/my/path",
               headers: [("HEADER2", ["value2"]), ("cookie", ["cookie1=value1; cookie2=value2"])],
               query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")],
               body: "Hello from Lambda", sourceIP: "IP", requestID: "id", stage: "$default"),
        Expect(file: "aws-sam-cli/rendered-defaults/apigateway-http-api-proxy.json", kind: .httpAPI, method: "POST",
               path: "/path/to/resource", headers: [("header2", ["value1,value2"]), ("Cookie", ["cookie1; cookie2"])],
               query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")],
               body: #"{"test":"body"}"#, sourceIP: "192.168.0.1/32", requestID: "id", stage: "$default"),
        Expect(file: "swift-aws-lambda-events/APIGateway+V2Tests.requestWithBase64Body.json", kind: .httpAPI,
               method: "POST", path: "/hello", body: "Hello World!", sourceIP: "127.0.0.1", requestID: "LgLpnibOFiAEPCA=",
               stage: "$default"),
        Expect(file: "powertools-lambda-python/tests/events/apiGatewayProxyV2Event.json", kind: .httpAPI, method: "POST",
               path: "/my/path", query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")],
               body: #"{"message": "hello world", "username": "tom"}"#, sourceIP: "192.168.0.1/32"),
        Expect(file: "aws-lambda-dotnet/Libraries/test/Amazon.Lambda.AspNetCoreServer.Test/cookies-get-multiple-httpapi-v2-request.json",
               kind: .httpAPI, method: "GET", path: "/api/cookietests/TestCookie3",
               headers: [("cookie", ["TestCookie1=TestValue1; TestCookie2=TestValue2; TestCookie3=TestValue3"]),
                         ("Accept", ["*/*"])],
               body: "", sourceIP: "192.182.149.40", requestID: "J7jk9g-7oAMEJGw="),
        Expect(file: "aws-lambda-dotnet/Libraries/test/Amazon.Lambda.AspNetCoreServer.Test/values-get-querystring-httpapi-v2-mv-request.json",
               kind: .httpAPI, method: "GET", path: "/api/querystring",
               query: [("firstName", "Lewis"), ("lastName", "Meriwether"), ("mv-test", "value1"), ("mv-test", "value2")],
               body: ""),
        Expect(file: "aws-lambda-rust-runtime/lambda-http/tests/data/apigw_request_path_with_space.json", kind: .httpAPI,
               method: "POST", path: "/my/path-with space", rawPath: "/my/path-with space",
               query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")], body: "Hello from Lambda"),
        // Lambda Function URL
        Expect(file: "swift-aws-lambda-events/FunctionURLTests.documentationExample.json", kind: .functionURL,
               method: "POST", path: "/my/path", headers: [("Header2", ["value1,value2"]), ("cookie", ["cookie1; cookie2"])],
               query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")],
               body: "Hello from client!", sourceIP: "123.123.123.123", requestID: "id", stage: "$default"),
        Expect(file: "swift-aws-lambda-events/FunctionURLTests.requestWithBase64Body.json", kind: .functionURL,
               method: "POST", path: "/test", body: "Hello from client!", sourceIP: "123.123.123.123"),
        Expect(file: "powertools-lambda-python/tests/events/lambdaFunctionUrlEventWithHeaders.json", kind: .functionURL,
               method: "GET", path: "/", headers: [("X-Amzn-TLS-Version", ["TLSv1.2"])],
               // rawQueryString is empty in this file, so queryStringParameters (comma-joined) is used.
               query: [("parameter1", "value1,value2"), ("parameter2", "value")], body: "", requestID: "id"),
        Expect(file: "aws-lambda-rust-runtime/lambda-http/tests/data/lambda_function_url_request.json", kind: .functionURL,
               method: "GET", path: "/my/path", headers: [("Cookie", ["test=hi"])],
               query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")], body: "",
               sourceIP: "65.78.31.245", requestID: "MIZRNhJtIAMEMDw="),
        // Application Load Balancer
        Expect(file: "aws-lambda-rust-runtime/lambda-http/tests/data/alb_multi_value_request.json",
               kind: .applicationLoadBalancer, method: "GET", path: "/", headers: [("Cookie", ["name1=value1", "name2=value2"])],
               query: [("myKey", "val1"), ("myKey", "val2"), ("myOtherKey", "val3"), ("myOtherKey", "val4")],
               body: "request_body", sourceIP: "72.21.198.66", multi: true),
        Expect(file: "aws-lambda-rust-runtime/lambda-http/tests/data/alb_request.json", kind: .applicationLoadBalancer,
               method: "GET", path: "/", headers: [("COOKIE", ["cookies"])], query: [("myKey", "val2")],
               body: "request_body", sourceIP: "72.21.198.66"),
        Expect(file: "aws-sam-cli/rendered-defaults/alb-request.json", kind: .applicationLoadBalancer, method: "POST",
               path: "/path/to/resource", query: [("query", "1234ABCD")], body: #"{"test":"body"}"#,
               sourceIP: "72.12.164.125"),
        Expect(file: "aws-lambda-dotnet/Libraries/test/Amazon.Lambda.AspNetCoreServer.Test/values-put-binary-alb-request.json",
               kind: .applicationLoadBalancer, method: "PUT", path: "/api/binary", headers: [("Content-Type", ["text/plain"])],
               body: "Greetings, programs!", sourceIP: "72.21.198.66"),
        Expect(file: "powertools-lambda-python/tests/events/albMultiValueQueryStringEvent.json",
               kind: .applicationLoadBalancer, method: "GET", path: "/todos", headers: [("HEADER2", ["value1", "value2"])],
               query: [("parameter1", "value1"), ("parameter1", "value2"), ("parameter2", "value")], body: "",
               sourceIP: "123.123.123.123", multi: true),
        Expect(file: "aws-lambda-java-libs/aws-lambda-java-tests/src/test/resources/elb_event.json",
               kind: .applicationLoadBalancer, method: "GET", path: "/", body: "Hello from ELB", sourceIP: "192.0.2.1"),
    ]

    func testChosenEventsDecodeExactly() throws {
        let root = try Corpora.require("events")
        for c in Self.cases {
            let bytes = Array(try Data(contentsOf: root.appendingPathComponent(c.file)))
            let r: HTTPEventRequest
            do { r = try HTTPEventRequest(decoding: bytes) } catch { XCTFail("\(c.file): \(error)"); continue }
            XCTAssertEqual(r.kind, c.kind, c.file)
            XCTAssertEqual(r.method, c.method, c.file)
            XCTAssertEqual(r.path, c.path, c.file)
            XCTAssertEqual(r.rawPath, c.rawPath ?? c.path, c.file)
            for (name, values) in c.headers {
                XCTAssertEqual(r.headers.values(name), values, "\(c.file) header \(name)")
            }
            XCTAssertEqual(r.headers.map { "\($0.name.lowercased()): \($0.value)" }.sorted(),
                           try Self.headerFields(in: Data(bytes), kind: c.kind), "\(c.file): the exact header set")
            XCTAssertEqual(r.query.map { "\($0.name)=\($0.value)" }, c.query.map { "\($0.0)=\($0.1)" }, c.file)
            XCTAssertEqual(r.body, Array(c.body.utf8), c.file)
            if let ip = c.sourceIP { XCTAssertEqual(r.sourceIP, ip, c.file) }
            if let id = c.requestID { XCTAssertEqual(r.requestID, id, c.file) }
            if let stage = c.stage { XCTAssertEqual(r.stage, stage, c.file) }
            XCTAssertEqual(r.usedMultiValueHeaders, c.multi, c.file)
        }
        let kinds = Set(Self.cases.map(\.kind.rawValue))
        XCTAssertEqual(kinds.count, 4)
        XCTAssertGreaterThanOrEqual(Self.cases.count, 20)
    }

    /// Every header field of an event by its payload's rules, read with Foundation's parser (an
    /// oracle independent of ours): payload 1.0 and ALB carry `multiValueHeaders` when they used
    /// them, else `headers`; 2.0 and Function URLs carry `headers` plus `cookies`, which arrive as
    /// one `cookie` field joined by "; " (unless the event kept its `cookie` header too).
    static func headerFields(in data: Data, kind: HTTPEventRequest.Kind) throws -> [String] {
        let event = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var fields: [String] = []
        if kind == .restAPI || kind == .applicationLoadBalancer,
           let multi = event["multiValueHeaders"] as? [String: Any], !multi.isEmpty {
            for (name, values) in multi {
                for value in values as? [String] ?? [] { fields.append("\(name.lowercased()): \(value)") }
            }
        } else {
            for (name, value) in event["headers"] as? [String: Any] ?? [:] {
                if let value = value as? String { fields.append("\(name.lowercased()): \(value)") }
            }
        }
        if kind == .httpAPI || kind == .functionURL, let cookies = event["cookies"] as? [String], !cookies.isEmpty,
           !fields.contains(where: { $0.hasPrefix("cookie: ") }) {
            fields.append("cookie: " + cookies.joined(separator: "; "))
        }
        return fields.sorted()
    }
}
