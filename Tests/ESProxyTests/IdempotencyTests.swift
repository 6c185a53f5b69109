import JSON
import LambdaRuntime
import XCTest
@testable import ESProxy

/// `Idempotency-Key`: the header's grammar, the id it derives, and the gateway's replay answer.
final class IdempotencyTests: XCTestCase {
    func key(_ values: [String]) -> String?? {
        guard case .success(let k) = IdempotencyKey.parse(values) else { return .none }
        return .some(k)
    }

    func testTheDraftsSfStringAndTheBareFormAreAccepted() {
        XCTAssertEqual(key([#""8e03978e-40d5-43e8-bc93-6894a57f9324""#]), "8e03978e-40d5-43e8-bc93-6894a57f9324")
        XCTAssertEqual(key(["8e03978e-40d5-43e8-bc93-6894a57f9324"]), "8e03978e-40d5-43e8-bc93-6894a57f9324")
        XCTAssertEqual(key([#"  "a"  "#]), "a", "OWS around the field value is not part of it (RFC 9110, 5.5)")
        XCTAssertEqual(key([#""a\"b\\c""#]), #"a"b\c"#, "RFC 8941 3.3.3: \\\" and \\\\ are the only escapes")
        XCTAssertEqual(key([String(repeating: "k", count: 255)]), .some(String(repeating: "k", count: 255)))
        XCTAssertEqual(key([]), .some(nil))
    }

    func testMalformedKeysAreRefused() {
        for bad in [[""], [#""""#], [String(repeating: "k", count: 256)], ["a b"], [#""a b""#], [#""abc"#], [#""a"b"#],
                    [#""a\x""#], ["caf\u{E9}"], ["a\u{7F}"], ["a", "b"], [#""a";p=1"#]] {
            guard case .failure(let e) = IdempotencyKey.parse(bad) else { return XCTFail("accepted \(bad)") }
            XCTAssertEqual(e.code, .invalidIdempotencyKey)
            XCTAssertEqual(e.code.status, 400)
        }
    }

    func testKeyDerivedIdsMatchPythonsUUID5() {
        // Computed with Python's uuid module: ns = uuid5(NAMESPACE_URL, "urn:esproxy:idempotency-key");
        // uuid5(ns, index + "\n" + key [+ "\n" + position]).
        XCTAssertEqual(DocumentIDGenerator.nameBased(index: "bigsurvey", key: "8e03978e-40d5-43e8-bc93-6894a57f9324"),
                       "e67c88f5-a3f4-5551-a721-5daf6c2b34c8")
        XCTAssertEqual(DocumentIDGenerator.nameBased(index: "bigsurvey", key: "a"), "9202cc8d-43a2-5abe-a619-f9a731e056aa")
        XCTAssertEqual(DocumentIDGenerator.nameBased(index: "orders", key: "a"), "99bda95f-3a27-59dd-b6fd-a9d9ef9ecc8f")
        XCTAssertEqual(DocumentIDGenerator.nameBased(index: "bigsurvey", key: "a", position: 0), "8148b111-d2e1-56ec-aa5b-d2751a25cc98")
        XCTAssertEqual(DocumentIDGenerator.nameBased(index: "bigsurvey", key: "a", position: 1), "cb110105-da02-516f-9f95-6a16ff694538")
        XCTAssertEqual(DocumentIDGenerator.nameBased(index: "logs-2026", key: "~!#$%&*+-./:;<=>?@[]^_`{|}"),
                       "4c03df50-d1a0-5c0f-a8fd-cf515ae3580f")
    }

    // --- through the gateway ---

    let store = MemoryStore()
    let logs = LogLines()
    let blog = #"{"agree": true, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}"#

    func gateway(ids scheme: DocumentIDScheme = .uuid4) throws -> Gateway {
        let clock = FakeClock(1_796_078_467_123)
        return Gateway(routes: try RouteTable([Route(path: "/", index: "bigsurvey", schemaFile: "s", schema: Fixtures.bigsurvey())]),
                       store: store, ids: DocumentIDGenerator(scheme: scheme, clock: clock, random: SystemRandom()),
                       maxBodyBytes: 1 << 20, clock: clock, log: logs.logger)
    }

    func post(_ g: Gateway, _ body: String, keys: [String]) -> (GatewayResponse, JSON) {
        let r = g.handle(GatewayRequest(method: "POST", path: "/", contentType: "application/json", body: Array(body.utf8),
                                        requestID: "req", deadlineUnixMilliseconds: 1_796_078_477_123, idempotencyKeys: keys))
        return (r, try! JSONParser.parse(r.body))
    }

    func testARepeatStoresNothingAndAnswersTheFirstId() throws {
        let g = try gateway()
        let (first, a) = post(g, blog, keys: [#""phone-answer-17""#])
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(a["id"]?.stringValue, DocumentIDGenerator.nameBased(index: "bigsurvey", key: "phone-answer-17"))
        XCTAssertFalse(first.headers.contains { $0.name == "Idempotent-Replayed" })
        let (again, b) = post(g, blog, keys: ["phone-answer-17"])
        XCTAssertEqual(again.status, 200)
        XCTAssertEqual(b, ["id": a["id"]!, "index": "bigsurvey", "result": "exists"])
        XCTAssertTrue(again.headers.contains { $0.name == "Idempotent-Replayed" && $0.value == "true" })
        XCTAssertEqual(store.documents.count, 1)
        let lines = try logs.lines.map { try JSONParser.parse(Array($0.utf8)) }
        XCTAssertEqual(lines.map { $0["idempotencyKey"] }, [true, true])
        XCTAssertEqual(lines.map { $0["replayed"] }, [nil, true])
        XCTAssertFalse(logs.lines.joined().contains("phone-answer-17"), "the key is never logged")
        for line in lines { try LogSchema.assertValid(line) }
    }

    func testARepeatIsValidatedLikeAnyRequest() throws {
        let g = try gateway()
        XCTAssertEqual(post(g, blog, keys: ["k"]).0.status, 201)
        let (r, body) = post(g, #"{"anumber": "one"}"#, keys: ["k"])
        XCTAssertEqual(r.status, 400)
        XCTAssertEqual(body["error"], "validation_failed")
        XCTAssertEqual(store.documents.count, 1)
    }

    func testAMalformedKeyIsRefusedBeforeAnythingIsStored() throws {
        let (r, body) = post(try gateway(), blog, keys: ["has space"])
        XCTAssertEqual(r.status, 400)
        XCTAssertEqual(body["error"], "invalid_idempotency_key")
        XCTAssertFalse(body["message"]!.stringValue!.contains("has space"))
        XCTAssertTrue(store.documents.isEmpty)
    }

    func testWithoutAKeyEveryRequestIsANewDocument() throws {
        let g = try gateway()
        let (_, a) = post(g, blog, keys: [])
        let (_, b) = post(g, blog, keys: [])
        XCTAssertNotEqual(a["id"], b["id"])
        XCTAssertEqual(store.documents.count, 2)
    }

    func testDomainAssignedIdsAnswerWithTheDomainsIdAndRefuseKeys() throws {
        let g = try gateway(ids: .none)
        let (r, body) = post(g, blog, keys: [])
        XCTAssertEqual(r.status, 201)
        XCTAssertEqual(body["id"], "domain-1")
        let (k, refusal) = post(g, blog, keys: ["k"])
        XCTAssertEqual(k.status, 400)
        XCTAssertEqual(refusal["error"], "idempotency_unsupported")
        XCTAssertEqual(store.documents.count, 1)
    }
}
