import HTTP

/// One event as `/next` delivered it: the payload bytes and the response headers.
public struct Invocation: Sendable {
    /// The event payload, unchanged.
    public let event: [UInt8]
    /// The `/next` response headers in arrival order.
    public let headers: [(name: String, value: String)]

    /// Makes an invocation.
    public init(event: [UInt8], headers: [(name: String, value: String)]) {
        self.event = event
        self.headers = headers
    }

    /// The first header called `name`, compared without regard to ASCII case.
    public func header(_ name: String) -> String? {
        headers.first { asciiCaseInsensitiveEquals($0.name, name) }?.value
    }
}
