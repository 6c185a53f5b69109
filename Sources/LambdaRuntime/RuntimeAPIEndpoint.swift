import HTTP

/// Where the Runtime API listens, parsed from `AWS_LAMBDA_RUNTIME_API`.
///
/// Lambda sets the variable to `host:port` (`127.0.0.1:9001`). For local setups we also accept a
/// URL, `http://host:port/base`, whose path is put in front of every API path. `https` is refused:
/// the Runtime API is plain HTTP on a local address.
public struct RuntimeAPIEndpoint: Equatable, Sendable {
    /// Host name or address; IPv6 addresses keep their brackets (`[::1]`).
    public let host: String
    /// TCP port.
    public let port: Int
    /// Path prefix without a trailing slash: `""` or `/base`.
    public let basePath: String

    /// Parses `host:port`, `host` (port 80) or `http://host[:port][/base]`.
    public init(parsing text: String) throws(RuntimeError) {
        func fail(_ why: String) -> RuntimeError {
            RuntimeError(.invalidRuntimeAPIEndpoint, "\(RuntimeAPI.endpointVariable)=\"\(text)\": \(why)")
        }
        guard !text.isEmpty else { throw fail("empty") }
        guard !text.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else {
            throw fail("contains spaces, control or non-ASCII characters")
        }
        var rest = Substring(text)
        if let (s, after) = URLScheme.split(rest) {
            let scheme = s.lowercased()
            guard scheme == "http" else { throw fail("only http is supported, not \(scheme)") }
            rest = after
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        guard !path.contains("?"), !path.contains("#") else { throw fail("query or fragment not allowed") }
        while path.hasSuffix("/") { path.removeLast() }

        var hostPart = rest
        var portText: Substring? = nil
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw fail("unclosed IPv6 bracket") }
            hostPart = rest[...close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("unexpected text after IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !hostPart.isEmpty, hostPart != "[]" else { throw fail("missing host") }
        guard !hostPart.contains("@") else { throw fail("user information not allowed") }
        var port = 80
        if let portText {
            guard let value = Self.parsePort(portText) else { throw fail("port must be 1...65535") }
            port = value
        }
        host = String(hostPart)
        self.port = port
        basePath = path
    }

    /// The full URL of an API path such as `/2018-06-01/runtime/invocation/next`.
    public func url(_ apiPath: String) -> String {
        "http://\(host):\(port)\(basePath)\(apiPath)"
    }

    private static func parsePort(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(text), (1...65535).contains(value) else { return nil }
        return value
    }
}
