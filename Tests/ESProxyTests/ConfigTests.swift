import XCTest
@testable import ESProxy
import LambdaRuntime

final class ConfigTests: XCTestCase {
    let minimal = ["ES_ENDPOINT": "https://search-demo-abc.us-east-1.es.amazonaws.com", "AWS_REGION": "us-east-1",
                   "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"]

    func testDefaults() throws {
        let c = try GatewayConfig(environment: LambdaEnvironment(minimal))
        XCTAssertEqual(c.endpoint.baseURL, "https://search-demo-abc.us-east-1.es.amazonaws.com")
        XCTAssertEqual(c.index, "bigsurvey")
        XCTAssertEqual(c.signing, .es)
        XCTAssertEqual(c.schemaFile, "schemas/bigsurvey.json")
        XCTAssertNil(c.routesFile)
        XCTAssertEqual(c.maxBodyBytes, 1_048_576)
        XCTAssertEqual(c.domainTimeoutMilliseconds, 10_000)
        XCTAssertEqual(c.documentIDs, .uuid4)
        XCTAssertEqual(c.resolve("schemas/x.json"), "./schemas/x.json")
        XCTAssertEqual(c.credentials?.accessKeyId, "AKIDEXAMPLE")
        XCTAssertNil(c.credentials?.sessionToken)
        XCTAssertEqual(c.logLevel, .info)
        XCTAssertEqual(c.logFormat, .json)
    }

    func testEveryVariable() throws {
        var env = minimal
        env["ES_INDEX"] = "surveys-2026"
        env["ES_SIGNING"] = "aoss"
        env["SCHEMA_FILE"] = "/opt/s.json"
        env["ROUTES_FILE"] = "routes.txt"
        env["MAX_BODY_BYTES"] = "2048"
        env["ES_TIMEOUT_MS"] = "3000"
        env["DOC_ID"] = "uuid7"
        env["LAMBDA_TASK_ROOT"] = "/var/task"
        let c = try GatewayConfig(environment: LambdaEnvironment(env))
        XCTAssertEqual(c.index, "surveys-2026")
        XCTAssertEqual(c.signing, .aoss)
        XCTAssertEqual(c.resolve(c.schemaFile), "/opt/s.json")
        XCTAssertEqual(c.resolve(c.routesFile!), "/var/task/routes.txt")
        XCTAssertEqual(c.maxBodyBytes, 2048)
        XCTAssertEqual(c.domainTimeoutMilliseconds, 3000)
        XCTAssertEqual(c.documentIDs, .uuid7)
    }

    func testBadValuesNameTheVariable() {
        let cases: [(String, String?, ConfigError.Code)] = [
            ("ES_ENDPOINT", nil, .missing),
            ("ES_ENDPOINT", "search-demo.es.amazonaws.com", .invalidValue),
            ("ES_ENDPOINT", "http://search-demo.es.amazonaws.com", .invalidValue),
            ("ES_ENDPOINT", "https://host/path", .invalidValue),
            ("ES_ENDPOINT", "https://host:99999", .invalidValue),
            ("ES_INDEX", "BigSurvey", .invalidValue),
            ("ES_INDEX", "_all", .invalidValue),
            ("ES_INDEX", "a/b", .invalidValue),
            ("ES_SIGNING", "sigv2", .invalidValue),
            ("MAX_BODY_BYTES", "0", .invalidValue),
            ("MAX_BODY_BYTES", "10MB", .invalidValue),
            ("MAX_BODY_BYTES", "7000000", .invalidValue),
            ("ES_TIMEOUT_MS", "-5", .invalidValue),
            ("ES_TIMEOUT_MS", "99", .invalidValue),
            ("ES_TIMEOUT_MS", "900001", .invalidValue),
            ("DOC_ID", "sequential", .invalidValue),
            ("AWS_REGION", nil, .missing),
            ("AWS_REGION", "EU West", .invalidValue),
            ("AWS_ACCESS_KEY_ID", nil, .missing),
            ("AWS_SECRET_ACCESS_KEY", "", .missing),
            ("AWS_LAMBDA_LOG_LEVEL", "LOUD", .invalidValue),
            ("AWS_LAMBDA_LOG_FORMAT", "xml", .invalidValue),
        ]
        for (name, value, code) in cases {
            var env = minimal
            env[name] = value
            XCTAssertThrowsError(try GatewayConfig(environment: LambdaEnvironment(env)), "\(name)=\(value ?? "<unset>")") { error in
                let e = error as! ConfigError
                XCTAssertEqual(e.code, code, "\(name)")
                XCTAssertEqual(e.variable, name)
                XCTAssertTrue(e.description.hasPrefix(name + ": "), e.description)
            }
        }
    }

    func testTimeoutBounds() throws {
        for value in [100, 900_000] {
            var env = minimal
            env["ES_TIMEOUT_MS"] = String(value)
            XCTAssertEqual(try GatewayConfig(environment: LambdaEnvironment(env)).domainTimeoutMilliseconds, value)
        }
    }

    func testRegionFallsBackToAWSDefaultRegion() throws {
        var env = minimal
        env["AWS_REGION"] = nil
        env["AWS_DEFAULT_REGION"] = "eu-west-1"
        XCTAssertEqual(try GatewayConfig(environment: LambdaEnvironment(env)).region, "eu-west-1")
        env["AWS_REGION"] = "us-east-2"
        XCTAssertEqual(try GatewayConfig(environment: LambdaEnvironment(env)).region, "us-east-2")
    }

    func testNoRegionNeededWithoutSigning() throws {
        let c = try GatewayConfig(environment: LambdaEnvironment(["ES_ENDPOINT": "http://127.0.0.1:9200", "ES_SIGNING": "none"]))
        XCTAssertEqual(c.signing, .none)
        XCTAssertEqual(c.endpoint.baseURL, "http://127.0.0.1:9200")
        XCTAssertEqual(c.region, "")
        XCTAssertNil(c.credentials, "no signing, no credentials read")
    }

    func testEndpointForms() throws {
        XCTAssertEqual(try Endpoint(parsing: "https://Search-X.example.com/").hostHeader, "search-x.example.com")
        XCTAssertEqual(try Endpoint(parsing: "https://example.com:8443").hostHeader, "example.com:8443")
        XCTAssertEqual(try Endpoint(parsing: "http://localhost:9200").baseURL, "http://localhost:9200")
        XCTAssertEqual(try Endpoint(parsing: "http://[::1]:9200").baseURL, "http://[::1]:9200")
        XCTAssertThrowsError(try Endpoint(parsing: "http://127.0.0.1.evil.com"))
        XCTAssertThrowsError(try Endpoint(parsing: "https://user@host"))
        XCTAssertThrowsError(try Endpoint(parsing: "https://host?x=1"))
        XCTAssertThrowsError(try Endpoint(parsing: "ftp://host"))
        XCTAssertThrowsError(try Endpoint(parsing: "https://"))
    }
}
