import JSON
import LambdaRuntime
import XCTest
@testable import ESProxy

/// Batches through the gateway: a JSON array or NDJSON in, one `_bulk` out, a result per item.
final class BatchTests: XCTestCase {
    let store = MemoryStore()
    let logs = LogLines()
    let now: UInt64 = 1_796_078_467_123
    static let good = #"{"agree": true, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}"#

    func gateway(maxItems: Int = 500, ids: DocumentIDScheme = .uuid4) throws -> Gateway {
        let clock = FakeClock(now)
        return Gateway(routes: try RouteTable([Route(path: "/", index: "bigsurvey", schemaFile: "s", schema: Fixtures.bigsurvey())]),
                       store: store, ids: DocumentIDGenerator(scheme: ids, clock: clock, random: SystemRandom()),
                       maxBodyBytes: 8 << 20, maxBatchItems: maxItems, clock: clock, log: logs.logger)
    }

    func post(_ body: String, type: String = "application/json", keys: [String] = [], maxItems: Int = 500,
              ids: DocumentIDScheme = .uuid4) throws -> (Int, JSON) {
        let r = try gateway(maxItems: maxItems, ids: ids).handle(GatewayRequest(
            method: "POST", path: "/", contentType: type, body: Array(body.utf8), requestID: "req-b",
            deadlineUnixMilliseconds: now + 10_000, idempotencyKeys: keys))
        return (r.status, try JSONParser.parse(r.body))
    }

    func testAnArrayOfValidDocumentsIsCreatedWithOneTimestamp() throws {
        let (status, body) = try post("[\(Self.good), \(Self.good), \(Self.good)]")
        XCTAssertEqual(status, 201)
        XCTAssertEqual(body["created"], 3)
        XCTAssertEqual(body["failed"], 0)
        let items = try XCTUnwrap(body["items"]?.arrayValue)
        XCTAssertEqual(items.map { $0["status"] }, [201, 201, 201])
        XCTAssertEqual(Set(items.compactMap { $0["id"]?.stringValue }), Set(store.documents.map(\.id)))
        XCTAssertEqual(store.documents.count, 3)
        XCTAssertEqual(Set(store.documents.map { $0.document["@timestamp"] }), ["2026-11-30T22:41:07.123Z"])
        XCTAssertTrue(store.documents.allSatisfy { $0.document["ipaddr"] == "192.168.10.10" })
    }

    func testEachItemIsJudgedAloneInInputOrder() throws {
        let bad = #"{"anumber": "one", "textblob": "x", "ipaddr": "1.1.1.1"}"#
        let stamped = #"{"anumber": 1, "textblob": "x", "ipaddr": "1.1.1.1", "@timestamp": "x"}"#
        let (status, body) = try post("[\(Self.good), 7, \(bad), \(stamped), \(Self.good)]")
        XCTAssertEqual(status, 207)
        XCTAssertEqual(body["created"], 2)
        XCTAssertEqual(body["failed"], 3)
        let items = try XCTUnwrap(body["items"]?.arrayValue)
        XCTAssertEqual(items.map { $0["status"] }, [201, 400, 400, 400, 201])
        XCTAssertEqual(items.map { $0["error"]?.stringValue }, [nil, "not_an_object", "validation_failed", "validation_failed", nil])
        XCTAssertEqual(items[2]["details"]?.arrayValue?.first?["instanceLocation"], "/anumber")
        XCTAssertTrue(items[3]["details"]!.arrayValue!.contains { $0["keywordLocation"] == "/properties/@timestamp" })
        XCTAssertEqual(store.documents.count, 2)
        let log = try JSONParser.parse(Array(logs.lines.last!.utf8))
        XCTAssertEqual(log["items"], 5)
        XCTAssertEqual(log["created"], 2)
        XCTAssertEqual(log["failed"], 3)
        XCTAssertEqual(log["validationFailures"], 2)
        XCTAssertEqual(log["validation"], "batch")
        try LogSchema.assertValid(log)
    }

