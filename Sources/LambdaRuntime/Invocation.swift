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

/// HTTP header names compare without regard to ASCII case (RFC 9110, 5.1).
func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { asciiLower($0) == asciiLower($1) }
}

@inline(__always)
func asciiLower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

extension String {
    /// The string with ASCII letters lowered (header names are ASCII).
    var asciiLowercased: String {
        String(decoding: utf8.map(asciiLower), as: UTF8.self)
    }
}
