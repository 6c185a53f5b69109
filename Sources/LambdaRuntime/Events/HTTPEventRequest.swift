/// One HTTP request delivered to Lambda by API Gateway (REST API payload 1.0, HTTP API payload
/// 2.0), a Lambda Function URL or an Application Load Balancer, in one shape.
///
/// Decode with `init(decoding:)`; answer with `HTTPEventResponse.encoded(for:)`, which writes the
/// response the way this request's `kind` expects.
public struct HTTPEventRequest: Sendable {
    /// Which integration sent the event; it decides the response format.
    public enum Kind: String, Sendable, Equatable {
        /// API Gateway REST API, payload format 1.0.
        case restAPI
        /// API Gateway HTTP API, payload format 2.0.
        case httpAPI
        /// Lambda Function URL (payload 2.0 shape).
        case functionURL
        /// Application Load Balancer target group.
        case applicationLoadBalancer
    }

    /// The integration.
    public var kind: Kind
    /// The method, as sent (`GET`, `POST`, …).
    public var method: String
    /// The path the API routes on: 1.0 and ALB `path`; 2.0 `requestContext.http.path`.
    public var path: String
    /// The path as the client sent it: 1.0 `requestContext.path` (with the stage), 2.0
    /// `rawPath`; ALB `path`. Falls back to `path` when the event lacks it.
    public var rawPath: String
    /// Query parameters in order, repeated names kept. 1.0 values come decoded by API Gateway;
    /// 2.0 values are percent-decoded here from `rawQueryString` (or, when that is empty, taken
    /// from `queryStringParameters`); ALB values are as ALB sent them (percent-encoded).
    public var query: [(name: String, value: String)]
    /// Header fields; for 2.0 the `cookies` array is folded back into one `cookie` header.
    public var headers: HTTPHeaders
    /// The body after base64 decoding when `isBase64Encoded` was true; empty when absent.
    public var body: [UInt8]
    /// The client address: 1.0 `identity.sourceIp`, 2.0 `http.sourceIp`, ALB the last
    /// `X-Forwarded-For` entry.
    public var sourceIP: String?
    /// API Gateway's request id (none for ALB).
    public var requestID: String?
    /// The API stage (none for ALB).
    public var stage: String?
    /// True when the event carried `multiValueHeaders`: for ALB whenever the field is present
    /// (the target group has them enabled, and its response must use only them), for REST APIs
    /// when it is non-empty. The response then uses them.
    public var usedMultiValueHeaders: Bool

    /// Makes a request (tests, adapters).
    public init(
        kind: Kind, method: String, path: String, rawPath: String? = nil,
        query: [(name: String, value: String)] = [], headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        sourceIP: String? = nil, requestID: String? = nil, stage: String? = nil, usedMultiValueHeaders: Bool = false
    ) {
        self.kind = kind
        self.method = method
        self.path = path
        self.rawPath = rawPath ?? path
        self.query = query
        self.headers = headers
        self.body = body
        self.sourceIP = sourceIP
        self.requestID = requestID
        self.stage = stage
        self.usedMultiValueHeaders = usedMultiValueHeaders
    }

    /// Every value of query parameter `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }
}
