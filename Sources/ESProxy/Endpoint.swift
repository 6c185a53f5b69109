import HTTP

/// The domain's base URL (`ES_ENDPOINT`): HTTPS anywhere, plain HTTP only to a loopback host.
struct Endpoint: Sendable, Equatable {
    /// `https` or `http`.
    let scheme: String
    /// The host name or address, without brackets.
    let host: String
    /// The port, when the URL names one.
    let port: Int?

    /// The value of the `Host` header (and of the signed `host`).
    var hostHeader: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(h):\($0)" } ?? h
    }

    /// The URL without a trailing slash, to which paths are appended.
    var baseURL: String { "\(scheme)://\(hostHeader)" }

    /// Parses `text`; the error says what was wrong.
    init(parsing text: String, variable: String = "ES_ENDPOINT") throws(ConfigError) {
        func fail(_ why: String) -> ConfigError {
            ConfigError(.invalidValue, variable, "\(why) (got \"\(text)\"; expected e.g. https://search-mydomain-abc.us-east-1.es.amazonaws.com)")
        }
        guard let (schemeText, after) = URLScheme.split(Substring(text)) else { throw fail("not a URL") }
        let scheme = schemeText.lowercased()
        var rest = after
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty else { throw fail("no host") }
        guard !rest.contains(where: { "/?#@ ".contains($0) }) else {
            throw fail("only scheme, host and port are allowed: no path, query, user or spaces")
        }
        var host = rest
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw fail("unclosed IPv6 bracket") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()) else { throw fail("bad port") }
                port = p
            }
        } else if let colon = rest.lastIndex(of: ":") {
            guard let p = Int(rest[rest.index(after: colon)...]) else { throw fail("bad port") }
            host = rest[..<colon]
            port = p
        }
        if let p = port, !(1...65535).contains(p) { throw fail("port out of range") }
        guard !host.isEmpty else { throw fail("no host") }
        switch scheme {
        case "https": break
        case "http":
            guard Self.isLoopback(String(host)) else {
                throw fail("plain http is allowed only for a loopback host (127.0.0.1, localhost, ::1); use https")
            }
        default: throw fail("scheme must be https")
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
            && host.split(separator: ".", omittingEmptySubsequences: false).count == 4
    }
}
