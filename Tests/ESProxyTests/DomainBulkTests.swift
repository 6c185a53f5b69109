import HTTP
import JSON
import SigV4
import XCTest
@testable import ESProxy

/// `DomainClient.bulk`: the `_bulk` body, the per-item results, and which items are sent again.
final class DomainBulkTests: XCTestCase {
    let logs = LogLines()
    let clock = FakeClock(1_796_078_467_000)

    func client(_ t: ScriptedTransport) throws -> DomainClient {
        DomainClient(endpoint: try Endpoint(parsing: "https://search-demo.us-east-1.es.amazonaws.com"), transport: t,
                     signer: try DomainSigner(credentials: Credentials(accessKeyId: "AKIDEXAMPLE",
                                                                       secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                              region: "us-east-1", mode: .es),
                     budgetMilliseconds: 10_000, log: logs.logger, clock: clock, random: FixedRandom.repeating(0))
    }

    func batch(ids: [String?] = ["a", "b", "c"]) -> BulkBatch {
        var b = BulkBatch()
        for (n, id) in ids.enumerated() {
            b.append(id: id, object: JSONObject(uniqueMembers: [("n", .number(JSONNumber(n + 1)))]), lastMember: [])
        }
        return b
    }

    /// An OpenSearch `_bulk` answer (docs: "Bulk", response body) with these item statuses.
    static func answer(_ statuses: [Int], ids: [String?] = []) -> ScriptedTransport.Step {
        let items = statuses.enumerated().map { i, s -> String in
            let id = i < ids.count ? ids[i].map { #""_id":"\#($0)","# } ?? "" : ""
            let error = s >= 300 ? #","error":{"type":"\#(s == 400 ? "mapper_parsing_exception" : "es_rejected_execution_exception")","reason":"r\#(i)"}"# : ""
            return #"{"create":{"_index":"bigsurvey",\#(id)"status":\#(s)\#(error)}}"#
        }
        return .status(200, #"{"took":3,"errors":true,"items":[\#(items.joined(separator: ","))]}"#)
    }

    func run(_ t: ScriptedTransport, _ documents: BulkBatch? = nil) throws -> BulkReport {
        try client(t).bulk(index: "bigsurvey", batch: documents ?? batch(), deadlineUnixMilliseconds: clock.now + 30_000)
    }

    func testTheBodyNamesNoIndexAndIsSigned() throws {
        let t = ScriptedTransport([Self.answer([201, 201, 201])])
        let report = try run(t)
        XCTAssertEqual(report.outcomes, [.created(id: "a"), .created(id: "b"), .created(id: "c")])
        let r = t.requests[0]
        XCTAssertEqual(r.method, "POST")
        XCTAssertEqual(r.url, "https://search-demo.us-east-1.es.amazonaws.com/bigsurvey/_bulk")
        XCTAssertEqual(String(decoding: r.body, as: UTF8.self),
                       "{\"create\":{\"_id\":\"a\"}}\n{\"n\":1}\n{\"create\":{\"_id\":\"b\"}}\n{\"n\":2}\n{\"create\":{\"_id\":\"c\"}}\n{\"n\":3}\n")
        XCTAssertTrue(r.headers.contains { $0.name == "Content-Type" && $0.value == "application/x-ndjson" })
        XCTAssertTrue(r.headers.contains { $0.name == "Authorization" && $0.value.contains("/es/aws4_request") })
        XCTAssertTrue(r.repeatable)
    }

    func testOnlyThrottledAndFailedItemsAreSentAgainWithTheirIds() throws {
        let t = ScriptedTransport([Self.answer([201, 429, 503]), Self.answer([201, 201])])
        let report = try run(t)
        XCTAssertEqual(report.outcomes, [.created(id: "a"), .created(id: "b"), .created(id: "c")])
        XCTAssertEqual(report.retries, 1)
        XCTAssertEqual(String(decoding: t.requests[1].body, as: UTF8.self),
                       "{\"create\":{\"_id\":\"b\"}}\n{\"n\":2}\n{\"create\":{\"_id\":\"c\"}}\n{\"n\":3}\n")
    }

    func testConflictsAndRejections() throws {
        let t = ScriptedTransport([Self.answer([409, 400, 503]), Self.answer([409])])
        let report = try run(t)
        XCTAssertEqual(report.outcomes[0], .existed(id: "a"), "409 on the first attempt: stored by an earlier request")
        guard case .failed(let rejected) = report.outcomes[1] else { return XCTFail("\(report.outcomes)") }
        XCTAssertEqual(rejected.code, .rejectedByDomain)
        XCTAssertTrue(rejected.message.contains("mapper_parsing_exception: r1"), rejected.message)
        XCTAssertEqual(report.outcomes[2], .created(id: "c"), "409 after our own unanswered attempt: ours")
    }

    func testAWholeRequestFailureRetriesThePendingItemsUntilTheDeadline() throws {
        let t = ScriptedTransport([.status(503, "{}"), .fail(.connectionReset), Self.answer([201, 504, 201]),
                                   .status(429, "{}")] + Array(repeating: .status(429, "{}"), count: 200))
        let report = try run(t)
        XCTAssertEqual(report.outcomes[0], .created(id: "a"))
        XCTAssertEqual(report.outcomes[2], .created(id: "c"))
        guard case .failed(let error) = report.outcomes[1] else { return XCTFail("\(report.outcomes)") }
        XCTAssertEqual(error.code, .domainUnavailable, "the last whole-request failure: 429")
        XCTAssertGreaterThan(report.retries, 3)
        XCTAssertLessThanOrEqual(clock.now, 1_796_078_467_000 + 10_250, "within the write budget")
        XCTAssertTrue(t.requests.dropFirst(3).allSatisfy { String(decoding: $0.body, as: UTF8.self).hasPrefix("{\"create\":{\"_id\":\"b\"}}\n") })
    }

    func testAnAnswerThatDoesNotListEveryItemFailsThemAll() throws {
        let report = try run(ScriptedTransport([Self.answer([201])]))
        XCTAssertTrue(report.outcomes.allSatisfy { if case .failed(let e) = $0 { e.code == .domainUnavailable } else { false } })
    }

    func testDomainAssignedIdsAreNeverSentTwice() throws {
        let none = batch(ids: [nil, nil, nil])
        var t = ScriptedTransport([Self.answer([201, 429, 201], ids: ["x", "y", "z"]), Self.answer([201])])
        var report = try run(t, none)
        XCTAssertEqual(report.outcomes[0], .created(id: "x"))
        XCTAssertEqual(report.outcomes[2], .created(id: "z"))
        XCTAssertEqual(t.requests.count, 1)
        XCTAssertFalse(t.requests[0].repeatable)
        XCTAssertEqual(String(decoding: t.requests[0].body, as: UTF8.self).components(separatedBy: "\n").first, #"{"create":{}}"#)
        t = ScriptedTransport([.status(503, "{}"), Self.answer([201, 201, 201], ids: ["x", "y", "z"])])
        report = try run(t, none)
        XCTAssertEqual(t.requests.count, 1, "it may have been stored: not sent again")
        XCTAssertTrue(report.outcomes.allSatisfy { if case .failed = $0 { true } else { false } })
        t = ScriptedTransport([.fail(.connectionRefused), Self.answer([201, 201, 201], ids: ["x", "y", "z"])])
        report = try run(t, none)
        XCTAssertEqual(report.outcomes, [.created(id: "x"), .created(id: "y"), .created(id: "z")], "refused: it never left")
    }
}
