import LambdaRuntime
import SigV4

/// How documents are signed for the domain (`ES_SIGNING`).
enum SigningMode: String, Sendable {
    /// SigV4 for service `es`: managed Amazon OpenSearch Service / Elasticsearch domains.
    case es
    /// SigV4 for service `aoss` (OpenSearch Serverless), which requires `x-amz-content-sha256`.
    case aoss
    /// No signing, for a self-run OpenSearch or Elasticsearch.
    case none
}

/// The gateway's configuration, the one reading of the environment (at init, by
/// `GatewayFunction.make`) and checked there: every bad value is an init error naming the variable
/// and the fix, never a failure on the hot path.
struct GatewayConfig: Sendable {
    /// `ES_ENDPOINT`, required.
    var endpoint: Endpoint
    /// `ES_INDEX`: the index of the default route.
    var index: String
    /// `ES_SIGNING`.
    var signing: SigningMode
    /// `SCHEMA_FILE`: the default route's schema, relative to `LAMBDA_TASK_ROOT` unless absolute.
    var schemaFile: String
    /// `ROUTES_FILE`: optional; replaces the default route with the routes it lists.
    var routesFile: String?
    /// `MAX_BODY_BYTES`: larger bodies get 413.
    var maxBodyBytes: Int
    /// `SCHEMA_STRICT`: route schemas compile strictly (an unknown keyword or format is an init
    /// error) unless it is `false`.
    var strictSchemas: Bool
    /// `MAX_BATCH_ITEMS`: larger batches get 413 `too_many_items`.
    var maxBatchItems: Int
    /// `ES_TIMEOUT_MS`: the budget for one document write, retries included (the invocation's
    /// deadline may cut it shorter).
    var domainTimeoutMilliseconds: Int
    /// `DOC_ID`.
    var documentIDs: DocumentIDScheme
    /// `CORS_ALLOW_ORIGINS` and `CORS_MAX_AGE`; `nil` (no CORS at all) when the first is unset.
    var cors: CORSPolicy?
    /// `AWS_REGION` (or `AWS_DEFAULT_REGION`), required only when signing.
    var region: String
    /// The signing credentials (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`);
    /// `nil` with `ES_SIGNING=none`.
    var credentials: Credentials?
    /// `AWS_LAMBDA_LOG_LEVEL`.
    var logLevel: LogLevel
    /// `AWS_LAMBDA_LOG_FORMAT`.
    var logFormat: InvocationLogger.Format
    /// `METRICS` (on unless `off`), `METRICS_NAMESPACE` and `AWS_LAMBDA_FUNCTION_NAME`: the
    /// embedded metrics of JSON log lines; nil when off.
    var metrics: EmbeddedMetrics?
    /// `LAMBDA_TASK_ROOT`: where relative file names are found.
    var taskRoot: String

    /// The defaults the README's configuration table lists.
    enum Defaults {
        static let index = "bigsurvey"
        static let schemaFile = "schemas/bigsurvey.json"
        static let maxBodyBytes = 1_048_576
        /// Lambda's synchronous payload limit: a larger body can never arrive.
        static let maxBodyBytesCeiling = 6_291_456
        static let domainTimeoutMilliseconds = 10_000
        static let corsMaxAgeSeconds = 600
        static let maxBatchItems = 500
        static let metricsNamespace = "ESProxy"
    }

