import LambdaRuntime

/// What the gateway needs of one HTTP request, whatever kind of event carried it.
struct GatewayRequest: Sendable {
    var method: String
    var path: String
    /// The `Content-Type` header, if any.
    var contentType: String?
    /// The body after any base64 decoding.
    var body: [UInt8]
    /// The Lambda request id, echoed in error bodies and logs.
    var requestID: String
    /// When Lambda stops the invocation, in Unix milliseconds.
    var deadlineUnixMilliseconds: UInt64
    /// `Origin`, sent by browsers on cross-origin requests.
    var origin: String? = nil
    /// `Access-Control-Request-Method` and `Access-Control-Request-Headers` of a preflight.
    var preflightMethod: String? = nil
    var preflightHeaders: String? = nil
    /// Every `Idempotency-Key` value (more than one is refused).
    var idempotencyKeys: [String] = []
}

extension GatewayRequest {
    /// The gateway's view of an event. HTTP API stages other than `$default` prefix the path with
    /// the stage name; routes are written without it.
    init(_ r: HTTPEventRequest, context: LambdaContext) {
        var path = r.path
        if r.kind == .httpAPI, let stage = r.stage, stage != "$default", path.hasPrefix("/\(stage)/") || path == "/\(stage)" {
            path = String(path.dropFirst(stage.utf8.count + 1))
            if path.isEmpty { path = "/" }
        }
        self.init(method: r.method, path: path, contentType: r.headers["content-type"], body: r.body,
                  requestID: context.requestID, deadlineUnixMilliseconds: UInt64(max(0, context.deadlineMilliseconds)),
                  origin: r.headers["origin"], preflightMethod: r.headers["access-control-request-method"],
                  preflightHeaders: r.headers.values("access-control-request-headers").joined(separator: ","),
                  idempotencyKeys: r.headers.values("idempotency-key"))
    }
}
