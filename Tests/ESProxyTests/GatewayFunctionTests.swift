import Foundation
import JSON
import LambdaRuntime
import TestSupport
import XCTest
@testable import ESProxy

final class GatewayFunctionTests: XCTestCase {

    func context() throws -> LambdaContext {
        try LambdaContext(invocation: Invocation(event: [], headers: [
            ("Lambda-Runtime-Aws-Request-Id", "req-9"), ("Lambda-Runtime-Deadline-Ms", "31000"),
            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:esproxy"),
        ]), clock: FakeClock(1_000))
    }

    func testHTTPAPIStageIsStrippedFromThePath() throws {
        let cases: [(HTTPEventRequest.Kind, String?, String, String)] = [
            (.httpAPI, "prod", "/prod", "/"),
            (.httpAPI, "prod", "/prod/", "/"),
            (.httpAPI, "prod", "/prod/surveys", "/surveys"),
            (.httpAPI, "prod", "/production", "/production"),
            (.httpAPI, "$default", "/surveys", "/surveys"),
            (.restAPI, "prod", "/prod/x", "/prod/x"),
            (.functionURL, nil, "/x", "/x"),
        ]
        for (kind, stage, path, expected) in cases {
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/json")
            let event = HTTPEventRequest(kind: kind, method: "POST", path: path, headers: headers, body: [1, 2],
                                         stage: stage)
            let r = GatewayRequest(event, context: try context())
            XCTAssertEqual(r.path, expected, "\(kind) \(stage ?? "-") \(path)")
            XCTAssertEqual(r.contentType, "application/json")
            XCTAssertEqual(r.body, [1, 2])
            XCTAssertEqual(r.requestID, "req-9")
            XCTAssertEqual(r.deadlineUnixMilliseconds, 31_000)
        }
    }

    func testEveryEventIsOneLogLineEvenWhenItIsNoHTTPRequest() throws {
        let logs = LogLines()
        let routes = try RouteTable([Route(path: "/", index: "bigsurvey", schemaFile: "s", schema: Fixtures.bigsurvey())])
        let clock = FakeClock(1_000)
        let handler = GatewayHandler(gateway: Gateway(
            routes: routes, store: MemoryStore(), ids: DocumentIDGenerator(scheme: .uuid4, clock: clock, random: SystemRandom()),
            maxBodyBytes: 1 << 20, clock: clock, log: logs.logger))
        let garbage = #"{"httpMethod": "POST", "path": "/", "headers": {}, "body": "!!", "isBase64Encoded": true}"#
        XCTAssertThrowsError(try handler.handle(Array(garbage.utf8), context: try context())) { error in
            XCTAssertEqual(FunctionError(describing: error).errorType, "Runtime.InvalidBase64")
        }
        let wrongPath = #"{"httpMethod": "GET", "path": "/nowhere", "headers": {}, "body": null, "isBase64Encoded": false}"#
        let answer = try JSONParser.parse(try handler.handle(Array(wrongPath.utf8), context: try context()))
        XCTAssertEqual(answer["statusCode"], 404)
        XCTAssertEqual(logs.lines.count, 2, "\(logs.lines)")
        let first = try JSONParser.parse(Array(logs.lines[0].utf8))
        XCTAssertEqual(first["requestId"]?.stringValue, "req-9")
        XCTAssertEqual(first["status"], 502)
        XCTAssertEqual(first["error"]?.stringValue, "Runtime.InvalidBase64")
        XCTAssertEqual(first["level"]?.stringValue, "ERROR")
        XCTAssertEqual(try JSONParser.parse(Array(logs.lines[1].utf8))["status"], 404)
    }

