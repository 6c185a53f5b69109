/// The function's answer to an `HTTPEventRequest`, before it is written in the format of the
/// request's kind (`encoded(for:)`).
public struct HTTPEventResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields; repeated names are kept (`Set-Cookie` especially).
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]
    /// Send the body base64-encoded even when it is valid UTF-8 (binary content types). A body
    /// that is not valid UTF-8 is always base64-encoded.
    public var forceBase64: Bool

    /// Makes a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], forceBase64: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.forceBase64 = forceBase64
    }

    /// The status line text ALB wants in `statusDescription` ("200 OK").
    var statusDescription: String {
        let reason = Self.reasons[status].map { " \($0)" } ?? ""
        return "\(status)\(reason)"
    }

    private static let reasons: [Int: String] = [
        100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 206: "Partial Content",
        301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 307: "Temporary Redirect",
        308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
        411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large", 414: "URI Too Long",
        415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout",
    ]
}
