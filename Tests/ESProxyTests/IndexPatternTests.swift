import JSON
import LambdaRuntime
import XCTest
@testable import ESProxy

/// Date-pattern index names: the fields, UTC, ISO weeks at year ends, leap days, and refusals.
final class IndexPatternTests: XCTestCase {
    func resolve(_ pattern: String, _ ms: UInt64) throws -> String {
        try IndexPattern(pattern, variable: "ES_INDEX").resolve(unixMilliseconds: ms)
    }

    func testFieldsAgainstPythonsDatetime() throws {
        // (ms, strftime('%Y.%m.%d %H'), '%04d.%02d' % isocalendar()[:2]), from Python's datetime in UTC.
        let vectors: [(UInt64, String, String)] = [
            (1_609_459_199_999, "2020.12.31 23", "2020.53"),
            (1_609_459_200_000, "2021.01.01 00", "2020.53"),
            (1_609_675_200_000, "2021.01.03 12", "2020.53"),
            (1_609_718_400_000, "2021.01.04 00", "2021.01"),
            (1_709_211_900_000, "2024.02.29 13", "2024.09"),
            (1_798_416_000_000, "2026.12.28 00", "2026.53"),
            (1_798_779_600_000, "2027.01.01 05", "2026.53"),
            (1_546_214_400_000, "2018.12.31 00", "2019.01"),
            (0, "1970.01.01 00", "1970.01"),
            (1_451_520_000_000, "2015.12.31 00", "2015.53"),
        ]
        for (ms, civil, week) in vectors {
            let date = civil.split(separator: " ")
            XCTAssertEqual(try resolve("surveys-{yyyy.MM.dd}", ms), "surveys-\(date[0])", civil)
            XCTAssertEqual(try resolve("hits-{yyyy.MM.dd-HH}", ms), "hits-\(date[0])-\(date[1])", civil)
            XCTAssertEqual(try resolve("logs-{yyyy.MM}", ms), "logs-" + date[0].prefix(7), civil)
            XCTAssertEqual(try resolve("events-{xxxx.ww}", ms), "events-\(week)", civil)
        }
        XCTAssertEqual(try resolve("bigsurvey", 1_709_211_900_000), "bigsurvey")
        XCTAssertEqual(try resolve("{yyyy}-archive", 1_709_211_900_000), "2024-archive")
    }

    func testAFixedNameIsOneIndex() throws {
        XCTAssertTrue(try IndexPattern("bigsurvey", variable: "ES_INDEX").isFixed)
        XCTAssertFalse(try IndexPattern("surveys-{yyyy}", variable: "ES_INDEX").isFixed)
    }

    func testPatternsThatCouldGiveAnInvalidNameAreInitErrors() {
        let long = String(repeating: "a", count: 246)
        for bad in ["Surveys-{yyyy}", "surveys-{yyyy.MM.DD}", "surveys-{yyyy", "surveys-}", "surveys-{}", "surveys-{yyyy/MM}",
                    "_x-{yyyy}", "-{yyyy}", "a b-{yyyy}", "a*{yyyy}", "\(long)-{yyyy.MM.dd}", "x-{mm}", "x-{YYYY}"] {
            XCTAssertThrowsError(try IndexPattern(bad, variable: "ES_INDEX"), bad) { error in
                XCTAssertEqual((error as? ConfigError)?.variable, "ES_INDEX", bad)
            }
        }
        XCTAssertNoThrow(try IndexPattern(String(repeating: "a", count: 245) + "-{yyyy.MM}", variable: "ES_INDEX"), "255 bytes")
        XCTAssertThrowsError(try GatewayConfig(environment: LambdaEnvironment(
            ["ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none", "ES_INDEX": "Logs-{yyyy}"])))
    }

    func testTheAnswerNamesTheConcreteIndexAndIdsStayStable() throws {
        let store = MemoryStore(), logs = LogLines()
        let clock = FakeClock(1_709_211_900_000)  // 2024-02-29T13:05:00Z
        let g = Gateway(routes: try RouteTable([Route(path: "/", index: "surveys-{yyyy.MM.dd}", schemaFile: "s",
                                                      schema: Fixtures.bigsurvey())]),
                        store: store, ids: DocumentIDGenerator(scheme: .uuid4, clock: clock, random: SystemRandom()),
                        maxBodyBytes: 1 << 20, clock: clock, log: logs.logger)
        let doc = #"{"anumber": 1, "textblob": "x", "ipaddr": "1.2.3.4"}"#
        func post(_ body: String, key: String) -> JSON {
            try! JSONParser.parse(g.handle(GatewayRequest(method: "POST", path: "/", contentType: "application/json",
                                                         body: Array(body.utf8), requestID: "r",
                                                         deadlineUnixMilliseconds: clock.now + 10_000,
                                                         idempotencyKeys: [key])).body)
        }
        let single = post(doc, key: "k")
        XCTAssertEqual(single["index"], "surveys-2024.02.29")
        XCTAssertEqual(single["id"]?.stringValue, DocumentIDGenerator.nameBased(index: "surveys-{yyyy.MM.dd}", key: "k"))
        clock.now += 86_400_000
        let batch = post("[\(doc)]", key: "b")
        XCTAssertEqual(batch["index"], "surveys-2024.03.01")
        XCTAssertEqual(store.documents.map(\.index), ["surveys-2024.02.29", "surveys-2024.03.01"])
    }
}
