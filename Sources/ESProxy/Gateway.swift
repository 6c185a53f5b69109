import JSON
import JSONSchema
import LambdaRuntime

/// The request path of the product: route, method, media type, size, strict parse, schema,
/// id and `@timestamp`, write, answer. Built once at init; `handle` does no parsing or compiling
/// beyond the request's own body.
struct Gateway {
    let routes: RouteTable
    let store: any DocumentStore
    let ids: DocumentIDGenerator
    let maxBodyBytes: Int
    let clock: any LambdaClock
    let log: InvocationLogger
    let parserOptions = JSONParser.Options()

    /// Answers one request; every outcome, success or refusal, is one log line.
    func handle(_ request: GatewayRequest) -> GatewayResponse {
        let started = clock.monotonicNanoseconds()
        let outcome = process(request)
        let response: GatewayResponse
        switch outcome.result {
        case .success(let created): response = GatewayResponse(json: 201, created)
        case .failure(let error): response = GatewayResponse(error: error, requestID: request.requestID)
        }
        log.invocation(InvocationRecord(request, outcome, status: response.status,
                                        durationMilliseconds: clock.milliseconds(since: started)))
        return response
    }

    /// What one request came to: the answer and what the log line reports about it.
    struct Outcome {
        var route: Route?
        var validation: Validation = .skipped
        var validationErrors = 0
        var documentID: String?
        var write: WriteReport?
        var result: Result<JSON, GatewayError>
    }

    private func process(_ request: GatewayRequest) -> Outcome {
        guard let route = routes.route(for: request.path) else {
            return Outcome(result: .failure(GatewayError(.notFound, "no route for this path")))
        }
        if let refusal = admit(request, on: route) {
            return Outcome(route: route, result: .failure(refusal))
        }
        let object: JSONObject
        switch check(request.body, against: route) {
        case .valid(let o):
            object = o
        case .refused(let error, let validation, let count):
            return Outcome(route: route, validation: validation, validationErrors: count, result: .failure(error))
        }

        let id = ids.next()
        var stored = object
        stored["@timestamp"] = .string(Timestamp.iso8601(unixMilliseconds: clock.unixMilliseconds()))
        let report = store.create(index: route.index, id: id, document: JSON.object(stored).serializedBytes(),
                                  deadlineUnixMilliseconds: request.deadlineUnixMilliseconds)
        var outcome = Outcome(route: route, validation: .passed, documentID: id, write: report,
                              result: .success(["id": .string(id), "index": .string(route.index), "result": "created"]))
        if let error = report.error { outcome.result = .failure(error) }
        return outcome
    }

    /// The refusals decided before the body is read: method, media type, size.
    private func admit(_ request: GatewayRequest, on route: Route) -> GatewayError? {
        guard request.method == "POST" else {
            return GatewayError(.methodNotAllowed, "only POST is allowed on \(route.path)", headers: [("Allow", "POST")])
        }
        guard MediaType.isJSON(request.contentType) else {
            return GatewayError(.unsupportedMediaType, "Content-Type must be application/json")
        }
        guard request.body.count <= maxBodyBytes else {
            return GatewayError(.payloadTooLarge, "the body is larger than \(maxBodyBytes) bytes")
        }
        return nil
    }

    enum Verdict {
        case valid(JSONObject)
        case refused(GatewayError, Validation, errors: Int)
    }

    /// Parses the body strictly and checks it against the route's schema and the gateway's own
    /// rule, reporting every violation of both in one answer.
    func check(_ body: [UInt8], against route: Route) -> Verdict {
        let document: JSON
        do {
            document = try JSONParser.parse(body, options: parserOptions)
        } catch {
            return .refused(GatewayError(.invalidJSON, "the body is not valid JSON: \(error)"), .invalidJSON, errors: 0)
        }
        guard case .object(let object) = document else {
            return .refused(GatewayError(.notAnObject, "the body must be a JSON object, not \(document.typeName)"),
                            .notAnObject, errors: 0)
        }
        var details: [GatewayError.Detail] = object["@timestamp"] == nil ? [] : [Self.clientTimestamp]
        if !route.schema.isValid(document) {
            details += route.schema.validate(document).map(Self.detail)
        }
        guard details.isEmpty else {
            let shown = Array(details.prefix(Self.maxDetails))
            return .refused(GatewayError(.validationFailed, "the document does not match the schema", details: shown),
                            .failed, errors: shown.count)
        }
        return .valid(object)
    }

    /// At most this many violations are listed in one answer (the schema's own cap).
    static let maxDetails = SchemaOptions().maxErrors

    /// The gateway's own rule beside every route's schema, `{"properties": {"@timestamp": false}}`:
    /// the timestamp is the gateway's to set.
    static let clientTimestamp = GatewayError.Detail(
        instanceLocation: "/@timestamp", keywordLocation: "/properties/@timestamp",
        message: "/@timestamp: is set by the gateway and must not be sent")

    static func detail(_ e: ValidationError) -> GatewayError.Detail {
        GatewayError.Detail(instanceLocation: e.instanceLocation, keywordLocation: e.keywordLocation,
                            message: e.description)
    }
}

/// How the body fared against the route's checks: the log's `validation` field.
enum Validation: String, Sendable {
    case skipped
    case invalidJSON = "invalid_json"
    case notAnObject = "not_an_object"
    case failed
    case passed
}
