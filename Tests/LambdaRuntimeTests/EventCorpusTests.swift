import Foundation
import TestSupport
import XCTest
@testable import LambdaRuntime

/// Every event in the shared corpus (`events/INDEX.tsv`) decodes to its kind or is refused with
/// the error for its kind.
final class EventCorpusTests: XCTestCase {
    struct Row {
        let path: String
        let kind: String
        let base64: Bool
        let multiValueHeaders: Bool
        let nonEmptyBody: Bool
        let bom: Bool
    }

    func rows() throws -> (URL, [Row]) {
        let root = try Corpora.require("events")
        let index = try String(contentsOf: root.appendingPathComponent("INDEX.tsv"), encoding: .utf8)
        let rows = index.split(separator: "\n").dropFirst().map { line -> Row in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(path: f[0], kind: f[1], base64: f[2] == "yes", multiValueHeaders: f[3] == "yes",
                       nonEmptyBody: f[4] == "yes", bom: f[5] == "yes")
        }
        return (root, rows)
    }

    static let decodedKinds: [String: HTTPEventRequest.Kind] = [
        "apigw-v1-rest-request": .restAPI, "apigw-v2-http-request": .httpAPI,
        "function-url-request": .functionURL, "alb-request": .applicationLoadBalancer,
    ]
    /// Refused kinds and a phrase their message must contain.
    static let refusedKinds: [String: String] = [
        "apigw-websocket-request": "WebSocket", "apigw-v1-authorizer-request": "authorizer",
        "apigw-v2-authorizer-request": "authorizer", "response": "not an API Gateway",
        "authorizer-response": "not an API Gateway", "vpc-lattice-request": "not an API Gateway",
    ]

    /// Fixtures that mark a plain-text body `isBase64Encoded: true`: the strict decoder refuses them.
    static let invalidBase64Bodies: [String: String] = [
        "aws-lambda-dotnet/Libraries/test/EventsTests.Shared/alb-request-multi-value.json": "not really base64",
        "aws-lambda-dotnet/Libraries/test/EventsTests.Shared/alb-request-single-value.json": "not really base64",
        "aws-lambda-dotnet/Libraries/test/EventsTests.Shared/http-api-v2-request.json": "Hello from Lambda",
        "powertools-lambda-python/tests/events/apiGatewayProxyEventAnotherPath.json": "Hello from Lambda!",
        "powertools-lambda-python/tests/events/apiGatewayProxyEventPathTrailingSlash.json": "Hello from Lambda!",
        "powertools-lambda-python/tests/events/apiGatewayProxyEvent_noVersionAuth.json": "Hello from Lambda!",
    ]

    func testEveryIndexedEvent() throws {
        let (root, rows) = try rows()
        XCTAssertEqual(rows.count, 267)
        var decoded = 0, refused = 0
        for row in rows {
            let bytes = Array(try Data(contentsOf: root.appendingPathComponent(row.path)))
            XCTAssertEqual(bytes.starts(with: [0xEF, 0xBB, 0xBF]), row.bom, row.path)
            if let badBody = Self.invalidBase64Bodies[row.path] {
                XCTAssertNotNil(Self.decodedKinds[row.kind], row.path)
                XCTAssertTrue(row.base64, row.path)
                XCTAssertThrowsError(try HTTPEventRequest(decoding: bytes), row.path) { error in
                    XCTAssertEqual((error as? RuntimeError)?.code, .invalidBase64, row.path)
                }
                XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("\"body\": \"\(badBody)\""), row.path)
                refused += 1
            } else if let kind = Self.decodedKinds[row.kind] {
                do {
                    let request = try HTTPEventRequest(decoding: bytes)
                    XCTAssertEqual(request.kind, kind, row.path)
                    XCTAssertFalse(request.method.isEmpty, row.path)
                    XCTAssertFalse(request.path.isEmpty, row.path)
                    XCTAssertEqual(!request.body.isEmpty, row.nonEmptyBody, row.path)
                    if kind == .restAPI || kind == .applicationLoadBalancer {
                        XCTAssertEqual(request.usedMultiValueHeaders, row.multiValueHeaders, row.path)
                    }
                    decoded += 1
                } catch {
                    XCTFail("\(row.path): \(error)")
                }
            } else if let phrase = Self.refusedKinds[row.kind] {
                XCTAssertThrowsError(try HTTPEventRequest(decoding: bytes), row.path) { error in
                    let e = error as? RuntimeError
                    XCTAssertEqual(e?.code, .unsupportedEvent, row.path)
                    XCTAssertTrue(e?.message.contains(phrase) ?? false, "\(row.path): \(error)")
                }
                refused += 1
            } else {
                XCTFail("unknown kind \(row.kind) in INDEX.tsv")
            }
        }
        XCTAssertEqual(decoded, 83 + 62 + 10 + 37 - Self.invalidBase64Bodies.count)
        XCTAssertEqual(refused, 267 - decoded)
    }

    func testBase64BodiesDecode() throws {
        let (root, rows) = try rows()
        let marked = rows.filter { $0.base64 && Self.decodedKinds[$0.kind] != nil && Self.invalidBase64Bodies[$0.path] == nil }
        XCTAssertFalse(marked.isEmpty)
        for row in marked {
            let request = try HTTPEventRequest(decoding: Array(try Data(contentsOf: root.appendingPathComponent(row.path))))
            // The raw body text is base64; the decoded body is its decoding, shorter by a quarter.
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent(row.path))) as? [String: Any]
            let text = (json?["body"] as? String) ?? ""
            XCTAssertEqual(request.body, Array(Data(base64Encoded: text) ?? Data()), row.path)
        }
    }

    func testTrailingCommaFileIsNotJSON() throws {
        let root = try Corpora.require("events")
        let url = root.appendingPathComponent(
            "swift-aws-lambda-events/APIGatewayLambdaAuthorizerTest.getEventWithLambdaAuthorizer.INVALID-trailing-comma.json.txt")
        XCTAssertThrowsError(try HTTPEventRequest(decoding: Array(try Data(contentsOf: url)))) { error in
            XCTAssertEqual((error as? RuntimeError)?.code, .eventNotJSON)
            XCTAssertTrue("\(error)".contains("line"), "\(error)")
        }
    }
}
