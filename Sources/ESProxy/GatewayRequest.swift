/// What the gateway needs of one HTTP request, whatever kind of event carried it.
public struct GatewayRequest: Sendable {
    public var method: String
    public var path: String
    /// The `Content-Type` header, if any.
    public var contentType: String?
    /// The body after any base64 decoding.
    public var body: [UInt8]
    /// The Lambda request id, echoed in error bodies and logs.
    public var requestID: String
    /// When Lambda stops the invocation, in Unix milliseconds.
    public var deadlineUnixMilliseconds: UInt64

    public init(method: String, path: String, contentType: String?, body: [UInt8], requestID: String,
                deadlineUnixMilliseconds: UInt64) {
        self.method = method
        self.path = path
        self.contentType = contentType
        self.body = body
        self.requestID = requestID
        self.deadlineUnixMilliseconds = deadlineUnixMilliseconds
    }
}

/// The gateway's answer, before it is shaped for the event kind.
public struct GatewayResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
}
