import HTTP
import JSON
import SigV4
import XCTest
@testable import ESProxy

final class DomainClientTests: XCTestCase {
    let logs = LogLines()
    var now: UInt64 = 1_796_078_467_000
    let box = FakeClock(1_796_078_467_000)
    var sleeps: [Int] { box.sleeps }

    func client(_ transport: ScriptedTransport, signing: SigningMode = .es, budget: Int = 10_000) throws -> DomainClient {
        let signer = signing == .none ? nil : try DomainSigner(
            credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                     sessionToken: "TOKEN"), region: "us-east-1", mode: signing)
        return DomainClient(endpoint: try Endpoint(parsing: "https://search-demo.us-east-1.es.amazonaws.com"),
                            transport: transport, signer: signer, budgetMilliseconds: budget, log: logs.logger,
                            clock: box, random: FixedRandom { bytes in  // a word of 7
                                for i in bytes.indices { bytes[i] = i == bytes.count - 1 ? 7 : 0 }
                            })
    }

    func write(_ c: DomainClient, deadline: UInt64? = nil) -> WriteReport {
        c.create(index: "bigsurvey", id: "0f8fad5b-d9cb-469f-a165-70867728950e", document: Array(#"{"a":1}"#.utf8),
                 deadlineUnixMilliseconds: deadline ?? now + 30_000)
    }

    func testSignedCreateRequest() throws {
        let t = ScriptedTransport([.status(201, #"{"result":"created"}"#)])
        let report = write(try client(t))
        XCTAssertNil(report.error)
        XCTAssertEqual(report.retries, 0)
        let r = try XCTUnwrap(t.requests.first)
        XCTAssertEqual(r.method, "PUT")
        XCTAssertEqual(r.url, "https://search-demo.us-east-1.es.amazonaws.com/bigsurvey/_create/0f8fad5b-d9cb-469f-a165-70867728950e")
        XCTAssertEqual(r.body, Array(#"{"a":1}"#.utf8))
        let h = Dictionary(r.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(h["host"], "search-demo.us-east-1.es.amazonaws.com")
        XCTAssertEqual(h["content-type"], "application/json")
        XCTAssertEqual(h["x-amz-date"], "20261130T224107Z")
        XCTAssertEqual(h["x-amz-security-token"], "TOKEN")
        XCTAssertNil(h["x-amz-content-sha256"], "es does not need the payload hash")
        let auth = try XCTUnwrap(h["authorization"])
        XCTAssertTrue(auth.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-east-1/es/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="), auth)
        XCTAssertFalse(auth.contains("wJalrXUtnFEMI"))
    }

    func testServerlessSignsThePayloadHash() throws {
        let t = ScriptedTransport([.status(201, "{}")])
        _ = write(try client(t, signing: .aoss))
        let h = Dictionary(t.requests[0].headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(h["x-amz-content-sha256"], "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862")
        XCTAssertTrue(h["authorization"]!.contains("/us-east-1/aoss/aws4_request"))
        XCTAssertTrue(h["authorization"]!.contains("x-amz-content-sha256"))
    }

    func testUnsignedMode() throws {
        let t = ScriptedTransport([.status(201, "{}")])
        _ = write(try client(t, signing: .none))
        XCTAssertFalse(t.requests[0].headers.contains { $0.name.lowercased() == "authorization" })
    }

    func testRetriesWithTheSameIdAndResignsEachAttempt() throws {
        let t = ScriptedTransport([.status(503, "{}"), .fail(.connectionReset), .status(429, "{}"), .status(201, "{}")])
        let report = write(try client(t))
        XCTAssertNil(report.error)
        XCTAssertEqual(report.retries, 3)
        XCTAssertEqual(t.requests.count, 4)
        XCTAssertEqual(Set(t.requests.map(\.url)).count, 1, "one id for every attempt")
        let dates = t.requests.map { r in r.headers.first { $0.name == "X-Amz-Date" }?.value }
        XCTAssertEqual(Set(dates.map { $0 ?? "" }).count, 1, "the fake clock advanced by only the jitter")
        XCTAssertEqual(sleeps, [7, 7, 7])
    }

    func testConflictAfterARetryIsOurOwnDocument() throws {
        let t = ScriptedTransport([.fail(.timeout), .status(409, #"{"error":{"type":"version_conflict_engine_exception"}}"#)])
        let report = write(try client(t))
        XCTAssertNil(report.error)
        XCTAssertEqual(report.retries, 1)
        XCTAssertFalse(report.existed, "our own unanswered attempt may have stored it: created")
    }

    func testConflictOnTheFirstAttemptIsAnEarlierTransmissionOfOurs() throws {
        // libcurl resends by itself when a reused connection dies before the answer: the first
        // attempt we see may already be the second transmission.
        let t = ScriptedTransport([.status(409, #"{"error":{"type":"version_conflict_engine_exception","reason":"exists"}}"#)])
        let report = write(try client(t))
        XCTAssertNil(report.error)
        XCTAssertEqual(t.requests.count, 1)
        XCTAssertTrue(report.existed, "with a key-derived id this is a replay")
    }

    func testDomainAssignedIdsArePostedToDocAndTakenFromTheAnswer() throws {
        let t = ScriptedTransport([.status(201, #"{"_index":"bigsurvey","_id":"1%2Fx","result":"created"}"#)])
        let report = try client(t).add(index: "bigsurvey", document: Array(#"{"a":1}"#.utf8), deadlineUnixMilliseconds: now + 30_000)
        XCTAssertNil(report.error)
        XCTAssertEqual(report.assignedID, "1%2Fx")
        XCTAssertEqual(t.requests[0].method, "POST")
        XCTAssertEqual(t.requests[0].url, "https://search-demo.us-east-1.es.amazonaws.com/bigsurvey/_doc")
        XCTAssertFalse(t.requests[0].repeatable)
        XCTAssertTrue(t.requests[0].headers.contains { $0.name == "Authorization" && $0.value.contains("/es/aws4_request") })
    }

    func testDomainAssignedIdsAreRetriedOnlyWhenTheRequestNeverLeft() throws {
        func add(_ script: [ScriptedTransport.Step]) throws -> (WriteReport, Int) {
            let t = ScriptedTransport(script)
            let r = try client(t).add(index: "bigsurvey", document: Array("{}".utf8), deadlineUnixMilliseconds: now + 30_000)
            return (r, t.requests.count)
        }
        let created = ScriptedTransport.Step.status(201, #"{"_id":"x"}"#)
        var (r, n) = try add([.fail(.connectionRefused), .fail(.dnsFailure), created])
        XCTAssertNil(r.error)
        XCTAssertEqual(n, 3)
        for (step, code) in [(ScriptedTransport.Step.fail(.timeout), GatewayError.Code.domainTimeout),
                             (.fail(.connectionReset), .domainUnavailable), (.status(503, "{}"), .domainUnavailable),
                             (.status(429, "{}"), .domainUnavailable), (.status(504, "{}"), .domainTimeout)] {
            (r, n) = try add([step, created])
            XCTAssertEqual(r.error?.code, code, "\(step)")
            XCTAssertEqual(n, 1, "\(step): may have been stored, never sent twice")
        }
        (r, n) = try add([.status(201, #"{"result":"created"}"#)])
        XCTAssertEqual(r.error?.code, .domainUnavailable, "an answer without _id gives the client no id")
    }

    func testMappingErrorBecomesA400WithTheDomainsReason() throws {
        let body = #"{"error":{"root_cause":[],"type":"mapper_parsing_exception","reason":"failed to parse field [anumber] of type [float]"},"status":400}"#
        let t = ScriptedTransport([.status(400, body)])
        let report = write(try client(t))
        XCTAssertEqual(report.error?.code, .rejectedByDomain)
        XCTAssertEqual(report.error?.message, "the document store rejected the document: mapper_parsing_exception: failed to parse field [anumber] of type [float]")
        XCTAssertEqual(t.requests.count, 1)
    }

    func testAuthFailureIs502WithAnOperatorHint() throws {
        for status in [401, 403] {
            let t = ScriptedTransport([.status(status, #"{"message":"The security token included in the request is invalid."}"#)])
            let report = write(try client(t))
            XCTAssertEqual(report.error?.code, .domainUnavailable)
            XCTAssertEqual(report.error?.code.status, 502)
            XCTAssertFalse(report.error!.message.contains("token"), "the client learns nothing internal")
            let hint = logs.lines.last ?? ""
            XCTAssertTrue(hint.contains("es:ESHttpPut") && hint.contains("AWS_REGION") && hint.contains("access policy"), hint)
        }
    }

    func testGivesUpAtTheDeadline() throws {
        let t = ScriptedTransport(Array(repeating: .status(503, "{}"), count: 100))
        let c = try client(t)
        let report = write(c, deadline: now + 1_000)
        XCTAssertEqual(report.error?.code, .domainUnavailable)
        XCTAssertLessThan(t.requests.count, 100)
        XCTAssertGreaterThan(t.requests.count, 1)
        // Every attempt started with at least the minimum attempt time before the answer margin.
        for r in t.requests { XCTAssertGreaterThanOrEqual(r.timeoutMilliseconds ?? 0, 100) }
    }

    func testTimeoutsAfterRetriesBecome504() throws {
        let t = ScriptedTransport(Array(repeating: .fail(.timeout), count: 100))
        let report = write(try client(t, budget: 500))
        XCTAssertEqual(report.error?.code, .domainTimeout)
        XCTAssertEqual(report.error?.code.status, 504)
    }

    func testTheWholeBudgetIsForTheWriteAndTheMarginOnlyGuardsLambdasDeadline() throws {
        // ES_TIMEOUT_MS below the answer margin still writes, with exactly that timeout.
        let small = ScriptedTransport([.status(201, "{}")])
        XCTAssertNil(write(try client(small, budget: 150)).error)
        XCTAssertEqual(small.requests.map(\.timeoutMilliseconds), [150])
        // Near Lambda's deadline the margin is kept free to answer.
        let late = ScriptedTransport([.status(201, "{}")])
        XCTAssertNil(write(try client(late, budget: 10_000), deadline: now + 2_000).error)
        XCTAssertEqual(late.requests.map(\.timeoutMilliseconds), [2_000 - DomainWriteRetry().answerMarginMilliseconds])
    }

    func testNoTimeLeftMeansNoAttempt() throws {
        let t = ScriptedTransport([.status(201, "{}")])
        let report = write(try client(t), deadline: now + 100)
        XCTAssertEqual(report.error?.code, .domainTimeout)
        XCTAssertTrue(t.requests.isEmpty)
    }

    func testTLSFailureIsNotRetried() throws {
        let t = ScriptedTransport([.fail(.tls), .status(201, "{}")])
        let report = write(try client(t))
        XCTAssertEqual(report.error?.code, .domainUnavailable)
        XCTAssertEqual(t.requests.count, 1)
    }

    func testOtherStatusesAreNotRetried() throws {
        for (status, code) in [(500, GatewayError.Code.domainUnavailable), (404, .domainUnavailable), (413, .payloadTooLarge)] {
            let t = ScriptedTransport([.status(status, "{}"), .status(201, "{}")])
            XCTAssertEqual(write(try client(t)).error?.code, code, "\(status)")
            XCTAssertEqual(t.requests.count, 1)
        }
    }

    func testReportsTheTimeSpentWithTheDomain() throws {
        let t = ScriptedTransport([.status(201, "{}")])
        t.latency = (box, 2)
        let report = write(try client(t))
        XCTAssertEqual(report.domainMilliseconds, 2)
    }
}