    func testRoutesFileRoutesCompileTheirSchemas() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esproxy-routes-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"type": "object", "required": ["n"]}"#.write(to: dir.appendingPathComponent("n.json"), atomically: true, encoding: .utf8)
        try "POST /n -> n.json -> numbers\nPOST /s -> \(Corpora.packageRoot.path)/schemas/bigsurvey.json -> bigsurvey\n"
            .write(to: dir.appendingPathComponent("routes"), atomically: true, encoding: .utf8)
        let config = try GatewayConfig(environment: LambdaEnvironment([
            "ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none", "LAMBDA_TASK_ROOT": dir.path, "ROUTES_FILE": "routes",
        ]))
        let routes = try RouteTable(GatewayFunction.loadRoutes(config))
        XCTAssertEqual(routes.all.map(\.path), ["/n", "/s"])
        XCTAssertEqual(routes.route(for: "/n/")?.index, "numbers")
        XCTAssertFalse(routes.route(for: "/n")!.schema.isValid(["m": 1]))
        XCTAssertNil(routes.route(for: "/"))
    }

    func testSchemasReferToOtherSchemaFilesInTheirFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esproxy-siblings-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("schemas/common"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ text: String, _ name: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write(#"{"type": "string", "format": "ipv4"}"#, "schemas/common/ip.json")
        try write(#"{"properties": {"ip": {"$ref": "common/ip.json"}}, "required": ["ip"]}"#, "schemas/plain.json")
        try write(#"{"$id": "https://schemas.example/v1/withid.json", "properties": {"ip": {"$ref": "common/ip.json"}}}"#,
                  "schemas/withid.json")
        try write(#"{"properties": {"ip": {"$ref": "../outside.json"}}}"#, "schemas/escapes.json")
        try write(#"{"type": "integer"}"#, "outside.json")
        for file in ["schemas/plain.json", "schemas/withid.json"] {
            let schema = try GatewayFunction.compileSchema(dir.appendingPathComponent(file).path, variable: "SCHEMA_FILE")
            XCTAssertTrue(schema.isValid(["ip": "10.0.0.1"]), file)
            XCTAssertFalse(schema.isValid(["ip": "300.1.1.1"]), file)
        }
        // Only the schema's own folder is served: a reference that leaves it does not resolve.
        XCTAssertThrowsError(try GatewayFunction.compileSchema(dir.appendingPathComponent("schemas/escapes.json").path,
                                                               variable: "SCHEMA_FILE")) { error in
            XCTAssertEqual((error as? ConfigError)?.code, .invalidSchema)
            XCTAssertTrue("\(error)".contains("../outside.json"), "\(error)")
        }
    }

    func testSchemaProblemsNameTheVariable() throws {
        let base = ["ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none", "LAMBDA_TASK_ROOT": Corpora.packageRoot.path]
        let cases: [(String, ConfigError.Code, String)] = [
            ("schemas/none.json", .unreadableFile, "No such file"),
            ("README.md", .invalidSchema, "not valid JSON"),
            ("scripts/tests/fixtures/invalid-schema.json", .invalidSchema, "not a usable JSON Schema"),
        ]
        for (file, code, text) in cases {
            let config = try GatewayConfig(environment: LambdaEnvironment(base.merging(["SCHEMA_FILE": file]) { $1 }))
            XCTAssertThrowsError(try GatewayFunction.loadRoutes(config), file) { error in
                let e = error as! ConfigError
                XCTAssertEqual(e.code, code, file)
                XCTAssertEqual(e.variable, "SCHEMA_FILE")
                XCTAssertTrue(e.message.contains(text), e.message)
            }
        }
    }

    func testDuplicateRoutesAreRefused() throws {
        let schema = try Fixtures.bigsurvey()
        XCTAssertThrowsError(try RouteTable([
            Route(path: "/a", index: "x", schemaFile: "s", schema: schema),
            Route(path: "/a/", index: "y", schemaFile: "s", schema: schema),
        ]))
    }

    func testMakeWithoutSigningNeedsNoRegion() throws {
        // The bug: with ES_SIGNING=none and no AWS_REGION the bootstrap refused to start.
        let env = ["ES_ENDPOINT": "http://127.0.0.1:9", "ES_SIGNING": "none", "LAMBDA_TASK_ROOT": Corpora.packageRoot.path]
        XCTAssertNoThrow(try GatewayFunction.make(environment: LambdaEnvironment(env)))
        XCTAssertThrowsError(try GatewayFunction.make(environment: LambdaEnvironment(env.merging(["ES_SIGNING": "es"]) { $1 }))) {
            XCTAssertEqual(($0 as? ConfigError)?.variable, "AWS_REGION")
        }
    }

    func testRouteSchemasCompileStrictlyUnlessTurnedOff() throws {
        let base = ["ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none", "LAMBDA_TASK_ROOT": Corpora.packageRoot.path,
                    "SCHEMA_FILE": "scripts/tests/fixtures/typo-schema.json"]
        let strict = try GatewayConfig(environment: LambdaEnvironment(base))
        XCTAssertThrowsError(try GatewayFunction.loadRoutes(strict)) { error in
            let e = error as! ConfigError
            XCTAssertEqual(e.code, .invalidSchema)
            XCTAssertEqual(e.variable, "SCHEMA_FILE")
            XCTAssertTrue(e.message.contains("typo-schema.json"), e.message)
            XCTAssertTrue(e.message.contains(#""propertiez": unknown keyword; did you mean "properties"?"#), e.message)
            XCTAssertTrue(e.message.contains("#/propertiez"), e.message)
        }
        let lenient = try GatewayConfig(environment: LambdaEnvironment(base.merging(["SCHEMA_STRICT": "false"]) { $1 }))
        XCTAssertEqual(try GatewayFunction.loadRoutes(lenient).count, 1)
        XCTAssertThrowsError(try GatewayConfig(environment: LambdaEnvironment(base.merging(["SCHEMA_STRICT": "no"]) { $1 }))) {
            XCTAssertEqual(($0 as? ConfigError)?.variable, "SCHEMA_STRICT")
        }
    }
}
