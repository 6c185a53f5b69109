import LambdaRuntime
/// How documents are signed for the domain (`ES_SIGNING`).
public enum SigningMode: String, Sendable {
    /// SigV4 for service `es`: managed Amazon OpenSearch Service / Elasticsearch domains.
    case es
    /// SigV4 for service `aoss` (OpenSearch Serverless), which requires `x-amz-content-sha256`.
    case aoss
    /// No signing, for a self-run OpenSearch or Elasticsearch.
    case none
}

/// The gateway's configuration, read once from the environment at init and checked there: every
/// bad value is an init error naming the variable and the fix, never a failure on the hot path.
public struct GatewayConfig: Sendable {
    /// `ES_ENDPOINT`, required.
    public var endpoint: Endpoint
    /// `ES_INDEX`: the index of the default route.
    public var index: String
    /// `ES_SIGNING`.
    public var signing: SigningMode
    /// `SCHEMA_FILE`: the default route's schema, relative to `LAMBDA_TASK_ROOT` unless absolute.
    public var schemaFile: String
    /// `ROUTES_FILE`: optional; replaces the default route with the routes it lists.
    public var routesFile: String?
    /// `MAX_BODY_BYTES`: larger bodies get 413.
    public var maxBodyBytes: Int
    /// `ES_TIMEOUT_MS`: the budget for one document write, retries included (the invocation's
    /// deadline may cut it shorter).
    public var domainTimeoutMilliseconds: Int
    /// `DOC_ID`.
    public var documentIDs: DocumentIDScheme
    /// `AWS_REGION`, required when signing.
    public var region: String
    /// `LAMBDA_TASK_ROOT`: where relative file names are found.
    public var taskRoot: String

    /// The defaults the README's configuration table lists.
    public enum Defaults {
        public static let index = "bigsurvey"
        public static let schemaFile = "schemas/bigsurvey.json"
        public static let maxBodyBytes = 1_048_576
        /// Lambda's synchronous payload limit: a larger body can never arrive.
        public static let maxBodyBytesCeiling = 6_291_456
        public static let domainTimeoutMilliseconds = 10_000
    }

    /// Reads and checks the configuration from `environment`.
    public init(environment env: LambdaEnvironment) throws(ConfigError) {
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
        domainTimeoutMilliseconds = try Self.integer(env, "ES_TIMEOUT_MS", default: Defaults.domainTimeoutMilliseconds,
                                                     range: 100...900_000)

        let idText = env["DOC_ID"] ?? DocumentIDScheme.uuid4.rawValue
        guard let ids = DocumentIDScheme(rawValue: idText) else {
            throw ConfigError(.invalidValue, "DOC_ID", "must be uuid4 or uuid7 (got \"\(idText)\")")
        }
        documentIDs = ids

        region = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? ""
        if signing != .none && region.isEmpty {
            throw ConfigError(.missing, "AWS_REGION", "is required to sign requests (Lambda sets it; locally export AWS_REGION=us-east-1), or set ES_SIGNING=none")
        }
    }

    /// `path` resolved against the task root.
    public func resolve(_ path: String) -> String {
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

    /// Checks an OpenSearch index name: lower case, no path or wildcard characters, not `_`-led.
    static func indexName(_ name: String, variable: String) throws(ConfigError) -> String {
        let forbidden: Set<Character> = ["\\", "/", "*", "?", "\"", "<", ">", "|", " ", ",", "#", ":"]
        let ok = !name.isEmpty && name.utf8.count <= 255 && name != "." && name != ".."
            && !name.hasPrefix("_") && !name.hasPrefix("-") && !name.hasPrefix("+")
            && name == name.lowercased() && !name.contains(where: { forbidden.contains($0) || $0.isNewline })
        guard ok else {
            throw ConfigError(.invalidValue, variable, "\"\(name)\" is not a valid index name: use lower case letters, digits, - and _, not starting with _, - or +")
        }
        return name
    }
}
