import JSON
import LambdaRuntime
import XCTest
@testable import ESProxy

/// `AWS_LAMBDA_LOG_LEVEL` and `AWS_LAMBDA_LOG_FORMAT` as Lambda sets them, and what each does.
final class InvocationLoggerTests: XCTestCase {
    func logger(_ env: [String: String], into lines: LogLines) throws -> InvocationLogger {
        let config = try GatewayConfig(environment: LambdaEnvironment(
            env.merging(["ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none"]) { a, _ in a }))
        return InvocationLogger(level: config.logLevel, format: config.logFormat, clock: FakeClock(0)) { lines.lines.append($0) }
    }

    func record(status: Int) -> InvocationRecord {
        InvocationRecord(requestID: "req-1", method: "POST", path: "/", status: status)
    }

    func testDefaultsAreInfoAndJSON() throws {
        let lines = LogLines()
        let log = try logger([:], into: lines)
        log.message(.debug, "hidden")
        log.invocation(record(status: 201))
        XCTAssertEqual(lines.lines.count, 1)
        let line = try JSONParser.parse(Array(lines.lines[0].utf8))
        XCTAssertEqual(line["level"]?.stringValue, "INFO")
        XCTAssertEqual(line["status"], 201)
    }

    func testLevelFiltersLinesAndInvocationsBelowIt() throws {
        let lines = LogLines()
        let log = try logger(["AWS_LAMBDA_LOG_LEVEL": "warn"], into: lines)
        log.invocation(record(status: 400))
        log.message(.info, "ready")
        log.invocation(record(status: 502))
        log.message(.warn, "slow domain")
        XCTAssertEqual(lines.lines.map { try? JSONParser.parse(Array($0.utf8))["level"]?.stringValue }, ["ERROR", "WARN"])

        let debug = LogLines()
        try logger(["AWS_LAMBDA_LOG_LEVEL": "DEBUG"], into: debug).message(.debug, "shown")
        XCTAssertEqual(debug.lines.count, 1)
    }

    func testTextFormatIsKeyValue() throws {
        let lines = LogLines()
        try logger(["AWS_LAMBDA_LOG_FORMAT": "Text"], into: lines).invocation(record(status: 201))
        let line = try XCTUnwrap(lines.lines.first)
        XCTAssertTrue(line.contains(" INFO invocation requestId=req-1 method=POST path=/ status=201 "), line)
        XCTAssertNil(try? JSONParser.parse(Array(line.utf8)))
    }

    func testBadValuesAreInitErrorsNamingTheVariable() {
        for (name, value) in [("AWS_LAMBDA_LOG_LEVEL", "LOUD"), ("AWS_LAMBDA_LOG_FORMAT", "xml")] {
            XCTAssertThrowsError(try logger([name: value], into: LogLines())) { error in
                let e = error as? ConfigError
                XCTAssertEqual(e?.code, .invalidValue)
                XCTAssertEqual(e?.variable, name)
                XCTAssertTrue(e?.description.contains(value) ?? false, "\(error)")
            }
        }
    }
}
