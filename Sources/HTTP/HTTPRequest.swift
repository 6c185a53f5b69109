/// One HTTP/1.1 request, sent by `HTTPClient.send(_:)`.
///
/// The body is sent for every method that has one (`PUT`, `POST`, also `GET` with a body); an
/// empty body on `GET`, `HEAD`, `DELETE` and `OPTIONS` sends no `Content-Length`.
public struct HTTPRequest: Sendable {
    /// The method token, e.g. `GET`, `PUT`, `POST`, `HEAD`, `DELETE`.
    public var method: String
    /// The absolute `http://` or `https://` URL, already percent-encoded.
    public var url: String
    /// Header fields in sending order. libcurl's defaults (`Accept: */*`, `Expect: 100-continue`,
    /// a form `Content-Type`) are suppressed unless listed here. `Host` and `Content-Length` are
    /// written by libcurl; set them here only to override.
    public var headers: [(name: String, value: String)]
    /// The request body, sent as is.
    public var body: [UInt8]
    /// Total time limit for this request (connect, send, wait, receive), or nil for the
    /// client's `Configuration.timeoutMilliseconds`.
    public var timeoutMilliseconds: Int?
    /// Whether the request may go out more than once. A repeatable request that died on a reused
    /// connection before any response byte is sent once more on a fresh one
    /// (`ReusedConnectionRetry`). One that is not (a `POST` whose repeat would store a second
    /// document) goes out on a fresh connection, since libcurl itself resends a request whose
    /// reused connection died unanswered, and is never resent.
    public var repeatable: Bool

    /// Creates a request; only the URL is required.
    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        timeoutMilliseconds: Int? = nil,
        repeatable: Bool = true
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutMilliseconds = timeoutMilliseconds
        self.repeatable = repeatable
    }
}