    /// Reads and checks the configuration from `environment`.
    init(environment env: LambdaEnvironment) throws(ConfigError) {
        guard let endpointText = env["ES_ENDPOINT"], !endpointText.isEmpty else {
            throw ConfigError(.missing, "ES_ENDPOINT", "is required: set it to the domain's URL, e.g. https://search-mydomain-abc.us-east-1.es.amazonaws.com")
        }
        endpoint = try Endpoint(parsing: endpointText)
        index = try Self.indexName(env["ES_INDEX"] ?? Defaults.index, variable: "ES_INDEX")

        let signingText = env["ES_SIGNING"] ?? SigningMode.es.rawValue
        guard let mode = SigningMode(rawValue: signingText) else {
            throw ConfigError(.invalidValue, "ES_SIGNING", "must be es, aoss or none (got \"\(signingText)\")")
        }
        signing = mode

        taskRoot = env["LAMBDA_TASK_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        schemaFile = env["SCHEMA_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? Defaults.schemaFile
        routesFile = env["ROUTES_FILE"].flatMap { $0.isEmpty ? nil : $0 }

        maxBodyBytes = try Self.integer(env, "MAX_BODY_BYTES", default: Defaults.maxBodyBytes,
                                        range: 1...Defaults.maxBodyBytesCeiling)
        switch env["SCHEMA_STRICT"].flatMap({ $0.isEmpty ? nil : $0.lowercased() }) ?? "true" {
        case "true": strictSchemas = true
        case "false": strictSchemas = false
        case let other: throw ConfigError(.invalidValue, "SCHEMA_STRICT", "must be true or false (got \"\(other)\")")
        }
        maxBatchItems = try Self.integer(env, "MAX_BATCH_ITEMS", default: Defaults.maxBatchItems, range: 1...10_000)
        domainTimeoutMilliseconds = try Self.integer(env, "ES_TIMEOUT_MS", default: Defaults.domainTimeoutMilliseconds,
                                                     range: 100...900_000)

        let idText = env["DOC_ID"] ?? DocumentIDScheme.uuid4.rawValue
        guard let ids = DocumentIDScheme(rawValue: idText) else {
            throw ConfigError(.invalidValue, "DOC_ID", "must be uuid4, uuid7 or none (got \"\(idText)\")")
        }
        documentIDs = ids

        let maxAge = try Self.integer(env, "CORS_MAX_AGE", default: Defaults.corsMaxAgeSeconds, range: 0...86_400)
        cors = try env["CORS_ALLOW_ORIGINS"].map { text throws(ConfigError) in
            try CORSPolicy(allowOrigins: text, maxAgeSeconds: maxAge)
        }

        region = env["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? env["AWS_DEFAULT_REGION"] ?? ""
        guard region.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
            throw ConfigError(.invalidValue, "AWS_REGION", "\"\(region)\" is not a region name (lowercase letters, digits, dashes)")
        }
        if signing == .none {
            credentials = nil
        } else {
            if region.isEmpty {
                throw ConfigError(.missing, "AWS_REGION", "is required to sign requests (Lambda sets it; locally export AWS_REGION=us-east-1), or set ES_SIGNING=none")
            }
            let names = [Credentials.EnvironmentVariable.accessKeyId, Credentials.EnvironmentVariable.secretAccessKey,
                         Credentials.EnvironmentVariable.sessionToken]
            var values: [String: String] = [:]
            for name in names { values[name] = env[name] }
            do {
                credentials = try Credentials.fromEnvironment(values)
            } catch {
                throw ConfigError(.missing, names.first { values[$0]?.isEmpty ?? true } ?? names[0],
                                  "\(error.message) (Lambda sets it from the function's role), or set ES_SIGNING=none")
            }
        }

        logLevel = .info
        if let text = env["AWS_LAMBDA_LOG_LEVEL"], !text.isEmpty {
            guard let l = LogLevel(name: text) else {
                throw ConfigError(.invalidValue, "AWS_LAMBDA_LOG_LEVEL", "must be TRACE, DEBUG, INFO, WARN, ERROR or FATAL (got \"\(text)\")")
            }
            logLevel = l
        }
        logFormat = .json
        if let text = env["AWS_LAMBDA_LOG_FORMAT"], !text.isEmpty {
            switch text.lowercased() {
            case "json": logFormat = .json
            case "text": logFormat = .text
            default: throw ConfigError(.invalidValue, "AWS_LAMBDA_LOG_FORMAT", "must be JSON or Text (got \"\(text)\")")
            }
        }
        switch env["METRICS"].flatMap({ $0.isEmpty ? nil : $0.lowercased() }) ?? "on" {
        case "on":
            let namespace = env["METRICS_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? Defaults.metricsNamespace
            // CloudWatch namespaces: 1 to 255 characters, not starting with "AWS/".
            guard namespace.count <= 255, !namespace.hasPrefix("AWS/"),
                  namespace.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
                throw ConfigError(.invalidValue, "METRICS_NAMESPACE", "must be 1 to 255 printable ASCII characters, not starting with AWS/ (got \"\(namespace)\")")
            }
            metrics = EmbeddedMetrics(namespace: namespace,
                                      functionName: env["AWS_LAMBDA_FUNCTION_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "esproxy")
        case "off":
            metrics = nil
        case let other:
            throw ConfigError(.invalidValue, "METRICS", "must be on or off (got \"\(other)\")")
        }
    }

    /// `path` resolved against the task root.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : taskRoot + "/" + path
    }

    static func integer(_ env: LambdaEnvironment, _ name: String, default value: Int,
                        range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let text = env[name], !text.isEmpty else { return value }
        guard let v = Int(text), range.contains(v) else {
            throw ConfigError(.invalidValue, name, "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(text)\")")
        }
        return v
    }

    /// Checks an OpenSearch index name or date pattern (`IndexPattern`).
    static func indexName(_ name: String, variable: String) throws(ConfigError) -> String {
        _ = try IndexPattern(name, variable: variable)
        return name
    }
}
