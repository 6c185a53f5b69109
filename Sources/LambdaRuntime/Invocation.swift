import HTTP

/// One event as `/next` delivered it: the payload bytes and the response headers.
public struct Invocation: Sendable {
    /// The event payload, unchanged.
    public private(set) var event: [UInt8]
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

    /// The payload, handed over: the invocation keeps none of it, so the handler holds the only
    /// copy and can free it once read.
    mutating func takeEvent() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &event)
        return taken
    }
}