    func testNDJSONLinesWithCRLFBlankLinesAndNoFinalNewline() throws {
        let body = "\(Self.good)\r\n\r\n{oops\n\(Self.good)"
        let (status, answer) = try post(body, type: "application/x-ndjson")
        XCTAssertEqual(status, 207)
        let items = try XCTUnwrap(answer["items"]?.arrayValue)
        XCTAssertEqual(items.map { $0["status"] }, [201, 400, 400, 201])
        XCTAssertEqual(items[1]["error"], "invalid_json")
        XCTAssertTrue(items[2]["message"]!.stringValue!.hasPrefix("line 3 "), "\(items[2])")
        XCTAssertEqual(try post("\(Self.good)\n\(Self.good)\n", type: "application/x-ndjson").0, 201, "a final newline ends the last line")
    }

    func testWholeBatchRefusalsStoreNothing() throws {
        let cases: [(String, String, Int, String)] = [
            ("[]", "application/json", 400, "empty_batch"),
            ("", "application/x-ndjson", 400, "empty_batch"),
            ("[\(Self.good),", "application/json", 400, "invalid_json"),
            ("[\(Self.good)] x", "application/json", 400, "invalid_json"),
            ("[\(Self.good), \(Self.good), \(Self.good)]", "application/json", 413, "too_many_items"),
            ([Self.good, Self.good, Self.good].joined(separator: "\n"), "application/x-ndjson", 413, "too_many_items"),
        ]
        for (body, type, status, code) in cases {
            let (got, answer) = try post(body, type: type, maxItems: 2)
            XCTAssertEqual(got, status, body)
            XCTAssertEqual(answer["error"]?.stringValue, code, body)
            XCTAssertEqual(answer["requestId"], "req-b")
        }
        XCTAssertTrue(store.documents.isEmpty)
    }

    func testKeyedBatchesDeriveAnIdPerPositionAndReplay() throws {
        // uuid5(uuid5(NAMESPACE_URL, "urn:esproxy:idempotency-key"), "bigsurvey\na\n0" / "\n1"), Python.
        let (status, first) = try post("[\(Self.good), \(Self.good)]", keys: ["a"])
        XCTAssertEqual(status, 201)
        XCTAssertEqual(first["items"]?.arrayValue?.map { $0["id"] },
                       ["8148b111-d2e1-56ec-aa5b-d2751a25cc98", "cb110105-da02-516f-9f95-6a16ff694538"])
        let (again, replay) = try post("[\(Self.good), \(Self.good), \(Self.good)]", keys: ["a"])
        XCTAssertEqual(again, 201, "every item created or already there under its key")
        XCTAssertEqual(replay["items"]?.arrayValue?.map { $0["status"] }, [200, 200, 201])
        XCTAssertEqual(replay["items"]?.arrayValue?.first?["result"], "exists")
        XCTAssertEqual(replay["existing"], 2)
        XCTAssertEqual(store.documents.count, 3)
    }

    func testDetailsAreCappedInTotalSoTheAnswerStaysSmall() throws {
        let body = "[" + Array(repeating: "{}", count: 10_000).joined(separator: ",") + "]"
        let r = try gateway(maxItems: 10_000).handle(GatewayRequest(
            method: "POST", path: "/", contentType: "application/json", body: Array(body.utf8), requestID: "r",
            deadlineUnixMilliseconds: now + 10_000))
        XCTAssertEqual(r.status, 207)
        XCTAssertLessThan(r.body.count, 3 << 20, "far below Lambda's 6 MB response limit")
        let answer = try JSONParser.parse(r.body)
        XCTAssertEqual(answer["detailsTruncated"], true)
        let items = try XCTUnwrap(answer["items"]?.arrayValue)
        XCTAssertEqual(items.count, 10_000)
        XCTAssertTrue(items.allSatisfy { $0["error"] == "validation_failed" })
        XCTAssertNotNil(items.first?["details"])
        XCTAssertEqual(items.last?["detailsOmitted"], true)
        XCTAssertTrue(store.documents.isEmpty)
    }

    func testDomainAssignedIdsInABatch() throws {
        let (status, body) = try post("[\(Self.good), \(Self.good)]", ids: .none)
        XCTAssertEqual(status, 201)
        XCTAssertEqual(body["items"]?.arrayValue?.map { $0["id"] }, ["domain-1", "domain-2"])
    }

    func testASingleObjectIsNoBatch() throws {
        let (status, body) = try post(Self.good)
        XCTAssertEqual(status, 201)
        XCTAssertEqual(body["result"], "created")
        XCTAssertNil(body["items"])
    }
}
