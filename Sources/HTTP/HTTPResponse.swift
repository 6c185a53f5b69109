/// The final response to an `HTTPRequest` (interim `1xx` responses are dropped).
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields in received order, names as the server spelled them, values trimmed.
    public var headers: [(name: String, value: String)]
    /// The response body (empty for `HEAD`).
    public var body: [UInt8]

    /// Creates a response; used by the client and by fakes in other modules' tests.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header field called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { asciiCaseInsensitiveEquals($0.name, name) }?.value
    }
}

