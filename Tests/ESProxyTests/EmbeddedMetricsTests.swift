import JSON
import LambdaRuntime
import XCTest
@testable import ESProxy

/// The embedded metrics of the invocation line: configuration, and the members a line carries.
final class EmbeddedMetricsTests: XCTestCase {
    let base = ["ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none", "AWS_LAMBDA_FUNCTION_NAME": "survey-fn"]

    func config(_ extra: [String: String]) throws -> GatewayConfig {
        try GatewayConfig(environment: LambdaEnvironment(base.merging(extra) { $1 }))
    }

    func testConfiguration() throws {
        XCTAssertEqual(try config([:]).metrics?.namespace, "ESProxy")
        XCTAssertEqual(try config([:]).metrics?.functionName, "survey-fn")
        XCTAssertEqual(try config(["METRICS_NAMESPACE": "Surveys"]).metrics?.namespace, "Surveys")
        XCTAssertNil(try config(["METRICS": "off"]).metrics)
        for (name, value) in [("METRICS", "maybe"), ("METRICS_NAMESPACE", "AWS/Lambda"), ("METRICS_NAMESPACE", String(repeating: "n", count: 256))] {
            XCTAssertThrowsError(try config([name: value])) { XCTAssertEqual(($0 as? ConfigError)?.variable, name) }
        }
    }

    func testALineCarriesItsCountsAsTopLevelMembers() throws {
        let sink = LogLines()
        let log = InvocationLogger(level: .info, format: .json, clock: FakeClock(1_796_078_467_123),
                                   metrics: EmbeddedMetrics(namespace: "N", functionName: "f")) { sink.lines.append($0) }
        var r = InvocationRecord(requestID: "r", method: "POST", path: "/", status: 201)
        r.route = "/"
        r.counts.documents = 1
        r.domainStatus = 201
        r.domainMilliseconds = 2.5
        log.invocation(r)
        let line = try JSONParser.parse(Array(sink.lines[0].utf8))
        XCTAssertEqual(line["_aws"]?["Timestamp"], 1_796_078_467_123)
        XCTAssertEqual(line["_aws"]?["CloudWatchMetrics"]?.arrayValue?.first?["Namespace"], "N")
        XCTAssertEqual(line["FunctionName"], "f")
        XCTAssertEqual(line["Route"], "/")
        XCTAssertEqual(line["Documents"], 1)
        XCTAssertEqual(line["DomainLatency"], .number(JSONNumber("2.500")!))
        try LogSchema.assertValid(line)
        let text = InvocationLogger(level: .info, format: .text, clock: FakeClock(0),
                                    metrics: EmbeddedMetrics(namespace: "N", functionName: "f")) { sink.lines.append($0) }
        text.invocation(r)
        XCTAssertFalse(sink.lines[1].contains("_aws"), "metrics need JSON lines")
    }
}
