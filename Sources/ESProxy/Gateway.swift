import JSON
import JSONSchema

/// The request path of the product: route, method, media type, size, strict parse, schema,
/// id and `@timestamp`, write, answer. Built once at init; `handle` does no parsing or compiling
/// beyond the request's own body.
public struct Gateway {
    let routes: RouteTable
    let store: any DocumentStore
    let ids: DocumentIDGenerator
    let maxBodyBytes: Int
    let clock: @Sendable () -> UInt64
    let parserOptions: JSONParser.Options
    let log: InvocationLogger

    /// A gateway over `routes` writing to `store`.
    public init(routes: RouteTable, store: any DocumentStore, ids: DocumentIDGenerator, maxBodyBytes: Int,
                log: InvocationLogger, clock: @escaping @Sendable () -> UInt64 = SystemClock.unixMilliseconds) {
        self.routes = routes
        self.store = store
        self.ids = ids
        self.maxBodyBytes = maxBodyBytes
        self.log = log
        self.clock = clock
        self.parserOptions = JSONParser.Options()
    }

    /// Answers one request; every outcome, success or refusal, is one log line.
    public func handle(_ request: GatewayRequest) -> GatewayResponse {
        let started = SystemClock.monotonicNanoseconds()
        var record = InvocationRecord(requestID: request.requestID, method: request.method, path: request.path)
        let response: GatewayResponse
        switch process(request, &record) {
        case .success(let created):
            response = Self.json(201, created, [])
        case .failure(let error):
            record.error = error.code.rawValue
            response = Self.json(error.code.status, error.body(requestID: request.requestID), error.headers)
        }
        record.status = response.status
        record.durationMilliseconds = Double(SystemClock.monotonicNanoseconds() - started) / 1e6
        log.invocation(record)
        return response
    }

    private func process(_ request: GatewayRequest, _ record: inout InvocationRecord) -> Result<JSON, GatewayError> {
        guard let route = routes.route(for: request.path) else {
            return .failure(GatewayError(.notFound, "no route for this path"))
        }
        record.route = route.path
        guard request.method == "POST" else {
            return .failure(GatewayError(.methodNotAllowed, "only POST is allowed on \(route.path)",
                                         headers: [("Allow", "POST")]))
        }
        guard MediaType.isJSON(request.contentType) else {
            return .failure(GatewayError(.unsupportedMediaType, "Content-Type must be application/json"))
        }
        guard request.body.count <= maxBodyBytes else {
            return .failure(GatewayError(.payloadTooLarge, "the body is larger than \(maxBodyBytes) bytes"))
        }
        let document: JSON
        do {
            document = try JSONParser.parse(request.body, options: parserOptions)
        } catch {
            record.validation = "invalid_json"
            return .failure(GatewayError(.invalidJSON, "the body is not valid JSON: \(error)"))
        }
        guard case .object(var object) = document else {
            record.validation = "not_an_object"
            return .failure(GatewayError(.notAnObject, "the body must be a JSON object, not \(document.typeName)"))
        }
        if !route.schema.isValid(document) {
            let errors = route.schema.validate(document)
            record.validation = "failed"
            record.validationErrors = errors.count
            return .failure(GatewayError(.validationFailed, "the document does not match the schema",
                                         details: errors.map(Self.detail)))
        }
        if object["@timestamp"] != nil {
            record.validation = "failed"
            record.validationErrors = 1
            return .failure(GatewayError(.validationFailed, "the document does not match the schema", details: [
                .init(instanceLocation: "/@timestamp", keywordLocation: "", message: "/@timestamp: is set by the gateway and must not be sent"),
            ]))
        }
        record.validation = "passed"

        let id = ids.next()
        record.documentID = id
        object["@timestamp"] = .string(Timestamp.iso8601(unixMilliseconds: clock()))
        let report = store.create(index: route.index, id: id, document: JSON.object(object).serializedBytes(),
                                  deadlineUnixMilliseconds: request.deadlineUnixMilliseconds)
        record.retries = report.retries
        record.domainMilliseconds = report.domainMilliseconds
        record.domainStatus = report.lastStatus
        if let error = report.error { return .failure(error) }

        var created = JSONObject()
        created["id"] = .string(id)
        created["index"] = .string(route.index)
        created["result"] = .string("created")
        return .success(.object(created))
    }

    static func detail(_ e: ValidationError) -> GatewayError.Detail {
        GatewayError.Detail(instanceLocation: e.instanceLocation, keywordLocation: e.keywordLocation,
                            message: e.description)
    }

    static func json(_ status: Int, _ body: JSON, _ extra: [(name: String, value: String)]) -> GatewayResponse {
        GatewayResponse(status: status, headers: [("Content-Type", "application/json")] + extra,
                        body: body.serializedBytes())
    }
}
