import JSON

/// A refusal the client sees: an HTTP status, a stable code and a public message. Internal detail
/// (endpoints, keys, stack traces) never goes in here; it goes to the log.
struct GatewayError: Error, Sendable, Equatable {
    /// Stable, documented error codes (README, "Errors").
    enum Code: String, Sendable {
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case unsupportedMediaType = "unsupported_media_type"
        case payloadTooLarge = "payload_too_large"
        case tooManyItems = "too_many_items"
        case emptyBatch = "empty_batch"
        case invalidJSON = "invalid_json"
        case notAnObject = "not_an_object"
        case validationFailed = "validation_failed"
        case invalidIdempotencyKey = "invalid_idempotency_key"
        case idempotencyUnsupported = "idempotency_unsupported"
        case originNotAllowed = "origin_not_allowed"
        case headerNotAllowed = "header_not_allowed"
        case rejectedByDomain = "rejected_by_domain"
        case domainUnavailable = "domain_unavailable"
        case domainTimeout = "domain_timeout"
        case internalError = "internal_error"

        /// The HTTP status each code answers with.
        var status: Int {
            switch self {
            case .notFound: 404
            case .methodNotAllowed: 405
            case .unsupportedMediaType: 415
            case .payloadTooLarge, .tooManyItems: 413
            case .invalidJSON, .notAnObject, .emptyBatch, .validationFailed, .rejectedByDomain, .invalidIdempotencyKey,
                 .idempotencyUnsupported: 400
            case .originNotAllowed, .headerNotAllowed: 403
            case .domainUnavailable: 502
            case .domainTimeout: 504
            case .internalError: 500
            }
        }
    }

    /// One schema violation as the client sees it.
    struct Detail: Sendable, Equatable {
        let instanceLocation: String
        let keywordLocation: String
        let message: String

        init(instanceLocation: String, keywordLocation: String, message: String) {
            self.instanceLocation = instanceLocation
            self.keywordLocation = keywordLocation
            self.message = message
        }
    }

    let code: Code
    let message: String
    var details: [Detail]
    /// Extra response headers (`Allow` on 405).
    var headers: [(name: String, value: String)]

    init(_ code: Code, _ message: String, details: [Detail] = [], headers: [(name: String, value: String)] = []) {
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    static func == (a: GatewayError, b: GatewayError) -> Bool {
        a.code == b.code && a.message == b.message && a.details == b.details
            && a.headers.elementsEqual(b.headers, by: { $0.name == $1.name && $0.value == $1.value })
    }

    /// The one JSON error shape every refusal uses:
    /// `{"status":400,"error":"validation_failed","message":"…","details":[…],"requestId":"…"}`.
    func body(requestID: String) -> JSON {
        var o = JSONObject()
        o["status"] = .number(JSONNumber(code.status))
        o["error"] = .string(code.rawValue)
        o["message"] = .string(message)
        if !details.isEmpty {
            o["details"] = .array(details.map { d in
                var e = JSONObject()
                e["instanceLocation"] = .string(d.instanceLocation)
                e["keywordLocation"] = .string(d.keywordLocation)
                e["message"] = .string(d.message)
                return .object(e)
            })
        }
        o["requestId"] = .string(requestID)
        return .object(o)
    }
}
