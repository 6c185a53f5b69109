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
    var maxBatchItems = GatewayConfig.Defaults.maxBatchItems
    /// `nil`: no CORS at all (`CORS_ALLOW_ORIGINS` unset).
    var cors: CORSPolicy? = nil
    let clock: any LambdaClock
    let log: InvocationLogger
    let parserOptions = JSONParser.Options()

    /// Answers one request; every outcome, success or refusal, is one log line.
    func handle(_ request: consuming GatewayRequest) -> GatewayResponse {
        let started = clock.monotonicNanoseconds()
        let outcome = process(&request)
        var response: GatewayResponse
        switch outcome.result {
        case .success(let answer): response = answer
        case .failure(let error): response = GatewayResponse(error: error, requestID: request.requestID)
        }
        // Every answer to an allowed origin is readable by its page, refusals included; a refused
        // preflight or origin gets none (the browser then reports the failure to the page).
        if let cors, let origin = request.origin, outcome.corsAllowed, cors.allows(origin) {
            response.headers += cors.responseHeaders(origin: origin).filter { h in
                !response.headers.contains { $0.name == h.name }
            }
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
        var keyed = false
        var replayed = false
        /// A batch's counts for the log.
        var batch: BatchCounts?
        /// False for a refused preflight or origin: such answers carry no CORS headers.
        var corsAllowed = true
        var result: Result<GatewayResponse, GatewayError>
    }

    /// `request.body` may be freed on the way (a batch frees it once its items are read).
    private func process(_ request: inout GatewayRequest) -> Outcome {
        guard let route = routes.route(for: request.path) else {
            return Outcome(result: .failure(GatewayError(.notFound, "no route for this path")))
        }
        if let cors, let origin = request.origin {
            if request.method == "OPTIONS", let method = request.preflightMethod {
                switch cors.preflight(origin: origin, method: method, requestHeaders: request.preflightHeaders) {
                case .success(let headers):
                    return Outcome(route: route, corsAllowed: false,
                                   result: .success(GatewayResponse(status: 204, headers: headers, body: [])))
                case .failure(let error):
                    return Outcome(route: route, corsAllowed: false, result: .failure(error))
                }
            }
            if request.method == "POST", !cors.allows(origin) {
                return Outcome(route: route, corsAllowed: false,
                               result: .failure(GatewayError(.originNotAllowed, "origin \(origin) may not call this API")))
            }
        }
        if let refusal = admit(request, on: route) {
            return Outcome(route: route, result: .failure(refusal))
        }
        let key: String?
        switch IdempotencyKey.parse(request.idempotencyKeys) {
        case .success(let k): key = k
        case .failure(let error): return Outcome(route: route, result: .failure(error))
        }
        if key != nil, ids.scheme == .none {
            return Outcome(route: route, keyed: true, result: .failure(GatewayError(
                .idempotencyUnsupported, "this route stores documents under ids the domain assigns, which cannot be deduplicated: send no Idempotency-Key")))
        }
        if let form = BatchForm(contentType: request.contentType, body: request.body) {
            return processBatch(&request, form, on: route, key: key)
        }
        let object: JSONObject
        switch check(request.body, against: route) {
        case .valid(let o):
            object = o
        case .refused(let error, let validation, let count):
            return Outcome(route: route, validation: validation, validationErrors: count, keyed: key != nil,
                           result: .failure(error))
        }

        let now = clock.unixMilliseconds()
        let index = route.indexPattern.resolve(unixMilliseconds: now)
        var stored = object
        stored["@timestamp"] = .string(Timestamp.iso8601(unixMilliseconds: now))
        let document = JSON.object(stored).serializedBytes()
        let id: String?
        let report: WriteReport
        if ids.scheme == .none {
            report = store.add(index: index, document: document, deadlineUnixMilliseconds: request.deadlineUnixMilliseconds)
            id = report.assignedID
        } else {
            let chosen = key.map { DocumentIDGenerator.nameBased(index: route.index, key: $0) } ?? ids.next()
            report = store.create(index: index, id: chosen, document: document,
                                  deadlineUnixMilliseconds: request.deadlineUnixMilliseconds)
            id = chosen
        }
        let replayed = key != nil && report.existed
        let result: Result<GatewayResponse, GatewayError>
        if let error = report.error {
            result = .failure(error)
        } else if let id {
            let answer: JSON = ["id": .string(id), "index": .string(index), "result": replayed ? "exists" : "created"]
            result = .success(GatewayResponse(json: replayed ? 200 : 201, answer,
                                              headers: replayed ? [("Idempotent-Replayed", "true")] : []))
        } else {
            result = .failure(GatewayError(.domainUnavailable, "the document store assigned no id"))
        }
        return Outcome(route: route, validation: .passed, documentID: id, write: report, keyed: key != nil,
                       replayed: replayed, result: result)
    }

    /// The refusals decided before the body is read: method, media type, size.
    private func admit(_ request: GatewayRequest, on route: Route) -> GatewayError? {
        guard request.method == "POST" else {
            return GatewayError(.methodNotAllowed, "only POST is allowed on \(route.path)", headers: [("Allow", "POST")])
        }
        guard MediaType.isJSON(request.contentType) || MediaType.isNDJSON(request.contentType) else {
            return GatewayError(.unsupportedMediaType, "Content-Type must be application/json (or application/x-ndjson for a batch)")
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

    /// Parses the body strictly and checks it (`check(document:against:)`).
    func check(_ body: [UInt8], against route: Route) -> Verdict {
        let document: JSON
        do {
            document = try JSONParser.parse(body, options: parserOptions)
        } catch {
            return .refused(GatewayError(.invalidJSON, "the body is not valid JSON: \(error)"), .invalidJSON, errors: 0)
        }
        return check(document: document, against: route)
    }

    /// Checks a document against the route's schema and the gateway's own rule, reporting every
    /// violation of both in one answer.
    func check(document: JSON, against route: Route) -> Verdict {
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
    /// A batch: its items' outcomes are counted in the log line instead.
    case batch
}
